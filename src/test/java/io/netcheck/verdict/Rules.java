package io.netcheck.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

/** Assertions for {@link Rule}s of the single-probe commands, like {@link RuleTestSupport} for VIP rules. */
public final class Rules {
    private Rules() {
    }

    public static <E> Finding fires(Rule<E> rule, E e, Cause expected) {
        Optional<Finding> f = rule.evaluate(e);
        assertTrue(f.isPresent(), rule.id() + " should fire");
        assertEquals(expected, f.get().cause(), f.get().explanation());
        return f.get();
    }

    public static <E> void silent(Rule<E> rule, E e) {
        Optional<Finding> f = rule.evaluate(e);
        assertTrue(f.isEmpty(), () -> rule.id() + " should not fire but said " + f.get().cause() + ": "
                + f.get().summary());
    }

    /** The rule of {@code table} that decides, and its finding. */
    public static <E> String decidingRule(List<Rule<E>> table, E e) {
        for (Rule<E> r : table) {
            if (r.evaluate(e).isPresent()) {
                return r.id();
            }
        }
        return "none";
    }

    public static void cites(Finding f, String... fragments) {
        RuleTestSupport.cites(f, fragments);
    }

    /**
     * The confidence an engine grants the finding ({@link Finding#calibrated()}), how many independent signals it
     * rests on, and that each fragment is in one of them.
     */
    public static void rests(Finding f, Confidence calibrated, int signals, String... fragments) {
        assertEquals(signals, f.signals().size(), () -> "signals: " + f.signals());
        assertEquals(calibrated, f.calibrated(), () -> "signals: " + f.signals());
        for (String fragment : fragments) {
            assertTrue(f.signals().stream().anyMatch(s -> s.contains(fragment)),
                    () -> "expected '" + fragment + "' in a signal: " + f.signals());
        }
    }
}
