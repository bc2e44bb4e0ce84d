package io.netcheck.command;

import io.netcheck.kind.CheckKinds;
import io.netcheck.check.VipCheckRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelCommandParserTest {
    final CommandParser parser = CheckKinds.parser(Limits.DEFAULTS, WatchLimits.DEFAULTS);

    Command parse(String line) throws UsageException {
        return parser.parse(Arrays.asList(line.split(" ")));
    }

    String error(String line) {
        UsageException e = assertThrows(UsageException.class, () -> parse(line));
        return e.getMessage();
    }

    @Test
    void watchAddKeepsTheCheckAndItsOptions() throws Exception {
        var add = assertInstanceOf(Command.WatchAdd.class, parse(
                "watch add vip 10.0.0.5:443 --backends 10.0.1.10:443,10.0.1.11:443 --every 2m --name Checkout-VIP"));
        assertEquals("checkout-vip", add.name());
        assertEquals(Duration.ofMinutes(2), add.every());
        assertEquals("vip 10.0.0.5:443 --backends 10.0.1.10:443,10.0.1.11:443", add.check());
        var vip = Checked.of(VipCheckRequest.class, add.parsed());
        assertEquals(2, vip.request().backends().size());
    }

    @Test
    void watchAddDefaults() throws Exception {
        var add = assertInstanceOf(Command.WatchAdd.class, parse("watch add tcp db.internal:5432"));
        assertEquals("tcp-db.internal-5432", add.name());
        assertEquals(Duration.ofMinutes(5), add.every());
        assertEquals("http-shop.example-healthz", ChannelCommandParser.defaultName(
                List.of("http", "https://shop.example/healthz")));
        assertInstanceOf(Command.Check.class, add.parsed());
    }

    @Test
    void watchListRemoveAndHelp() throws Exception {
        assertInstanceOf(Command.WatchList.class, parse("watch list"));
        assertEquals("checkout-vip", assertInstanceOf(Command.WatchRemove.class, parse("watch remove checkout-vip")).name());
        assertEquals("watch", assertInstanceOf(Command.Help.class, parse("watch")).topic());
        assertTrue(parser.helpFor("watch").contains("watch add CHECK"));
        assertTrue(parser.helpFor("summary").contains("summary schedule"));
    }

    @Test
    void watchMistakesAreNamed() {
        assertTrue(error("watch add").contains("which check"));
        assertTrue(error("watch add --every 5m").contains("which check"));
        assertTrue(error("watch add listen 8080").contains("cannot be watched"));
        assertTrue(error("watch add watch list").contains("not 'watch'"));
        assertTrue(error("watch add vip 10.0.0.5:443 --every 10s").contains("out of range"));
        assertTrue(error("watch add vip 10.0.0.5:443 --every 3d").contains("out of range"));
        assertTrue(error("watch add vip 10.0.0.5:443 --every soon").contains("not a duration"));
        assertTrue(error("watch add vip 10.0.0.5:443 --name ../etc").contains("watch name"));
        assertTrue(error("watch add vip 10.0.0.5:443 --name").contains("needs a value"));
        assertTrue(error("watch add vip 10.0.0.5:443 --json").contains("CLI options"));
        assertTrue(error("watch add vip 10.0.0.5:99999").contains("port"));
        assertTrue(error("watch remove").contains("one watch name"));
        assertTrue(error("watch frobnicate").contains("add, list or remove"));
    }

    @Test
    void summaryForms() throws Exception {
        assertInstanceOf(Command.SummaryNow.class, parse("summary"));
        var quoted = assertInstanceOf(Command.SummarySchedule.class,
                parser.parse(List.of("summary", "schedule", "0 9 * * MON-FRI")));
        assertEquals("0 9 * * MON-FRI", quoted.cron().text());
        var unquoted = assertInstanceOf(Command.SummarySchedule.class, parse("summary schedule 30 8 * * *"));
        assertEquals("30 8 * * *", unquoted.cron().text());
        assertNull(assertInstanceOf(Command.SummarySchedule.class, parse("summary schedule off")).cron());
    }

    @Test
    void summaryMistakes() {
        assertTrue(error("summary schedule").contains("needs a cron"));
        assertTrue(error("summary schedule 0 9 * *").contains("fields"));
        assertTrue(error("summary schedule */5 * * * *").contains("at most one per 1h"));
        assertTrue(error("summary weekly").contains("unknown summary command"));
    }

    @Test
    void durationsFormatBack() {
        assertEquals("5m", DurationText.format(Duration.ofMinutes(5)));
        assertEquals("1h", DurationText.format(Duration.ofHours(1)));
        assertEquals("90s", DurationText.format(Duration.ofSeconds(90)));
        assertEquals("1d", DurationText.format(Duration.ofDays(1)));
        assertEquals(Duration.ofHours(2), DurationText.parse("2h", "--every"));
    }
}
