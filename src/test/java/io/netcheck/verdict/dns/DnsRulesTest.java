package io.netcheck.verdict.dns;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Evidence;
import io.netcheck.verdict.Rules;

import static io.netcheck.verdict.Rules.cites;
import static io.netcheck.verdict.Rules.fires;
import static io.netcheck.verdict.Rules.rests;
import static io.netcheck.verdict.Rules.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.check.DnsEvidence;
import io.netcheck.check.DnsRequest;
import io.netcheck.check.ResolverResult;
import io.netcheck.probe.dns.DnsAnswer;
import io.netcheck.probe.dns.DnsQuery;
import io.netcheck.probe.dns.DnsRecordText;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

public class DnsRulesTest {
    public static final String NAME = "vip.lab.test.";
    static final String CANARY = "nc-abcdefghij.lab.test.";
    public static final InetSocketAddress SYSTEM = new InetSocketAddress(Evidence.ip("198.51.100.1"), 53);
    static final InetSocketAddress NAMED = new InetSocketAddress(Evidence.ip("203.0.113.53"), 53);

    public static DnsAnswer answer(InetSocketAddress server, String name, String rcode, String... addresses) {
        List<DnsRecordText> records = Arrays.stream(addresses).map(a -> new DnsRecordText(name, 300, "A", a)).toList();
        return new DnsAnswer(new DnsQuery(name, "A", server), true, rcode, List.of("qr", "rd", "ra"), records, List.of(),
                Duration.ofMillis(2), null);
    }

    public static DnsAnswer silence(InetSocketAddress server, String name) {
        return new DnsAnswer(new DnsQuery(name, "A", server), false, null, List.of(), List.of(), List.of(),
                Duration.ofSeconds(3), "no reply within 3000 ms");
    }

    public static ResolverResult system(DnsAnswer a) {
        return new ResolverResult("system", a, answer(SYSTEM, CANARY, "NXDOMAIN"));
    }

    public static DnsEvidence evidence(String expect, ResolverResult named, ResolverResult... system) {
        return new DnsEvidence(new DnsRequest("vip.lab.test", "A", named == null ? null : NAMED,
                expect == null ? null : Evidence.ip(expect), Duration.ofSeconds(3)), NAME, CANARY,
                Instant.parse("2026-11-22T04:00:00Z"), Duration.ofMillis(5), List.of(system), named, null);
    }

    public static final ResolverResult GOOD = system(answer(SYSTEM, NAME, "NOERROR", "203.0.113.10"));
    /** The @SERVER giving the same answer as the system resolver: a second, independent resolver. */
    public static final ResolverResult NAMED_GOOD = new ResolverResult("named", answer(NAMED, NAME, "NOERROR", "203.0.113.10"),
            null);

    @Test
    void allSilentIsDnsAndNoResolverIsLocal() {
        Finding f = fires(new DnsNoResolverAnswers(), evidence(null, null, system(silence(SYSTEM, NAME))), Cause.DNS);
        cites(f, "no DNS server answered", "198.51.100.1#53 (system): no reply within 3000 ms");
        rests(f, Confidence.MEDIUM, 1, "198.51.100.1#53 (system): no reply within 3000 ms");
        ResolverResult namedSilent = new ResolverResult("named", silence(NAMED, NAME), null);
        rests(fires(new DnsNoResolverAnswers(), evidence(null, namedSilent, system(silence(SYSTEM, NAME))), Cause.DNS),
                Confidence.HIGH, 2, "203.0.113.53#53 (named): no reply");
        DnsEvidence none = new DnsEvidence(evidence(null, null).request(), NAME, CANARY, Instant.EPOCH, Duration.ZERO,
                List.of(), null, "no resolver is configured (no nameserver line in /etc/resolv.conf)");
        rests(fires(new DnsNoResolverAnswers(), none, Cause.LOCAL), Confidence.MEDIUM, 1, "no resolver is configured");
        silent(new DnsNoResolverAnswers(), evidence(null, null, GOOD));
    }

    @Test
    void servfailAndRefusedAreExplained() {
        Finding f = fires(new DnsResolverFails(), evidence(null, null, system(answer(SYSTEM, NAME, "REFUSED"))),
                Cause.DNS);
        cites(f, "198.51.100.1#53 answers REFUSED for vip.lab.test.", "refuses to resolve");
        rests(f, Confidence.MEDIUM, 1, "198.51.100.1#53 (system): REFUSED");
        ResolverResult namedRefuses = new ResolverResult("named", answer(NAMED, NAME, "REFUSED"), null);
        rests(fires(new DnsResolverFails(), evidence(null, namedRefuses, system(answer(SYSTEM, NAME, "REFUSED"))),
                Cause.DNS), Confidence.HIGH, 2, "203.0.113.53#53 (named): REFUSED");
        silent(new DnsResolverFails(), evidence(null, null, system(answer(SYSTEM, NAME, "NXDOMAIN"))));
    }

