package io.netcheck.verdict;

import io.netcheck.checklist.PoolEndpoint;
import io.netcheck.checklist.PoolEvidence;
import io.netcheck.checklist.ServiceView;
import io.netcheck.checklist.VipEvidence;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes marks an endpoint ready, so kube-proxy sends it connections, but the pod refuses them on the target
 * port. Some of them: those pods are broken while their readiness probe passes (server team; the VIP fails for
 * the share of connections they get). All of them: every pod called ready refuses the port the Service sends to,
 * which is the Service's targetPort pointing where the pods do not listen (the Service's owner) — or pods without a
 * readiness probe, so only MEDIUM.
 */
final class ReadyEndpointRefuses implements VipRule {
    @Override
    public String id() {
        return "ready-endpoint-refuses";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        ServiceView v = PoolEvidence.pool(e);
        List<PoolEndpoint> refusing = PoolEvidence.readyButRefusing(e);
        if (v == null || refusing.isEmpty()) {
            return Optional.empty();
        }
        String listed = PoolEvidence.list(e, refusing, 5);
        if (refusing.size() == v.ready()) {
            return Optional.of(new Finding(Cause.SERVICE_MISCONFIGURED, Confidence.MEDIUM,
                    "every pod Kubernetes calls ready refuses targetPort " + v.targetPort() + " of " + v.label(),
                    "The cluster marks " + v.ready() + " endpoint" + (v.ready() == 1 ? "" : "s") + " of "
                            + ClusterWords.service(v) + " ready, and each refuses the connection when probed: " + listed
                            + ". Pods that pass their readiness check but refuse the port the Service sends to usually "
                            + "mean the targetPort is not the port the application listens on; pods without a readiness "
                            + "probe (ready as soon as they start) look the same. The VIP: " + Describe.connect(e.vip())
                            + (e.vip().connected() ? "; " + Describe.exchange(e.vip()) : "") + ".",
                    List.of("compare targetPort " + v.targetPort() + " with the port the pods listen on (kubectl exec … "
                                    + "ss -ltn, or the containerPort)",
                            "check that the pods have a readiness probe on that port"))
                    .withSignals("the cluster: " + v.ready() + " endpoint(s) marked ready", "probed directly, each refuses: "
                            + listed));
        }
        boolean vipUp = e.vip().state().up();
        return Optional.of(new Finding(vipUp ? Cause.DEGRADED : Cause.BACKENDS_DOWN, Confidence.HIGH,
                refusing.size() + " pod" + (refusing.size() == 1 ? "" : "s") + " marked ready refuse"
                        + (refusing.size() == 1 ? "s" : "") + " connections: " + listed,
                "Kubernetes marks these endpoints of " + v.label() + " ready, so kube-proxy keeps sending them "
                        + "connections, but probed directly they refuse: " + listed + ". A readiness probe that passes "
                        + "while the port the Service sends to does not serve; clients reaching such a pod through the "
                        + "VIP fail. The VIP: " + Describe.connect(e.vip())
                        + (e.vip().connected() ? "; " + Describe.exchange(e.vip()) : "") + ".",
                List.of("make the readiness probe test the port the Service sends to (targetPort " + v.targetPort() + ")",
                        "restart or repair the refusing pod(s): kubectl describe pod -n " + v.namespace()))
                .withSignals("the cluster: marked ready in " + v.label() + "'s EndpointSlices",
                        "probed directly, refused: " + listed));
    }
}
