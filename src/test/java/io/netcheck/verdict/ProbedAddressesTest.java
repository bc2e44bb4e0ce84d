package io.netcheck.verdict;

import io.netcheck.verdict.mtu.MtuRulesTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.DnsEvidence;
import io.netcheck.check.DnsRequest;
import io.netcheck.check.ResolverResult;
import io.netcheck.check.Targeting;
import io.netcheck.check.TcpEvidence;
import io.netcheck.check.TcpRequest;
import io.netcheck.check.HostPort;
import io.netcheck.kind.DnsKind;
import io.netcheck.kind.ListenKind;
import io.netcheck.kind.ListenersKind;
import io.netcheck.kind.MtuKind;
import io.netcheck.kind.TcpKind;
import io.netcheck.kind.VipKind;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.probe.dns.DnsAnswer;
import io.netcheck.probe.dns.DnsQuery;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.dns.ResolutionStatus;
import io.netcheck.report.Report;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the audit log names as resolved: the addresses a run's probes were aimed at, read from its evidence. */
class ProbedAddressesTest {
    private static Report report(Object evidence) {
        return new Report("x", "x", Instant.EPOCH, Duration.ZERO, null, List.of(), null, evidence);
    }

    private static List<String> texts(List<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getHostAddress).toList();
    }

    @Test
    void vipNamesTheVipAndEachBackendOnceAndSkipsNamesThatDidNotResolve() {
        var e = Evidence.of(Evidence.healthy("203.0.113.10:80", 63), Evidence.healthy("203.0.113.130:80", 62),
                Evidence.refused("203.0.113.131:80", 62), Evidence.healthy("203.0.113.10:80", 63),
                Evidence.dnsFailed("gone.example", 80, ResolutionStatus.NXDOMAIN));
        assertEquals(List.of("203.0.113.10", "203.0.113.130", "203.0.113.131"), texts(new VipKind().probed(e)));
    }

    @Test
    void singleChecksNameTheirTarget() {
        TcpEvidence tcp = new TcpEvidence(new TcpRequest(new HostPort("198.51.100.7", 443), Duration.ofSeconds(1), false,
                null), Instant.EPOCH, Duration.ZERO, Attempts.connected("198.51.100.7:443", 62), null);
        assertEquals(List.of("198.51.100.7"), texts(new TcpKind().probed(tcp)));
        TcpEvidence unresolved = new TcpEvidence(new TcpRequest(new HostPort("gone.example", 443),
                Duration.ofSeconds(1), false, null), Instant.EPOCH, Duration.ZERO,
                Attempts.dnsFailed("gone.example", 443), null);
        assertTrue(new TcpKind().probed(unresolved).isEmpty());
    }

    @Test
    void dnsNamesTheServersAsked() {
        InetSocketAddress system = new InetSocketAddress(Evidence.ip("192.0.2.53"), 53);
        InetSocketAddress named = new InetSocketAddress(Evidence.ip("198.51.100.53"), 5353);
        DnsEvidence e = new DnsEvidence(new DnsRequest("vip.example", "A", named, null, Duration.ofSeconds(1)),
                "vip.example.", null, Instant.EPOCH, Duration.ZERO,
                List.of(new ResolverResult("system", answer("vip.example.", system), null)),
                new ResolverResult("named", answer("vip.example.", named), null), null);
        assertEquals(List.of("192.0.2.53", "198.51.100.53"), texts(new DnsKind().probed(e)));
    }

    @Test
    void mtuNamesItsTarget() {
        var e = MtuRulesTest.mtu(Evidence.blackHole1280("203.0.113.10"), null);
        assertEquals(List.of("203.0.113.10"), texts(new MtuKind().probed(e)));
    }

    @Test
    void anIcmpTargetIsCheckedByItsAddressNotByAPort() throws InterruptedException {
        TargetPolicy ports = new TargetPolicy(List.of(), List.of(TargetPolicy.Cidr.parse("10.0.0.0/8")),
                TargetPolicy.ports(List.of("80,443")), List.of(), "netcheck.policy");
        try (ProbeRunner runner = new ProbeRunner(2, Clock.systemUTC())) {
            Targeting targeting = new Targeting((name, deadline) -> new Resolution(name, ResolutionStatus.RESOLVED,
                    List.of(Evidence.ip(name.equals("in.example") ? "10.1.2.3" : "198.51.100.7")), List.of(),
                    List.of("192.0.2.53#53"), Duration.ofMillis(1), null), runner, ports);
            // Port 0 (mtu): no port to allow or deny, but the address is still checked.
            assertEquals("198.51.100.7", targeting.plan(new HostPort("out.example", 0), Duration.ofSeconds(1))
                    .address().getAddress().getHostAddress());
            assertThrows(TargetPolicy.Refused.class, () -> targeting.plan(new HostPort("in.example", 0),
                    Duration.ofSeconds(1)));
            assertThrows(TargetPolicy.Refused.class, () -> targeting.plan(new HostPort("out.example", 22),
                    Duration.ofSeconds(1)));
        }
    }

    @Test
    void commandsThatSendNothingNameNothing() {
        assertTrue(new ListenKind().probed(null).isEmpty());
        assertTrue(new ListenersKind().probed(null).isEmpty());
        // A report says what its kind probed; one built without (a test's, a renderer's) names nothing.
        assertTrue(report(null).probedAddresses().isEmpty());
        assertEquals(List.of("198.51.100.7"), texts(report(null).probing(List.of(Evidence.ip("198.51.100.7")))
                .probedAddresses()));
    }

    @Test
    void aPolicyRefusalCarriesWhatTheNameResolvedTo() {
        TargetPolicy policy = new TargetPolicy(List.of(), List.of(TargetPolicy.Cidr.parse("10.0.0.0/8")), List.of(),
                List.of(), "netcheck.policy");
        try (ProbeRunner runner = new ProbeRunner(2, Clock.systemUTC())) {
            Targeting targeting = new Targeting((name, deadline) -> new Resolution(name, ResolutionStatus.RESOLVED,
                    List.of(Evidence.ip("10.1.2.3")), List.of(name + ". 60 IN A 10.1.2.3"), List.of("192.0.2.53#53"),
                    Duration.ofMillis(1), null), runner, policy);
            TargetPolicy.Refused refused = assertThrows(TargetPolicy.Refused.class,
                    () -> targeting.plan(new HostPort("internal.example", 443), Duration.ofSeconds(1)));
            assertEquals(List.of("10.1.2.3"), texts(refused.resolved()));
            assertTrue(refused.getMessage().contains("10.1.2.3 is in 10.0.0.0/8"), refused.getMessage());
        }
    }

    private static DnsAnswer answer(String name, InetSocketAddress server) {
        return new DnsAnswer(new DnsQuery(name, "A", server), true, "NOERROR", List.of("qr", "rd", "ra"), List.of(),
                List.of(), Duration.ofMillis(1), null);
    }
}
