package io.netcheck.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.command.CommandParser;
import io.netcheck.command.Limits;
import io.netcheck.command.WatchLimits;
import io.netcheck.verdict.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry: every command is one kind, listed once, fully declared. */
class CheckKindsTest {
    private final CommandParser parser = CheckKinds.parser(Limits.DEFAULTS);

    @Test
    void everyKindIsACommandWithItsOwnHelpAndAnOverviewLine() {
        assertEquals(CheckKinds.ALL.stream().map(CheckKind::verb).toList(), parser.verbs());
        for (CheckKind<?, ?> kind : CheckKinds.ALL) {
            assertTrue(parser.helpFor(kind.verb()).startsWith("usage: " + kind.verb()), kind.verb());
            assertTrue(parser.usage().contains("\n  " + kind.summary() + "\n"), kind.verb());
            assertFalse(kind.examples().isEmpty(), kind.verb() + " has no example in the help");
            kind.examples().forEach(e -> assertTrue(e.startsWith(kind.verb() + " "), e));
        }
    }

    @Test
    void everyExampleInTheHelpParses() throws Exception {
        for (CheckKind<?, ?> kind : CheckKinds.ALL) {
            for (String example : kind.examples()) {
                assertTrue(parser.parse(List.of(example.split(" "))) instanceof io.netcheck.command.Command.Check<?>,
                        example);
            }
        }
    }

    @Test
    void ruleIdsAreUniqueWithinEachTable() {
        for (CheckKind<?, ?> kind : CheckKinds.ALL) {
            Set<String> ids = new HashSet<>();
            for (Rule<?> rule : kind.rules()) {
                assertTrue(ids.add(rule.id()), kind.verb() + ": rule id " + rule.id() + " twice");
            }
            assertFalse(ids.isEmpty(), kind.verb() + " has no rules");
        }
    }

    @Test
    void twoCommandsWithOneVerbStopTheStartUp() {
        List<CheckKind<?, ?>> twice = new ArrayList<>(CheckKinds.ALL);
        twice.add(new TcpKind());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new CommandParser(Limits.DEFAULTS, WatchLimits.DEFAULTS, twice));
        assertTrue(e.getMessage().contains("two commands named tcp"), e.getMessage());
    }
}
