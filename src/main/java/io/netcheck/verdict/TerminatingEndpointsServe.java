package io.netcheck.verdict;

import io.netcheck.checklist.PoolEndpoint;
import io.netcheck.checklist.PoolEvidence;
import io.netcheck.checklist.ServiceView;
import io.netcheck.checklist.VipEvidence;
import java.util.List;
import java.util.Optional;

/**
 * The VIP works, but no endpoint is ready: it is carried by pods that are terminating and still serving (kube-proxy
 * falls back to those when nothing is ready). It will fail when they exit.
 */
final class TerminatingEndpointsServe implements VipRule {
    @Override
    public String id() {
        return "terminating-endpoints-serve";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        ServiceView v = PoolEvidence.pool(e);
        List<PoolEndpoint> terminating = PoolEvidence.terminatingButAccepting(e);
        if (v == null || v.ready() > 0 || terminating.isEmpty() || !e.vip().state().up()) {
            return Optional.empty();
        }
        String listed = PoolEvidence.list(e, terminating, 5);
        return Optional.of(new Finding(Cause.DEGRADED, Confidence.HIGH,
                "the VIP is served only by pods that are shutting down: " + listed,
                "No endpoint of " + ClusterWords.service(v) + " is ready; the VIP still answers ("
                        + Describe.exchange(e.vip()) + ") because terminating pods still accept connections: " + listed
                        + ". When they exit, the Service has no endpoint left and the VIP fails.",
                List.of("find why the replacement pods are not ready: kubectl get pods -n " + v.namespace() + " -l "
                        + v.selectorText(), "check the rollout: kubectl rollout status for the Service's workload"))
                .withSignals("the cluster: 0 ready, " + terminating.size() + " terminating endpoint(s)",
                        "the terminating pods accept connections when probed directly", "the VIP serves: "
                                + Describe.exchange(e.vip())));
    }
}
