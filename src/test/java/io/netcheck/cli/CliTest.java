package io.netcheck.cli;

import io.netcheck.kind.CheckKinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.command.CommandParser;
import io.netcheck.command.Limits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI's answers that need no network: channel commands and usage errors exit 2 with a reason. */
class CliTest {
    final Cli cli = new Cli(CheckKinds.parser(Limits.DEFAULTS), null, Clock.systemUTC());

    String[] run(List<String> args, int expectedExit) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        assertEquals(expectedExit, cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void watchesAndSummariesBelongToSlack() {
        String err = run(List.of("watch", "add", "vip", "10.0.0.5:443"), Cli.USAGE)[1];
        assertTrue(err.contains("belong to a Slack channel"), err);
        assertTrue(run(List.of("summary"), Cli.USAGE)[1].contains("/netcheck summary"));
    }

    @Test
    void badWatchInputIsAUsageErrorToo() {
        String err = run(List.of("watch", "add", "listen", "80"), Cli.USAGE)[1];
        assertTrue(err.contains("cannot be watched") && err.contains("usage: watch add"), err);
    }

    @Test
    void helpMentionsWatchesAndTo() {
        String out = run(List.of("help"), Cli.HEALTHY)[0];
        assertTrue(out.contains("watch add|list|remove") && out.contains("--to #channel"), out);
    }
}
