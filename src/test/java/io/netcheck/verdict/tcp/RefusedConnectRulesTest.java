package io.netcheck.verdict.tcp;

import io.netcheck.verdict.ProbeVerdictsTest;

import io.netcheck.verdict.Connection;
import io.netcheck.verdict.VerdictEngine;
import io.netcheck.verdict.Verdict;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.TeamDirectory;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;

import static io.netcheck.verdict.Attempts.measured;
import static io.netcheck.verdict.Attempts.refused;
import static io.netcheck.verdict.Rules.cites;
import static io.netcheck.verdict.Rules.fires;
import static io.netcheck.verdict.Rules.rests;
import static io.netcheck.verdict.Rules.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpEvidence;
import io.netcheck.check.Attribution.Origin;
import org.junit.jupiter.api.Test;

/**
 * A connect refused with RST (tcp, tls, http): who sent the RST is judged against the target host's own packets,
 * as for the VIP. The lab in front of 203.0.113.10 is a router (directly connected) and the lb host (1 hop): a
 * Linux host there answers with TTL 63, the router with TTL 64.
 */
class RefusedConnectRulesTest {
    static final String TARGET = "203.0.113.10:80";
    private final VerdictEngine verdicts = new VerdictEngine(TeamDirectory.defaults());

    @Test
    void anRstFromTheTargetHostItselfIsNothingListensWithTwoAgreeingHostMeasurements() {
        ConnectAttempt a = measured(refused(TARGET, 63), 63, 63);
        assertEquals(Origin.VIP_HOST, a.origin().origin());
        Finding f = fires(new NothingListens(), a, Cause.BACKENDS_DOWN);
        cites(f, "nothing listens on 203.0.113.10:80", "target host answered itself", "no process listens on port 80");
        rests(f, Confidence.HIGH, 2, "matches the target host's own echo reply (TTL 63, IP ID 4711)",
                "matches the target host's own RST on port 9 (TTL 63, IP ID 0)");
        silent(new ConnectForgedReset(), a);
    }

    @Test
    void oneHostMeasurementAloneIsMedium() {
        // The echo is filtered; only the second port answers: one measurement of the host's distance.
        Finding f = fires(new NothingListens(), measured(refused(TARGET, 63), null, 63), Cause.BACKENDS_DOWN);
        rests(f, Confidence.MEDIUM, 1, "own RST on port 9");
    }

    @Test
    void anRstFromCloserThanTheTargetHostIsAForgedResetByAFirewall() {
        ConnectAttempt a = measured(refused(TARGET, 64), 63, 63);
        assertEquals(Origin.IN_PATH, a.origin().origin());
        Finding f = fires(new ConnectForgedReset(), a, Cause.FIREWALL_REJECT);
        cites(f, "a device in the path resets connections to 203.0.113.10:80 in the target's name",
                "RST from 203.0.113.10 (TTL 64, directly connected)",
                "device in the path answered in the target's name", "firewall rejecting with TCP reset");
        rests(f, Confidence.HIGH, 2, "came from closer than the target host's own echo reply (TTL 63, 1 hop away)",
                "came from closer than the target host's own RST on port 9 (TTL 63, 1 hop away)");
        assertEquals("find the reject-with-tcp-reset (or IPS) rule for 203.0.113.10:80 on the firewalls between "
                + "this host and 203.0.113.10", f.nextSteps().get(0));
        silent(new NothingListens(), a);
    }

    @Test
    void theTcpTableBlamesTheFirewallTeamForAForgedResetAndTheServerTeamForARealOne() {
        Verdict forged = decide(measured(refused(TARGET, 64), 63, 63));
        assertEquals(Cause.FIREWALL_REJECT, forged.cause());
        assertEquals("firewall", forged.team());
        assertEquals("forged-reset", forged.rule());
        assertEquals(Confidence.HIGH, forged.confidence());
        Verdict real = decide(measured(refused(TARGET, 63), 63, 63));
        assertEquals(Cause.BACKENDS_DOWN, real.cause());
        assertEquals("nothing-listens", real.rule());
        assertEquals(Confidence.HIGH, real.confidence());
        assertEquals(2, real.signals().size());
    }

    @Test
    void withoutTheTargetHostsPacketsAnRstIsMediumAtMostAndSaysWhy() {
        Finding f = fires(new NothingListens(), refused(TARGET, 64), Cause.BACKENDS_DOWN);
        rests(f, Confidence.MEDIUM, 1, "RST from 203.0.113.10 (TTL 64, directly connected) in answer to the SYN");
        cites(f, "could not be confirmed", "cannot be compared with the target host's own packets");
        assertEquals(Confidence.MEDIUM, decide(refused(TARGET, 64)).confidence());
        silent(new ConnectForgedReset(), refused(TARGET, 64));
    }

    @Test
    void noRstOnTheWireIsTheSocketsWordOnly() {
        Finding f = fires(new NothingListens(), refused(TARGET, null), Cause.BACKENDS_DOWN);
        rests(f, Confidence.MEDIUM, 1, "the socket reported: Connection refused");
    }

    @Test
    void anRstFromFartherThanTheTargetHostIsAHostBehindItsNat() {
        ConnectAttempt a = measured(refused(TARGET, 62), 63, 63);
        assertEquals(Origin.BEHIND_VIP, a.origin().origin());
        Finding f = fires(new NothingListens(), a, Cause.BACKENDS_DOWN);
        cites(f, "a host behind 203.0.113.10 refuses 203.0.113.10:80", "forwards (NATs) the connection");
        assertEquals(Confidence.MEDIUM, f.calibrated(), "which host behind it, and why, is not known");
        silent(new ConnectForgedReset(), a);
    }

    @Test
    void hostAnswersThatDisagreeProveNothing() {
        ConnectAttempt a = measured(refused(TARGET, 64), 63, 61);
        assertEquals(Origin.UNKNOWN, a.origin().origin());
        silent(new ConnectForgedReset(), a);
        rests(fires(new NothingListens(), a, Cause.BACKENDS_DOWN), Confidence.MEDIUM, 1, "RST from 203.0.113.10");
    }

    private Verdict decide(ConnectAttempt a) {
        TcpEvidence e = ProbeVerdictsTest.tcp(a, true);
        return verdicts.decide(TcpRules.TCP, e, e.capture(), x -> "fallback");
    }
}
