package io.netcheck.verdict;

import static io.netcheck.verdict.Rules.cites;
import static io.netcheck.verdict.Rules.fires;
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

class DnsRulesTest {
    static final String NAME = "vip.lab.test.";
    static final String CANARY = "nc-abcdefghij.lab.test.";
    static final InetSocketAddress SYSTEM = new InetSocketAddress(Evidence.ip("198.51.100.1"), 53);
    static final InetSocketAddress NAMED = new InetSocketAddress(Evidence.ip("203.0.113.53"), 53);

    static DnsAnswer answer(InetSocketAddress server, String name, String rcode, String... addresses) {
        List<DnsRecordText> records = Arrays.stream(addresses).map(a -> new DnsRecordText(name, 300, "A", a)).toList();
        return new DnsAnswer(new DnsQuery(name, "A", server), true, rcode, List.of("qr", "rd", "ra"), records, List.of(),
                Duration.ofMillis(2), null);
    }

    static DnsAnswer silence(InetSocketAddress server, String name) {
        return new DnsAnswer(new DnsQuery(name, "A", server), false, null, List.of(), List.of(), List.of(),
                Duration.ofSeconds(3), "no reply within 3000 ms");
    }

    static ResolverResult system(DnsAnswer a) {
        return new ResolverResult("system", a, answer(SYSTEM, CANARY, "NXDOMAIN"));
    }

    static DnsEvidence evidence(String expect, ResolverResult named, ResolverResult... system) {
        return new DnsEvidence(new DnsRequest("vip.lab.test", "A", named == null ? null : NAMED,
                expect == null ? null : Evidence.ip(expect), Duration.ofSeconds(3)), NAME, CANARY,
                Instant.parse("2026-11-22T04:00:00Z"), Duration.ofMillis(5), List.of(system), named, null);
    }

    static final ResolverResult GOOD = system(answer(SYSTEM, NAME, "NOERROR", "203.0.113.10"));

    @Test
    void allSilentIsDnsAndNoResolverIsLocal() {
        Finding f = fires(new DnsNoResolverAnswers(), evidence(null, null, system(silence(SYSTEM, NAME))), Cause.DNS);
        cites(f, "no DNS server answered", "198.51.100.1#53 (system): no reply within 3000 ms");
        DnsEvidence none = new DnsEvidence(evidence(null, null).request(), NAME, CANARY, Instant.EPOCH, Duration.ZERO,
                List.of(), null, "no resolver is configured (no nameserver line in /etc/resolv.conf)");
        fires(new DnsNoResolverAnswers(), none, Cause.LOCAL);
        silent(new DnsNoResolverAnswers(), evidence(null, null, GOOD));
    }

    @Test
    void servfailAndRefusedAreExplained() {
        Finding f = fires(new DnsResolverFails(), evidence(null, null, system(answer(SYSTEM, NAME, "REFUSED"))),
                Cause.DNS);
        cites(f, "198.51.100.1#53 answers REFUSED for vip.lab.test.", "refuses to resolve");
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
        ResolverResult same = new ResolverResult("named", answer(NAMED, NAME, "NOERROR", "203.0.113.11", "203.0.113.10"),
                null);
        ResolverResult two = system(answer(SYSTEM, NAME, "NOERROR", "203.0.113.10", "203.0.113.11"));
        silent(new DnsResolversDisagree(), evidence(null, same, two));
    }

    @Test
    void nxdomainAndNodata() {
        fires(new DnsNameDoesNotExist(), evidence(null, null, system(answer(SYSTEM, NAME, "NXDOMAIN"))), Cause.DNS);
        Finding nodata = fires(new DnsNoRecord(), evidence(null, null, system(answer(SYSTEM, NAME, "NOERROR"))),
                Cause.DNS);
        cites(nodata, "has no A record");
        silent(new DnsNoRecord(), evidence(null, null, GOOD));
    }

    @Test
    void anAnswerOtherThanTheExpectedOneIsCalledOut() {
        Finding f = fires(new DnsUnexpectedAnswer(), evidence("203.0.113.11", null, GOOD), Cause.DNS);
        cites(f, "resolves to 203.0.113.10, not 203.0.113.11");
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
        assertEquals("dns-resolves", Rules.decidingRule(ProbeRules.DNS, evidence(null, null, GOOD)));
        assertEquals(Cause.HEALTHY, new DnsResolves().evaluate(evidence(null, null, GOOD)).orElseThrow().cause());
        ResolverResult liar = new ResolverResult("system", answer(SYSTEM, NAME, "NOERROR", "203.0.113.10"),
                answer(SYSTEM, CANARY, "NOERROR", "198.51.100.77"));
        assertEquals("dns-invents-answers", Rules.decidingRule(ProbeRules.DNS, evidence(null, null, liar)));
        assertEquals("dns-nxdomain", Rules.decidingRule(ProbeRules.DNS,
                evidence("203.0.113.10", null, system(answer(SYSTEM, NAME, "NXDOMAIN")))));
    }
}
