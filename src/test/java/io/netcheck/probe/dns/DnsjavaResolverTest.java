package io.netcheck.probe.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.probe.Deadline;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DnsjavaResolverTest {
    static io.netcheck.check.FakeDnsServer dns;
    static DnsjavaResolver resolver;

    @BeforeAll
    static void start() throws Exception {
        dns = new io.netcheck.check.FakeDnsServer(io.netcheck.check.FakeDnsServer.Mode.NORMAL,
                "vip.test. 300 IN A 203.0.113.10", "v6.test. 60 IN AAAA 2001:db8::10",
                "nodata.test. 60 IN AAAA 2001:db8::11");
        resolver = new DnsjavaResolver(List.of(dns.address()));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    private Resolution resolve(String name) {
        return resolver.resolve(name, Deadline.in(Duration.ofSeconds(1)));
    }

    @Test
    void resolvesWithTtlsAndNamesTheServer() throws Exception {
        Resolution r = resolve("vip.test.");
        assertEquals(ResolutionStatus.RESOLVED, r.status());
        assertEquals(List.of(InetAddress.getByName("203.0.113.10")), r.addresses());
        assertTrue(r.answers().get(0).contains("300"), r.answers().toString());
        assertEquals(List.of("127.0.0.1#" + dns.address().getPort()), r.servers());
    }

    @Test
    void ipv6OnlyNameResolvesToItsAaaa() throws Exception {
        assertEquals(List.of(InetAddress.getByName("2001:db8::10")), resolve("v6.test.").addresses());
    }

    @Test
    void unknownNameIsNxdomain() {
        Resolution r = resolve("nope.test.");
        assertEquals(ResolutionStatus.NXDOMAIN, r.status());
        assertTrue(r.error().contains("NXDOMAIN"));
    }

    @Test
    void servfailIsReportedAsSuch() {
        assertEquals(ResolutionStatus.SERVFAIL, resolve("broken.test.").status());
    }

    @Test
    void silenceIsATimeoutWithinTheDeadline() {
        long t0 = System.nanoTime();
        Resolution r = resolver.resolve("silent.test.", Deadline.in(Duration.ofMillis(600)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(ResolutionStatus.TIMEOUT, r.status(), r.error());
        assertTrue(ms < 2500, "took " + ms + " ms");
    }
}
