package io.netcheck.verdict.http;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.HttpEvidence;
import java.util.List;
import java.util.Optional;

/**
 * A 5xx that a load balancer or proxy wrote itself (LoadBalancerSignatures): the proxy could not get an
 * answer from its backends, as in the VIP checklist.
 */
public final class HttpLbErrorPage implements Rule<HttpEvidence> {
    @Override
    public String id() {
        return "http-lb-error-page";
    }

    @Override
    public Optional<Finding> evaluate(HttpEvidence e) {
        var r = e.response();
        if (r == null || r.generatedBy() == null) {
            return Optional.empty();
        }
        var sig = r.generatedBy();
        return Optional.of(new Finding(Cause.BACKENDS_DOWN, Confidence.MEDIUM,
                sig.product() + " in front of " + e.last().url().getHost() + " answers " + r.status() + " itself",
                HttpWords.hop(e.last()) + ". That page is " + sig.product() + "'s own (" + sig.evidence() + "): "
                        + sig.meaning() + ". The load balancer is reachable and working; the servers behind it are "
                        + "not answering it.",
                List.of("netcheck vip " + e.last().url().getHost() + ":" + e.last().attempt().address().getPort()
                        + " --backends <the real servers> to see which ones fail",
                        "check the load balancer's health-check status for this pool")));
    }
}
