package io.netcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.dns.DnsAnswer;
import io.netcheck.probe.dns.DnsRecordText;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dns command against in-process DNS servers on loopback (never a real resolver). */
class DnsCheckTest {
    static final String[] ZONE = {
            "vip.test. 300 IN A 10.0.0.5",
            "vip.test. 300 IN A 10.0.0.6",
            "vip.test. 60 IN AAAA 2001:db8::5",
            "mail.test. 3600 IN MX 10 mx1.test.",
            "txt.test. 120 IN TXT \"v=spf1 -all\"",
            "_http._tcp.svc.test. 30 IN SRV 0 5 80 vip.test.",
            "5.0.0.10.in-addr.arpa. 86400 IN PTR vip.test."};

    private final ProbeRunner runner = new ProbeRunner(8, Clock.systemUTC());

    @AfterEach
    void close() {
        runner.close();
    }

    private DnsEvidence run(List<InetSocketAddress> system, String name, String type, InetSocketAddress server,
                            String expect) throws Exception {
        DnsCheck check = new DnsCheck(runner, Clock.systemUTC(), () -> system);
        return check.run(new DnsRequest(name, type, server, expect == null ? null : InetAddress.getByName(expect),
                Duration.ofMillis(800)));
    }

    @Test
    void answersWithTtlsFromTheSystemResolver() throws Exception {
        try (FakeDnsServer dns = new FakeDnsServer(FakeDnsServer.Mode.NORMAL, ZONE)) {
            DnsEvidence e = run(List.of(dns.address()), "vip.test", "A", null, null);
            DnsAnswer a = e.primary().answer();
            assertEquals("NOERROR", a.rcode());
            assertEquals(List.of("10.0.0.5", "10.0.0.6"), a.data());
            assertEquals(new DnsRecordText("vip.test.", 300, "A", "10.0.0.5"), a.answers().get(0));
            assertTrue(a.flags().contains("qr") && a.flags().contains("ra"), a.flags().toString());
            assertEquals("system", e.primary().role());
            assertTrue(e.canaryName().matches("nc-[a-z0-9]{10}\\.test\\."), e.canaryName());
            assertTrue(e.primary().canary().nxdomain());
            assertFalse(e.primary().invents());
        }
    }

    @Test
    void everyRecordType() throws Exception {
        try (FakeDnsServer dns = new FakeDnsServer(FakeDnsServer.Mode.NORMAL, ZONE)) {
            List<InetSocketAddress> sys = List.of(dns.address());
            assertEquals(List.of("2001:db8:0:0:0:0:0:5"), run(sys, "vip.test", "AAAA", null, null).primary().answer().data());
            assertEquals(List.of("10 mx1.test."), run(sys, "mail.test", "MX", null, null).primary().answer().data());
            assertEquals(List.of("\"v=spf1 -all\""), run(sys, "txt.test", "TXT", null, null).primary().answer().data());
            assertEquals(List.of("0 5 80 vip.test."),
                    run(sys, "_http._tcp.svc.test", "SRV", null, null).primary().answer().data());
            DnsEvidence ptr = run(sys, "10.0.0.5", "PTR", null, null);
            assertEquals("5.0.0.10.in-addr.arpa.", ptr.qname());
            assertNull(ptr.canaryName(), "no made-up name for reverse lookups");
            assertEquals(List.of("vip.test."), ptr.primary().answer().data());
        }
    }

    @Test
    void nxdomainCarriesTheSoa() throws Exception {
        try (FakeDnsServer dns = new FakeDnsServer(FakeDnsServer.Mode.NORMAL, ZONE)) {
            DnsAnswer a = run(List.of(dns.address()), "nosuch.test", "A", null, null).primary().answer();
            assertTrue(a.nxdomain());
            assertEquals("SOA", a.authority().get(0).type());
        }
    }

    @Test
    void catchesAResolverThatInventsAnswers() throws Exception {
        try (FakeDnsServer dns = new FakeDnsServer(FakeDnsServer.Mode.INVENT, ZONE)) {
            DnsEvidence e = run(List.of(dns.address()), "vip.test", "A", null, null);
            assertTrue(e.primary().invents());
            assertEquals(List.of("10.99.99.99"), e.primary().canary().data());
        }
    }

    @Test
    void comparesTheSystemResolverWithANamedServerInParallel() throws Exception {
        try (FakeDnsServer system = new FakeDnsServer(FakeDnsServer.Mode.SILENT);
             FakeDnsServer named = new FakeDnsServer(FakeDnsServer.Mode.NORMAL, ZONE)) {
            long t0 = System.nanoTime();
            DnsEvidence e = run(List.of(system.address()), "vip.test", "A", named.address(), null);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertFalse(e.system().get(0).answer().answered());
            assertTrue(e.system().get(0).answer().error().startsWith("no reply within"), e.system().get(0).answer().error());
            assertEquals("named", e.primary().role());
            assertTrue(ms < 1600, "queries run in parallel: one timeout, not four (" + ms + " ms)");
        }
    }

    @Test
    void noResolverConfigured() throws Exception {
        DnsEvidence e = run(List.of(), "vip.test", "A", null, null);
        assertTrue(e.problem().contains("no resolver is configured"));
    }

    @Test
    void canaryNames() {
        assertNull(DnsCheck.canaryName("localhost.", "A"));
        assertTrue(DnsCheck.canaryName("www.example.com.", "AAAA").endsWith(".example.com."));
        assertTrue(DnsCheck.canaryName("example.com.", "A").endsWith(".com."));
    }
}
