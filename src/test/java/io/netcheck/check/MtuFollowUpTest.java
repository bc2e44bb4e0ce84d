package io.netcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.capture.CapturedFrame;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.Route;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.probe.raw.MtuAttempt;
import io.netcheck.probe.raw.MtuResult;
import io.netcheck.probe.raw.MtuTarget;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who the follow-up measures, and who it does not (policy, IPv6, too many), with a fake probe. */
class MtuFollowUpTest {
    private final ProbeRunner runner = new ProbeRunner(4, Clock.systemUTC());
    private final List<InetAddress> probed = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        runner.close();
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static MtuFollowUp.Stalled stalled(String label, String address) throws Exception {
        return new MtuFollowUp.Stalled(label, ip(address), new Route(ip(address), ip("198.51.100.2"), "eth0"));
    }

    private MtuFollowUp followUp(TargetPolicy policy) {
        return new MtuFollowUp(runner, policy, Clock.system(ZoneOffset.UTC), (MtuTarget t, io.netcheck.probe.Deadline d) -> {
            probed.add(t.route().destination());
            byte[] frame = new byte[300]; // an echo request as RawLink captured it: longer than the run's snaplen
            frame[12] = 8;
            frame[14] = 0x45;
            return MtuResult.of("eth0", t.route().destination(), ip("198.51.100.1"), 1500, 576,
                    List.of(MtuAttempt.answered(576, Duration.ofMillis(1), t.route().destination()),
                            MtuAttempt.lost(1500)), null,
                    List.of(new CapturedFrame(Instant.parse("2026-11-22T04:00:00Z"), 1, frame, 1514, "eth0")));
        });
    }

    @Test
    void oneMeasurementPerAddressFramesCutToTheRunsSnaplen() throws Exception {
        List<PathMtu> out = followUp(TargetPolicy.OPEN).measure(List.of(stalled("vip.lab.test:80", "203.0.113.10"),
                stalled("203.0.113.10:8080", "203.0.113.10"), stalled("203.0.113.130:80", "203.0.113.130")),
                Duration.ofSeconds(2), 128);
        assertEquals(2, out.size());
        assertEquals(List.of("vip.lab.test:80", "203.0.113.10:8080"), out.get(0).endpoints());
        assertEquals(2, probed.size(), "one measurement per address");
        assertTrue(out.get(0).blackHole());
        assertEquals(128, out.get(0).frames().get(0).capturedLength());
        assertEquals(1514, out.get(0).frames().get(0).originalLength());
        assertEquals(1, out.get(0).packets().size());
    }

    @Test
    void thePolicyIPv6AndTheAddressLimitAreSaidNotSkippedSilently() throws Exception {
        TargetPolicy denyBackends = new TargetPolicy(List.of(), List.of(TargetPolicy.Cidr.parse("203.0.113.128/25")),
                List.of(), List.of(), "netcheck.policy");
        List<MtuFollowUp.Stalled> many = new java.util.ArrayList<>(List.of(stalled("[2001:db8:100::10]:80",
                "2001:db8:100::10"), stalled("203.0.113.130:80", "203.0.113.130")));
        for (int i = 1; i <= MtuFollowUp.MAX_ADDRESSES + 1; i++) {
            many.add(stalled("203.0.113." + i + ":80", "203.0.113." + i));
        }
        List<PathMtu> out = followUp(denyBackends).measure(many, Duration.ofSeconds(2), 128);
        assertEquals(many.size(), out.size());
        assertTrue(out.get(0).problem().startsWith("IPv6 path MTU not measured"), out.get(0).problem());
        assertTrue(out.get(1).problem().contains("refused by the target policy: 203.0.113.130 is in 203.0.113.128/25"),
                out.get(1).problem());
        assertNull(out.get(1).result());
        assertEquals(MtuFollowUp.MAX_ADDRESSES, probed.size());
        assertTrue(out.get(out.size() - 1).problem().contains("at most " + MtuFollowUp.MAX_ADDRESSES), out.toString());
        assertTrue(probed.stream().noneMatch(a -> a.getHostAddress().equals("203.0.113.130")), "nothing sent there");
    }

    @Test
    void aRoundWaitsAThirdOfTheBudgetWithinBounds() {
        assertEquals(Duration.ofSeconds(1), MtuFollowUp.replyWait(Duration.ofSeconds(30)));
        assertEquals(Duration.ofMillis(200), MtuFollowUp.replyWait(Duration.ofMillis(100)));
        assertEquals(Duration.ofMillis(500), MtuFollowUp.replyWait(Duration.ofMillis(1500)));
    }
}
