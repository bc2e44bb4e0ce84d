package io.netcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.SectionBlock;
import io.netcheck.report.Fact;
import io.netcheck.report.Step;
import io.netcheck.report.StepStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackBlocksTest {
    private static final String LINE = "04:06:34.478066 IP 198.51.100.2.60731 > 203.0.113.10.80: Flags [S], seq 940647676, "
            + "win 64240, options [mss 1460,sackOK,TS val 2505146156 ecr 0,nop,wscale 10], length 0";

    private static Step step(int packets) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < packets; i++) {
            lines.add(LINE);
        }
        return new Step("reach", "Does the connection reach the VIP?", StepStatus.FAIL, "TIMEOUT", "<b> & friends",
                List.of(new Fact("from", "198.51.100.2.60731 via eth0")), lines, List.of());
    }

    private static String text(SlackBlocks.Reply reply) {
        return ((SectionBlock) reply.blocks().get(0)).getText().getText();
    }

    @Test
    void shortEvidenceGoesInACodeBlockEscaped() {
        SlackBlocks.Reply reply = SlackBlocks.step(step(3), 1);
        String text = text(reply);
        assertNull(reply.fileName());
        assertTrue(text.contains("```\n04:06:34.478066 IP 198.51.100.2.60731 &gt; 203.0.113.10.80"), text);
        assertTrue(text.contains("&lt;b&gt; &amp; friends"), "user/network text is escaped: " + text);
        assertTrue(text.length() <= SlackBlocks.MAX_TEXT);
    }

    @Test
    void longEvidenceIsAttachedWholeNotCut() {
        SlackBlocks.Reply reply = SlackBlocks.step(step(60), 1);
        assertNotNull(reply.fileName());
        assertEquals(60, reply.fileContent().lines().count(), "every packet line is in the file");
        assertTrue(text(reply).contains("60 packet lines attached as `step1-packets.txt`"), text(reply));
        assertTrue(text(reply).length() <= SlackBlocks.MAX_TEXT);
    }

    @Test
    void mentionsOnlyConfiguredGroups() {
        var none = new io.netcheck.verdict.Verdict(io.netcheck.verdict.Cause.HEALTHY, "none", "No team", null,
                io.netcheck.verdict.Confidence.HIGH, "all-clear", "", "", List.of());
        assertEquals("no team to page", SlackBlocks.owner(none));
        var lb = new io.netcheck.verdict.Verdict(io.netcheck.verdict.Cause.VIP_NOT_LISTENING, "lb", "LB team", "S0LB",
                io.netcheck.verdict.Confidence.HIGH, "vip-refused", "", "", List.of());
        assertEquals("*LB team* <!subteam^S0LB>", SlackBlocks.owner(lb));
    }

    @Test
    void summaryReadsTopToBottomProblemsFirstWithItsStrip() {
        var sq = io.netcheck.schedule.HealthSummary.Square.class;
        List<io.netcheck.schedule.HealthSummary.Square> strip = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            strip.add(i < 9 ? io.netcheck.schedule.HealthSummary.Square.UP : i == 9
                    ? io.netcheck.schedule.HealthSummary.Square.MIXED : io.netcheck.schedule.HealthSummary.Square.DOWN);
        }
        java.time.Instant at = java.time.Instant.parse("2026-11-23T09:00:00Z");
        var down = new io.netcheck.schedule.HealthSummary.Entry("checkout-vip", "vip 10.0.0.5:443",
                io.netcheck.store.Health.UNHEALTHY, at.minusSeconds(3600 * 5), 0.8125, strip, 2, "BACKENDS_DOWN",
                "every real server refuses <port 443>", new io.netcheck.verdict.Team("server", "App team", "S0APP"), at);
        var summary = new io.netcheck.schedule.HealthSummary("C0OPS", at, java.time.Duration.ofHours(24), List.of(down),
                at, true);
        String text = SlackBlocks.summary(summary, java.time.ZoneOffset.UTC).stream()
                .map(b -> b instanceof SectionBlock s ? s.getText().getText()
                        : b instanceof com.slack.api.model.block.ContextBlock c ? c.getElements().toString()
                        : b instanceof com.slack.api.model.block.HeaderBlock h ? h.getText().getText() : "")
                .reduce("", (a, b) -> a + b + "\n");
        assertTrue(text.contains("Health summary · last 24 h"), text);
        assertTrue(text.contains(":red_circle: *1 of 1 watched target down*"), text);
        assertTrue(text.contains(":large_green_square:".repeat(9) + ":large_yellow_square::large_red_square::large_red_square:"
                + "  81.3% · 2 changes"), text);
        assertTrue(text.contains("*BACKENDS_DOWN* → *App team* <!subteam^S0APP>"), text);
        assertTrue(text.contains("&lt;port 443&gt;"), "network text is escaped: " + text);
        assertTrue(text.contains("posted late"), text);
        assertEquals("81.3%", SlackBlocks.percent(0.8125));
        assertEquals("99.9%", SlackBlocks.percent(0.99999), "never rounded up to a perfect score");
        assertEquals("100%", SlackBlocks.percent(1.0));
        assertNotNull(sq);
    }
}
