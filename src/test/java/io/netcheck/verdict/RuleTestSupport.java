package io.netcheck.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.VipEvidence;
import java.util.Optional;

public final class RuleTestSupport {
    private RuleTestSupport() {
    }

    public static Finding fires(Rule<VipEvidence> rule, VipEvidence e, Cause expected) {
        Optional<Finding> f = rule.evaluate(e);
        assertTrue(f.isPresent(), rule.id() + " should fire");
        assertEquals(expected, f.get().cause(), f.get().explanation());
        return f.get();
    }

    public static void silent(Rule<VipEvidence> rule, VipEvidence e) {
        Optional<Finding> f = rule.evaluate(e);
        assertTrue(f.isEmpty(), () -> rule.id() + " should not fire but said " + f.get().cause() + ": "
                + f.get().summary());
    }

    public static void cites(Finding f, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(f.explanation().contains(fragment) || f.summary().contains(fragment),
                    "expected '" + fragment + "' in: " + f.summary() + " / " + f.explanation());
        }
    }
}
