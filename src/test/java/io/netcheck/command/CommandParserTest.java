package io.netcheck.command;

import io.netcheck.kind.CheckKinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.HostPort;
import io.netcheck.check.VipCheckRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandParserTest {
    private final CommandParser parser = CheckKinds.parser(Limits.DEFAULTS);

    private VipCheckRequest vip(String line) throws UsageException {
        Command c = parser.parse(List.of(line.split(" ")));
        return Checked.of(VipCheckRequest.class, c).request();
    }

    private String error(String line) {
        UsageException e = assertThrows(UsageException.class, () -> parser.parse(List.of(line.split(" "))));
        assertFalse(e.usage().isBlank());
        return e.getMessage();
    }

    @Test
    void parsesTheFullCommand() throws UsageException {
        VipCheckRequest r = vip("vip vip.example:443 --backends 10.0.1.10:8443,[2001:db8::5]:8443 --tls --sni shop.example"
                + " --path /healthz --timeout 1.5s");
        assertEquals(new HostPort("vip.example", 443), r.vip());
        assertEquals(List.of(new HostPort("10.0.1.10", 8443), new HostPort("2001:db8::5", 8443)), r.backends());
        assertTrue(r.tls());
        assertTrue(r.backendTls());
        assertEquals("shop.example", r.sni());
        assertEquals("/healthz", r.path());
        assertEquals(Duration.ofMillis(1500), r.timeout());
        assertTrue(r.capture());
    }

    @Test
    void defaultsAndEqualsForm() throws UsageException {
        VipCheckRequest r = vip("vip 10.0.0.5:80 --timeout=500ms --no-capture");
        assertEquals("/", r.path());
        assertEquals(Duration.ofMillis(500), r.timeout());
        assertFalse(r.capture());
        assertEquals(Duration.ofSeconds(3), vip("vip 10.0.0.5:80").timeout());
    }

    @Test
    void jsonAndHelp() throws UsageException {
        assertTrue(Checked.of(VipCheckRequest.class, parser.parse(List.of("vip", "10.0.0.5:80", "--json"))).json());
        assertEquals(new Command.Help(null), parser.parse(List.of("help")));
        assertEquals(new Command.Help("vip"), parser.parse(List.of("vip", "--help")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "vip                                   | which VIP?",
            "vip 10.0.0.5                          | missing port",
            "vip 2001:db8::1:443                   | IPv6 addresses need brackets",
            "vip [2001:db8::1]                     | missing port",
            "vip [2001:db8::zz]:80                 | is not an IPv6 address",
            "vip 10.0.0.5:0                        | out of range",
            "vip 10.0.0.5:65536                    | out of range",
            "vip 10.0.0.5:http                     | is not a number",
            "vip 10.0.0.256:80                     | is not an IPv4 address",
            "vip 010.0.0.5:80                      | no leading zeros",
            "vip 1.2.3:80                          | needs four numbers",
            "vip bad_host!:80                      | not a valid host name",
            "vip a..b:80                           | empty label",
            "vip 10.0.0.5:80 10.0.0.6:80           | only one VIP",
            "vip 10.0.0.5:80 --frobnicate          | unknown option '--frobnicate'",
            "vip 10.0.0.5:80 --timeout             | needs a value",
            "vip 10.0.0.5:80 --timeout 3           | is not a duration",
            "vip 10.0.0.5:80 --timeout 5m          | out of range",
            "vip 10.0.0.5:80 --timeout 10ms        | out of range",
            "vip 10.0.0.5:80 --path healthz        | must start with /",
            "vip 10.0.0.5:80 --backends a:1,,b:2   | empty entry",
            "vip 10.0.0.5:80 --backends a:1,a:1    | listed twice",
            "vip 10.0.0.5:80 --sni x.example       | only makes sense with --tls",
            "vip 10.0.0.5:80 --plain-backends      | only makes sense with --tls",
            "vip 10.0.0.5:80 --json --json         | given twice",
            "vip 10.0.0.5:80 --tls=yes             | takes no value",
            "frobnicate                            | unknown command 'frobnicate'",
    })
    void badInputGetsASpecificMessage(String line, String expected) {
        String message = error(line.trim());
        assertTrue(message.contains(expected.trim()), () -> "'" + message + "' should contain '" + expected + "'");
    }

    @Test
    void pathCannotSmuggleHeaders() {
        UsageException e = assertThrows(UsageException.class,
                () -> parser.parse(List.of("vip", "10.0.0.5:80", "--path", "/x\r\nHost: evil")));
        assertTrue(e.getMessage().contains("/x??Host: evil"), e.getMessage());
    }

    @Test
    void backendLimitIsEnforced() {
        String many = String.join(",", java.util.stream.IntStream.rangeClosed(1, 70)
                .mapToObj(i -> "10.0.1." + i + ":80").toList());
        assertTrue(error("vip 10.0.0.5:80 --backends " + many).contains("at most 64"));
    }

    @Test
    void backendsMayBeGivenInSeveralOptionsOtherOptionsOnce() throws Exception {
        var vip = Checked.of(VipCheckRequest.class, parser.parse(List.of("vip", "10.0.0.5:80", "--backends", "10.0.1.1:80",
                "--backends=10.0.1.2:80,10.0.1.3:80")));
        assertEquals(3, vip.request().backends().size());
        assertTrue(error("vip 10.0.0.5:80 --backends 10.0.1.1:80 --backends 10.0.1.1:80").contains("listed twice"));
        assertTrue(error("vip 10.0.0.5:80 --tls --tls").contains("given twice"));
        assertTrue(error("vip 10.0.0.5:80 10.0.0.6:80").contains("only one VIP"));
        assertTrue(error("vip --tls").contains("which VIP?"));
    }
}
