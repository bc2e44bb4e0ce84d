package io.netcheck.report;

import io.netcheck.checklist.ClusterPool;
import io.netcheck.checklist.EndpointEvidence;
import io.netcheck.checklist.PoolEndpoint;
import io.netcheck.checklist.PoolEvidence;
import io.netcheck.checklist.ServiceView;
import io.netcheck.checklist.VipCheckRequest;
import io.netcheck.checklist.VipEvidence;
import java.util.ArrayList;
import java.util.List;

/** Where a svc/ check's VIP and pool came from, and where the cluster and the probes disagree, as report facts. */
final class ClusterFacts {
    private ClusterFacts() {
    }

    /** Step 1: the Service the VIP address was read from. */
    static List<Fact> vip(VipEvidence e) {
        ClusterPool c = e.request().cluster();
        if (c == null || c.vipService() == null || !c.resolved()) {
            return List.of();
        }
        ServiceView v = c.vipView() != null ? c.vipView() : c.view();
        String from = switch (v.via()) {
            case CLUSTERIP -> "its clusterIP";
            case LOADBALANCER -> "its load-balancer address (status.loadBalancer.ingress)";
            case NODEPORT -> "the nodePort on the node of its first endpoint";
        };
        return List.of(new Fact("vip from", v.label() + " (type " + v.type() + ", port " + v.servicePort() + "): "
                + from + ", " + v.vip().label()));
    }

    /** Step 3: the Service the real servers were read from, its slices and the call-outs. */
    static List<Fact> pool(VipEvidence e) {
        ServiceView v = PoolEvidence.pool(e);
        if (v == null) {
            return List.of();
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("pool from", v.label() + " port " + v.servicePort() + " → targetPort " + v.targetPort()
                + ", selector " + v.selectorText() + "; EndpointSlices " + (v.slices().isEmpty() ? "none"
                : String.join(", ", v.slices())) + " (discovery.k8s.io/v1)"));
        facts.add(new Fact("cluster view", v.endpoints().size() + " endpoints: " + v.ready() + " ready, "
                + v.count(p -> !p.ready() && !p.terminating()) + " not ready, " + v.count(PoolEndpoint::terminating)
                + " terminating"));
        if (v.problem() != null) {
            facts.add(new Fact("misconfigured", switch (v.problem()) {
                case NO_SELECTOR -> "no selector and no EndpointSlice: nothing fills the pool";
                case SELECTOR_MATCHES_NO_PODS -> "the selector matches no pod with an address";
                case TARGET_PORT_NOT_EXPOSED -> "no selected pod exposes targetPort " + v.targetPort();
            }));
        }
        List<PoolEndpoint> refusing = PoolEvidence.readyButRefusing(e);
        if (!refusing.isEmpty()) {
            facts.add(new Fact("called out", "marked ready but refuses: " + PoolEvidence.list(e, refusing, 8)));
        }
        List<PoolEndpoint> terminating = PoolEvidence.terminatingButAccepting(e);
        if (!terminating.isEmpty()) {
            facts.add(new Fact("called out", "terminating but still accepting connections: "
                    + PoolEvidence.list(e, terminating, 8)));
        }
        v.notes().forEach(n -> facts.add(new Fact("note", n)));
        return facts;
    }

    /** One real server's sub-step gets its pod, node and condition. */
    static Step endpoint(VipEvidence e, EndpointEvidence b, Step step) {
        ServiceView v = PoolEvidence.pool(e);
        PoolEndpoint p = v == null ? null : v.endpoint(b.target());
        if (p == null) {
            return step;
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("kubernetes", (p.pod() == null ? "no pod" : "pod " + p.pod()) + (p.node() == null ? ""
                : " on node " + p.node()) + ", " + p.condition() + " (slice " + p.slice() + ")"));
        facts.addAll(step.facts());
        return new Step(step.name(), step.title(), step.status(), step.outcome(), step.summary(), facts, step.packets(),
                step.substeps());
    }

    /** The command as typed for the Service parts: "vip svc/web.shop:http (10.96.0.10:80)". */
    static String vipWord(VipCheckRequest r) {
        ClusterPool c = r.cluster();
        return c == null || c.vipService() == null ? r.vip().label() : c.vipService().label() + " (" + r.vip().label() + ")";
    }
}
