package io.netcheck.command;

import io.netcheck.kind.CheckKinds;
import io.netcheck.check.TraceRequest;
import io.netcheck.check.TlsRequest;
import io.netcheck.check.PingRequest;
import io.netcheck.check.MtuRequest;
import io.netcheck.check.ListenersRequest;
import io.netcheck.check.ListenRequest;
import io.netcheck.check.HttpCheckRequest;
import io.netcheck.check.DnsRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.TcpRequest;
import io.netcheck.check.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The single-probe commands, through the same parser the CLI and Slack use. */
class ProbeCommandParserTest {
    private final CommandParser parser = CheckKinds.parser(Limits.DEFAULTS);

    Command parse(String line) throws UsageException {
        return parser.parse(List.of(line.split(" ")));
    }

    String error(String line) {
        UsageException e = assertThrows(UsageException.class, () -> parse(line));
        assertFalse(e.usage().isBlank());
        assertTrue(e.usage().startsWith("usage: " + line.split(" ")[0]), e.usage());
        return e.getMessage();
    }

    @Test
    void tcpWithDefaultsAndOptions() throws UsageException {
        Command.Check<TcpRequest> c = Checked.of(TcpRequest.class, parse("tcp db.internal:5432"));
        assertEquals(new TcpRequest(new HostPort("db.internal", 5432), Duration.ofSeconds(3), true, null), c.request());
        assertFalse(c.json());
        Command.Check<TcpRequest> all = Checked.of(TcpRequest.class,
                parse("tcp [2001:db8::5]:443 --timeout=500ms --json --no-capture --pcap /tmp/t.pcap"));
        assertEquals(new TcpRequest(new HostPort("2001:db8::5", 443), Duration.ofMillis(500), false,
                Path.of("/tmp/t.pcap")), all.request());
        assertTrue(all.json());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tcp|which target? give HOST:PORT",
            "tcp 10.0.0.5|missing port",
            "tcp 10.0.0.5:99999|out of range",
            "tcp 10.0.0.5:80 10.0.0.6:80|unexpected '10.0.0.6:80': only one target",
            "tcp 10.0.0.5:80 --timeout|option --timeout needs a value",
            "tcp 10.0.0.5:80 --timeout 2h|out of range",
            "tcp 10.0.0.5:80 --timeout 2w|is not a duration",
            "tcp 10.0.0.5:80 --timeout 90s|out of range",
            "tcp 10.0.0.5:80 --tls|unknown option '--tls'",
            "tcp 10.0.0.5:80 --json --json|given twice",
            "tcp 10.0.0.5:80 --json=yes|takes no value",
    })
    void tcpMistakesAreNamed(String line, String expected) {
        String message = error(line);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void helpForEachCommand() throws UsageException {
        assertEquals(new Command.Help("tcp"), parse("tcp --help"));
        assertEquals(new Command.Help("tcp"), parse("help tcp"));
        assertTrue(parser.helpFor("tcp").startsWith("usage: tcp HOST:PORT"));
        assertTrue(parser.usage().contains("tcp HOST:PORT"));
    }

    Command.Check<DnsRequest> dns(String line) throws UsageException {
        return Checked.of(DnsRequest.class, parse(line));
    }

    @Test
    void dnsForms() throws Exception {
        var r = dns("dns vip.lab.test").request();
        assertEquals("vip.lab.test", r.name());
        assertEquals("A", r.type());
        assertEquals(null, r.server());
        r = dns("dns vip.lab.test aaaa @198.51.100.1 --expect 2001:db8::10 --timeout 1s").request();
        assertEquals("AAAA", r.type());
        assertEquals(new java.net.InetSocketAddress(java.net.InetAddress.getByName("198.51.100.1"), 53), r.server());
        assertEquals(java.net.InetAddress.getByName("2001:db8::10"), r.expect());
        assertEquals(Duration.ofSeconds(1), r.timeout());
        var any = dns("dns example.com @127.0.0.1:5353 MX").request();
        assertEquals(5353, any.server().getPort(), "@SERVER and TYPE in any order after the name");
        assertEquals("MX", any.type());
        assertEquals(53, dns("dns example.com @[2001:db8::53]").request().server().getPort());
        assertEquals("PTR", dns("dns 10.0.0.5").request().type(), "an address alone means PTR");
        assertEquals("PTR", dns("dns 2001:db8::5 PTR").request().type());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dns|which name?",
            "dns 10.0.0.5 A|is an address, not a name",
            "dns vip.lab.test PTR|PTR needs an IP address",
            "dns vip.lab.test A AAAA|the type is already A",
            "dns vip.lab.test ANY|TYPE is one of A, AAAA",
            "dns vip.lab.test @resolver.local|must be an IP address",
            "dns vip.lab.test @10.0.0.2 @10.0.0.3|only one @SERVER",
            "dns vip.lab.test @10.0.0.2:0|out of range",
            "dns vip.lab.test --expect somewhere|is not an IP address",
            "dns bad..name|not a valid host name",
            "dns vip.lab.test --pcap x|unknown option '--pcap'",
    })
    void dnsMistakesAreNamed(String line, String expected) {
        String message = error(line);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void tlsForms() throws UsageException {
        Command.Check<TlsRequest> c = Checked.of(TlsRequest.class, parse("tls 203.0.113.10:443 --sni shop.example --warn-days 30"));
        assertEquals("shop.example", c.request().sni());
        assertEquals(30, c.request().warnDays());
        assertEquals(14, Checked.of(TlsRequest.class, parse("tls shop.example:443")).request().warnDays());
        assertEquals(null, Checked.of(TlsRequest.class, parse("tls shop.example:443")).request().sni());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tls|which target?",
            "tls shop.example|missing port",
            "tls shop.example:443 --sni bad..name|not a valid host name",
            "tls shop.example:443 --warn-days soon|must be a number of days",
            "tls shop.example:443 --warn-days 99999|must be a number of days",
            "tls shop.example:443 --backends x|unknown option",
    })
    void tlsMistakesAreNamed(String line, String expected) {
        String message = error(line);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void httpForms() throws UsageException {
        Command.Check<HttpCheckRequest> c = Checked.of(HttpCheckRequest.class, parse("http https://shop.example/healthz?x=1 --insecure"));
        assertEquals("https://shop.example/healthz?x=1", c.request().url().toString());
        assertTrue(c.request().insecure());
        assertEquals("http://[2001:db8::5]:8080/", Checked.of(HttpCheckRequest.class,
                parse("http http://[2001:db8::5]:8080/#frag")).request().url().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http|which URL?",
            "http ftp://x.example/|must start with http:// or https://",
            "http shop.example/|must start with http://",
            "http https://user:secret@shop.example/|no user:password@",
            "http http://bad..name/|not a valid host name",
            "http http://999.1.1.1/|not an IPv4 address",
            "http http://shop.example:99999/|",
            "http http://10.0.0.5/ http://10.0.0.6/|only one URL",
            "http http://10.0.0.5/ --sni x|unknown option",
    })
    void httpMistakesAreNamed(String line, String expected) {
        String message = error(line);
        assertTrue(expected == null || message.contains(expected), message);
    }

    @Test
    void listenersAndListen() throws UsageException {
        assertEquals(null, Checked.of(ListenersRequest.class, parse("listeners")).request().port());
        assertEquals(8080, Checked.of(ListenersRequest.class, parse("listeners 8080 --json")).request().port());
        Command.Check<ListenRequest> l = Checked.of(ListenRequest.class, parse("listen 8080"));
        assertEquals(Duration.ofSeconds(60), l.request().duration());
        assertEquals(Duration.ofMinutes(2), Checked.of(ListenRequest.class, parse("listen 8080 --for 2m"))
                .request().duration());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "listeners 80 443|one PORT at most",
            "listeners http|is not a number",
            "listen|which port?",
            "listen 80|port 80 is privileged",
            "listen 70000|out of range",
            "listen 8080 --for 10m|out of range: from 1s to 300s",
            "listen 8080 --for 0s|out of range",
            "listen 8080 --for soon|is not a duration",
    })
    void listenMistakesAreNamed(String line, String expected) {
        String message = error(line);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void pingAndTrace() throws UsageException {
        Command.Check<PingRequest> p = Checked.of(PingRequest.class, parse("ping 10.0.0.5 --count 10 --timeout 2s"));
        assertEquals(10, p.request().count());
        assertEquals(5, Checked.of(PingRequest.class, parse("ping db.internal")).request().count());
        Command.Check<TraceRequest> t = Checked.of(TraceRequest.class, parse("trace 10.0.0.5:443 --max-hops 10"));
        assertEquals(new HostPort("10.0.0.5", 443), t.request().target());
        assertTrue(t.request().portGiven());
        assertEquals(10, t.request().maxHops());
        assertEquals(Duration.ofSeconds(1), t.request().hopWait());
        Command.Check<TraceRequest> noPort = Checked.of(TraceRequest.class, parse("trace db.internal"));
        assertEquals(80, noPort.request().target().port());
        assertFalse(noPort.request().portGiven());
        assertEquals("2001:db8::5", Checked.of(TraceRequest.class, parse("trace [2001:db8::5]")).request()
                .target().host());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ping|which host?",
            "ping 10.0.0.5 --count 0|must be a number from 1 to 20",
            "ping 10.0.0.5 --count 500|must be a number from 1 to 20",
            "ping bad..name|not a valid host name",
            "ping 10.0.0.5:80|not a valid host name",
            "trace|which host?",
            "trace 10.0.0.5:0|out of range",
            "trace 10.0.0.5 --max-hops 99|must be a number from 1 to 30",
            "trace 10.0.0.5 --count 3|unknown option",
    })
    void pingAndTraceMistakesAreNamed(String line, String expected) {
        String message = error(line);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void mtu() throws UsageException {
        Command.Check<MtuRequest> m = Checked.of(MtuRequest.class, parse("mtu 203.0.113.10 --timeout 5s --pcap /tmp/m.pcap"));
        assertEquals("203.0.113.10", m.request().host());
        assertEquals(Duration.ofSeconds(5), m.request().timeout());
        assertEquals(java.nio.file.Path.of("/tmp/m.pcap"), m.request().pcapFile());
        Command.Check<MtuRequest> byName = Checked.of(MtuRequest.class, parse("mtu vip.lab.test --json"));
        assertEquals(Duration.ofSeconds(3), byName.request().timeout());
        assertTrue(byName.json());
        assertInstanceOf(Command.Help.class, parse("mtu --help"));
        assertTrue(parser.helpFor("mtu").startsWith("usage: mtu HOST"));
        assertTrue(parser.usage().contains("mtu HOST"), "listed in the overview");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mtu|which host?",
            "mtu 10.0.0.5 10.0.0.6|one host per check",
            "mtu bad..name|not a valid host name",
            "mtu 10.0.0.5:80|not a valid host name",
            "mtu 10.0.0.5 --count 3|unknown option",
            "mtu 10.0.0.5 --timeout 90s|out of range",
    })
    void mtuMistakesAreNamed(String line, String expected) {
        String message = error(line);
        assertTrue(message.contains(expected), message);
    }
}
