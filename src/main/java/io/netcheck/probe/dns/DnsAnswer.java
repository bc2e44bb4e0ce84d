package io.netcheck.probe.dns;

import java.time.Duration;
import java.util.List;

/**
 * What one DNS server said to one query.
 *
 * @param answered false when no reply came (timeout, ICMP port unreachable, send failure): {@code error} says which
 * @param rcode    NOERROR, NXDOMAIN, SERVFAIL, REFUSED, ... (null when not answered)
 * @param flags    header flags of the reply as dig prints them (qr rd ra aa tc)
 * @param answers  the answer section with TTLs
 * @param authority the authority section (the SOA that says how long a negative answer is cached)
 */
public record DnsAnswer(DnsQuery query, boolean answered, String rcode, List<String> flags,
                        List<DnsRecordText> answers, List<DnsRecordText> authority, Duration elapsed, String error) {
    public DnsAnswer {
        flags = List.copyOf(flags);
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
    }

    public String server() {
        return query.server().getAddress().getHostAddress() + "#" + query.server().getPort();
    }

    public boolean noError() {
        return answered && "NOERROR".equals(rcode);
    }

    public boolean nxdomain() {
        return answered && "NXDOMAIN".equals(rcode);
    }

    /** Answer records of the asked type (a CNAME on the way to an A is not one). */
    public List<DnsRecordText> ofAskedType() {
        return answers.stream().filter(r -> r.type().equals(query.type())).toList();
    }

    /** The data of the records of the asked type, sorted: what two resolvers must agree on. */
    public List<String> data() {
        return ofAskedType().stream().map(DnsRecordText::data).sorted().toList();
    }
}
