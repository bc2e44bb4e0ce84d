package io.netcheck.report;

import io.netcheck.capture.AddressText;
import io.netcheck.capture.Hops;
import io.netcheck.check.VipHostEvidence;
import java.util.List;

/**
 * The probed address's own host (its echo, its second port) as a sub-step: the reference "who answered?" is judged
 * against, for the VIP ({@code vip}) and for the target of {@code tcp}, {@code tls} and {@code http}.
 */
final class HostStep {
    private HostStep() {
    }

    /** @param whose "VIP" or "target": the report's words for the address */
    static Step of(VipHostEvidence h, String name, String whose) {
        boolean measured = !h.own().isEmpty() || !h.errors().isEmpty();
        String summary = h.own().isEmpty() ? h.errors().isEmpty() ? "the " + whose + " host could not be measured"
                : "no host answers as the " + whose + " address; " + AddressText.of(h.errors().get(0).from())
                + " answers for it"
                : "the " + whose + " host answers from " + Hops.text(h.own().get(0).hops());
        List<Fact> facts = h.all().stream().map(a -> new Fact("sent", a.describe())).toList();
        return new Step(name, "The " + whose + " host's own answers", measured ? StepStatus.PASS : StepStatus.SKIPPED,
                measured ? "MEASURED" : "NOT_MEASURED", summary, facts, h.packets(), List.of());
    }
}
