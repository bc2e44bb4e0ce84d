package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.EndpointState;
import io.netcheck.check.VipEvidence;
import java.util.List;
import java.util.Optional;

/** The VIP answers with a 5xx that no load balancer signature explains: the application's own error. */
public final class ApplicationError implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "application-error";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        if (e.vip().state() != EndpointState.HTTP_ERROR || e.vip().response().generatedBy() != null) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.APP_ERROR, Confidence.MEDIUM,
                "the application answers " + e.vip().response().status() + " through the VIP",
                "The network and load balancer deliver the request: " + Describe.connect(e.vip()) + ", then "
                        + Describe.exchange(e.vip()) + ". The error page carries no load balancer signature, so it "
                        + "comes from the application.",
                List.of("check the application's logs for this request", "re-run with --backends to see which "
                        + "real servers fail")).withSignals(Describe.exchange(e.vip())));
    }
}
