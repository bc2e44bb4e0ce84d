package io.netcheck.verdict;

import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.host;
import static io.netcheck.verdict.Evidence.noHost;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static io.netcheck.verdict.Evidence.timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.Attribution;
import io.netcheck.check.Attribution.Origin;
import org.junit.jupiter.api.Test;

/** Step 1's "who answered?", decided against the VIP host's own packets (checklist.AnswerOrigin). */
class AnswerOriginTest {
    private static final String VIP = "203.0.113.10:80";

    private static Attribution who(io.netcheck.check.VipEvidence e) {
        return e.attribution();
    }

    @Test
    void sameDistanceAndStackAsTheEchoAndSecondPortIsTheVipHostWithTwoSignals() {
        Attribution a = who(of(host("203.0.113.10", 62, 62), refused(VIP, 62)));
        assertEquals(Origin.VIP_HOST, a.origin());
        assertEquals(2, a.signals().size());
        assertTrue(a.signals().get(0).contains("IP ID"), "the IP IDs are shown: " + a.signals());
    }

    @Test
    void closerThanTheVipHostIsADeviceInThePath() {
        assertEquals(Origin.IN_PATH, who(of(host("203.0.113.10", 61, 61), refused(VIP, 63))).origin());
    }

    @Test
    void fartherThanTheVipHostIsAServerBehindIt() {
        assertEquals(Origin.BEHIND_VIP, who(of(host("203.0.113.10", 63, null), healthy(VIP, 61))).origin());
    }

    @Test
    void theSameDistanceFromAnotherStackIsNotTheVipHost() {
        // A network device (initial TTL 255) one hop away resets for a Linux VIP host one hop away.
        Attribution a = who(of(host("203.0.113.10", 63, 63), refused(VIP, 254)));
        assertEquals(Origin.UNKNOWN, a.origin());
        assertTrue(a.reasons().get(0).contains("another initial TTL"), a.reasons().toString());
    }

    @Test
    void hostAnswersThatDisagreeDecideNothing() {
        Attribution a = who(of(host("203.0.113.10", 63, 60), refused(VIP, 63)));
        assertEquals(Origin.UNKNOWN, a.origin());
        assertTrue(a.signals().isEmpty());
    }

    @Test
    void aVipThatIsOnlyANatRuleIsJudgedAgainstTheDeviceAnsweringForIt() {
        assertEquals(Origin.BEHIND_VIP, who(of(noHost("198.51.100.10", 63), healthy("203.0.113.11:80", 62))).origin());
        assertEquals(Origin.VIP_HOST, who(of(noHost("198.51.100.10", 63), healthy("203.0.113.11:80", 63))).origin());
    }

    @Test
    void withoutHostAnswersItSaysWhyNot() {
        Attribution a = who(of(refused(VIP, 63)));
        assertEquals(Origin.UNKNOWN, a.origin());
        assertTrue(a.reasons().get(0).contains("cannot be compared"), a.reasons().toString());
    }

    @Test
    void nothingOnTheWireIsNoAnswer() {
        assertEquals(Origin.NO_ANSWER, who(of(host("203.0.113.10", 63, 63), timeout(VIP))).origin());
    }
}
