package io.netcheck.verdict;

import io.netcheck.checklist.PoolEvidence;
import io.netcheck.checklist.ServiceView;
import io.netcheck.checklist.VipEvidence;
import java.util.List;
import java.util.Optional;

/**
 * The cluster proves the Service's pool cannot fill, and the VIP fails accordingly: no selector and no slices, a
 * selector matching no pod, or a targetPort no pod exposes. A configuration fault of the Service, not of the pods,
 * the path or the load balancer. Ahead of the path rules: kube-proxy's REJECT for a Service without endpoints is an
 * ICMP port unreachable that would otherwise read as a firewall.
 */
final class ServicePoolMisconfigured implements VipRule {
    @Override
    public String id() {
        return "service-misconfigured";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        ServiceView v = PoolEvidence.pool(e);
        if (v == null || v.problem() == null || e.vip().state().up()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.SERVICE_MISCONFIGURED, Confidence.HIGH, ClusterWords.problem(v),
                "The cluster says " + ClusterWords.problem(v) + " (" + ClusterWords.service(v) + "). So the VIP has "
                        + "nowhere to send connections, and it fails: " + Describe.connect(e.vip()) + ". The pods, the "
                        + "network and the load balancer are not at fault; the Service's definition is.",
                List.of(ClusterWords.problemNext(v), "kubectl describe service " + v.name() + " -n " + v.namespace()))
                .withSignals("the cluster: " + ClusterWords.problem(v),
                        "the VIP fails as an empty pool does: " + Describe.connect(e.vip())));
    }
}
