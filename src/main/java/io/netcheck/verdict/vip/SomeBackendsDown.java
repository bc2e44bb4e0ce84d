package io.netcheck.verdict.vip;

import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.VipEvidence;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The VIP serves, but not every real server does: capacity is reduced and one more failure is an outage. A server
 * that answers "no" itself (RST, an error) is down from anywhere; one that is only silent or unreachable was probed
 * from netcheck's position, not the load balancer's (step 3 of the checklist), so a filter on netcheck's path to it
 * looks the same: then MEDIUM, unless the agent on the LB ({@code --from}) probed it.
 */
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
        List<EndpointEvidence> silent = e.backends().stream().filter(b -> b.state().silentOrUnreachable()).toList();
        boolean fromLb = e.lbSide() != null;
        List<String> signals = new ArrayList<>(List.of("the VIP serves: " + Describe.exchange(e.vip()),
                "probed directly" + (fromLb ? " from the load balancer's side (" + e.lbSide().agent() + ")" : "")
                        + ", " + Describe.backends(e)));
        Confidence confidence = Confidence.HIGH;
        String position = "";
        if (!silent.isEmpty() && !fromLb) {
            // Silence from here is one position's view: the LB may well reach them.
            confidence = Confidence.MEDIUM;
            position = " The silent ones were probed from netcheck's position, not the load balancer's: a filter "
                    + "between netcheck and them would look the same, so check the LB's health status for them too.";
        }
        return Optional.of(new Finding(Cause.DEGRADED, confidence,
                down + " of " + e.backends().size() + " real servers are down; the VIP still serves",
                "The VIP works (" + Describe.exchange(e.vip()) + "), but probed directly, " + Describe.backends(e)
                        + ". The load balancer is running on reduced capacity." + position,
                List.of("repair the failing real servers", "confirm the LB's health check has taken them out"))
                .withSignals(signals));
    }
}
