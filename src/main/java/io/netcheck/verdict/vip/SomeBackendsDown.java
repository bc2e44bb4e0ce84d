package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.VipEvidence;
import java.util.List;
import java.util.Optional;

/** The VIP serves, but not every real server does: capacity is reduced and one more failure is an outage. */
public final class SomeBackendsDown implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "some-backends-down";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        if (!e.vip().state().up() || !e.hasBackends() || e.backendsUp() == e.backends().size()) {
            return Optional.empty();
        }
        long down = e.backends().size() - e.backendsUp();
        return Optional.of(new Finding(Cause.DEGRADED, Confidence.HIGH,
                down + " of " + e.backends().size() + " real servers are down; the VIP still serves",
                "The VIP works (" + Describe.exchange(e.vip()) + "), but probed directly, " + Describe.backends(e)
                        + ". The load balancer is running on reduced capacity.",
                List.of("repair the failing real servers", "confirm the LB's health check has taken them out"))
                .withSignals("the VIP serves: " + Describe.exchange(e.vip()),
                        "probed directly, " + Describe.backends(e)));
    }
}
