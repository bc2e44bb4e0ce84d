package io.netcheck.verdict.vip;

import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.EndpointState;
import io.netcheck.check.VipEvidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Unfinished;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Step 3 did not finish: a real server's probe outlived its deadline. Every rule below this one weighs the real
 * servers (down, refusing, behind the LB), and an unfinished probe is neither up nor down, so the verdict stops here
 * rather than count it as a failed server.
 */
public final class BackendProbeOverran implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "backend-probe-overran";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        List<EndpointEvidence> unfinished = e.backends().stream()
                .filter(b -> b.state() == EndpointState.OVERRAN).toList();
        if (unfinished.isEmpty()) {
            return Optional.empty();
        }
        String which = unfinished.stream().map(b -> b.target().label()).collect(Collectors.joining(", "));
        return Optional.of(Unfinished.finding("step 3 did not finish: netcheck's probe of " + which
                + " outlived its deadline", "Step 3: the probe of " + which + " did not finish in time",
                "whether " + (unfinished.size() == 1 ? "that real server answers" : "those real servers answer")
                        + ", and every verdict that weighs the real servers would be a guess"));
    }
}