    @Test
    void aResolverThatAnswersAMadeUpNameInventsAnswers() {
        ResolverResult liar = new ResolverResult("system", answer(SYSTEM, NAME, "NOERROR", "198.51.100.77"),
                answer(SYSTEM, CANARY, "NOERROR", "198.51.100.77"));
        Finding f = fires(new DnsInventsAnswers(), evidence(null, null, liar), Cause.DNS);
        cites(f, "invents answers for names that do not exist", CANARY, "wildcard");
        silent(new DnsInventsAnswers(), evidence(null, null, GOOD));
    }

    @Test
    void resolversThatDisagreeAreCalledOutIgnoringOrderAndTtl() {
        ResolverResult named = new ResolverResult("named", answer(NAMED, NAME, "NOERROR", "203.0.113.99"), null);
        Finding f = fires(new DnsResolversDisagree(), evidence(null, named, GOOD), Cause.DNS);
        cites(f, "resolvers disagree", "203.0.113.10", "203.0.113.99");
        rests(f, Confidence.HIGH, 2, "198.51.100.1#53 (system): NOERROR", "203.0.113.53#53 (named): NOERROR");
        ResolverResult same = new ResolverResult("named", answer(NAMED, NAME, "NOERROR", "203.0.113.11", "203.0.113.10"),
                null);
        ResolverResult two = system(answer(SYSTEM, NAME, "NOERROR", "203.0.113.10", "203.0.113.11"));
        silent(new DnsResolversDisagree(), evidence(null, same, two));
    }

    @Test
    void nxdomainAndNodata() {
        Finding one = fires(new DnsNameDoesNotExist(), evidence(null, null, system(answer(SYSTEM, NAME, "NXDOMAIN"))),
                Cause.DNS);
        rests(one, Confidence.MEDIUM, 1, "198.51.100.1#53 (system): NXDOMAIN");
        ResolverResult namedNx = new ResolverResult("named", answer(NAMED, NAME, "NXDOMAIN"), null);
        rests(fires(new DnsNameDoesNotExist(), evidence(null, namedNx, system(answer(SYSTEM, NAME, "NXDOMAIN"))),
                Cause.DNS), Confidence.HIGH, 2, "203.0.113.53#53 (named): NXDOMAIN");
        Finding nodata = fires(new DnsNoRecord(), evidence(null, null, system(answer(SYSTEM, NAME, "NOERROR"))),
                Cause.DNS);
        cites(nodata, "has no A record");
        silent(new DnsNoRecord(), evidence(null, null, GOOD));
    }

    @Test
    void anAnswerOtherThanTheExpectedOneIsCalledOut() {
        Finding f = fires(new DnsUnexpectedAnswer(), evidence("203.0.113.11", null, GOOD), Cause.DNS);
        cites(f, "resolves to 203.0.113.10, not 203.0.113.11");
        rests(f, Confidence.MEDIUM, 1, "198.51.100.1#53 (system): NOERROR");
        rests(fires(new DnsUnexpectedAnswer(), evidence("203.0.113.11", NAMED_GOOD, GOOD), Cause.DNS),
                Confidence.HIGH, 2, "203.0.113.53#53 (named)");
        silent(new DnsUnexpectedAnswer(), evidence("203.0.113.10", null, GOOD));
        silent(new DnsUnexpectedAnswer(), evidence(null, null, GOOD));
    }

    @Test
    void oneSilentResolverOfTwo() {
        ResolverResult second = system(silence(new InetSocketAddress(Evidence.ip("198.51.100.3"), 53), NAME));
        Finding f = fires(new DnsSomeResolversSilent(), evidence(null, null, GOOD, second), Cause.DNS);
        cites(f, "198.51.100.3#53 does not answer");
    }

    @Test
    void theTableDecidesInOrder() {
        assertEquals("dns-resolves", Rules.decidingRule(DnsRules.DNS, evidence(null, null, GOOD)));
        Finding one = fires(new DnsResolves(), evidence(null, null, GOOD), Cause.HEALTHY);
        rests(one, Confidence.MEDIUM, 1, "198.51.100.1#53 (system): NOERROR, vip.lab.test. 300 IN A 203.0.113.10");
        rests(fires(new DnsResolves(), evidence(null, NAMED_GOOD, GOOD), Cause.HEALTHY), Confidence.HIGH, 2,
                "203.0.113.53#53 (named): NOERROR");
        ResolverResult liar = new ResolverResult("system", answer(SYSTEM, NAME, "NOERROR", "203.0.113.10"),
                answer(SYSTEM, CANARY, "NOERROR", "198.51.100.77"));
        assertEquals("dns-invents-answers", Rules.decidingRule(DnsRules.DNS, evidence(null, null, liar)));
        assertEquals("dns-nxdomain", Rules.decidingRule(DnsRules.DNS,
                evidence("203.0.113.10", null, system(answer(SYSTEM, NAME, "NXDOMAIN")))));
    }
}
