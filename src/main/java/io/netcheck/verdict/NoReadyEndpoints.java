package io.netcheck.verdict;

import io.netcheck.checklist.PoolEndpoint;
import io.netcheck.checklist.PoolEvidence;
import io.netcheck.checklist.ServiceView;
import io.netcheck.checklist.VipEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Service has pods, but Kubernetes marks none of them ready, and the VIP fails: the pods are down (or fail
 * their readiness probe). The pods' own state is the proof, with each one probed directly.
 */
final class NoReadyEndpoints implements VipRule {
    @Override
    public String id() {
        return "no-ready-endpoints";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        ServiceView v = PoolEvidence.pool(e);
        if (v == null || v.problem() != null || v.endpoints().isEmpty() || v.ready() > 0 || e.vip().state().up()) {
            return Optional.empty();
        }
        List<PoolEndpoint> all = v.endpoints();
        long answering = all.stream().map(p -> PoolEvidence.probe(e, p)).filter(b -> b != null && b.state().up()).count();
        String pods = PoolEvidence.list(e, all, 5);
        String why = answering == 0 ? "and probed directly none of them answers either: " + Describe.backends(e)
                : answering + " of them answer when probed directly, so they run but fail their readiness probe, "
                + "and Kubernetes keeps them out of the pool";
        List<String> next = new ArrayList<>(List.of("kubectl get pods -n " + v.namespace() + " -l " + v.selectorText()
                + " -o wide; kubectl describe pod for the readiness probe's failures and restarts"));
        next.add(answering == 0 ? "start or repair the pods; the VIP recovers once one is ready"
                : "fix the readiness probe or what it checks; the VIP recovers once a pod is ready");
        List<String> signals = new ArrayList<>(List.of("the cluster: 0 of " + all.size() + " endpoints of " + v.label()
                + " are ready (" + pods + ")", "the VIP fails: " + Describe.connect(e.vip())));
        if (answering == 0 && e.hasBackends()) {
            signals.add("probed directly, no pod answers: " + Describe.backends(e));
        }
        return Optional.of(new Finding(Cause.BACKENDS_DOWN, Confidence.HIGH,
                "no pod behind " + v.label() + " is ready, so the VIP has no endpoint to send to",
                "The cluster lists " + all.size() + " endpoint" + (all.size() == 1 ? "" : "s") + " for "
                        + ClusterWords.service(v) + ", none ready: " + pods + "; " + why + ". The VIP fails: "
                        + Describe.connect(e.vip()) + ".", next).withSignals(signals));
    }
}
