package io.netcheck.verdict.dns;

import io.netcheck.check.DnsEvidence;
import io.netcheck.verdict.Rule;
import java.util.List;

/**
 * dns: every resolver's answer judged together.
 *
 * <pre>
 * rule                    evidence                                             cause
 * dns-no-resolver-answers every resolver silent / none configured              DNS / LOCAL
 * dns-resolver-fails      SERVFAIL, REFUSED, ...                               DNS
 * dns-invents-answers     a made-up name under the same parent got records     DNS
 * dns-resolvers-disagree  system and named resolvers answer differently        DNS
 * dns-nxdomain            the name does not exist                              DNS
 * dns-no-record           NOERROR, no record of the asked type                 DNS
 * dns-unexpected-answer   --expect ADDR not among the answers                  DNS
 * dns-some-resolvers-silent one resolver answers, another does not             DNS
 * dns-resolves            consistent answer                                    HEALTHY
 * </pre>
 */
public final class DnsRules {
    private DnsRules() {
    }

    public static final List<Rule<DnsEvidence>> DNS = List.of(
            new DnsNoResolverAnswers(),
            new DnsResolverFails(),
            new DnsInventsAnswers(),
            new DnsResolversDisagree(),
            new DnsNameDoesNotExist(),
            new DnsNoRecord(),
            new DnsUnexpectedAnswer(),
            new DnsSomeResolversSilent(),
            new DnsResolves());
}
