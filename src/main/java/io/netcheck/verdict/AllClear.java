package io.netcheck.verdict;

import io.netcheck.checklist.VipEvidence;
import java.util.List;
import java.util.Optional;

/** The VIP answers, and so does every real server given. */
final class AllClear implements VipRule {
    @Override
    public String id() {
        return "all-clear";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        if (!e.vip().state().up() || e.backendsUp() != e.backends().size()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.HEALTHY, e.hasBackends() ? Confidence.HIGH : Confidence.MEDIUM,
                e.vip().target().label() + " answers" + (e.hasBackends() ? ", and so do all "
                        + e.backends().size() + " real servers" : ""),
                "From netcheck's position the VIP works end to end: " + Describe.connect(e.vip()) + "; "
                        + Describe.exchange(e.vip()) + "." + (e.hasBackends() ? " " + Describe.backends(e) + "." : "")
                        + " If users still fail, compare their network position (source address, DNS view) "
                        + "with this host's.",
                List.of()).withSignals("the VIP serves: " + Describe.exchange(e.vip()),
                e.hasBackends() ? "probed directly, " + Describe.backends(e) : null));
    }
}
