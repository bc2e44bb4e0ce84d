package io.netcheck.verdict.dns;

import io.netcheck.verdict.Describe;
import io.netcheck.check.ResolverResult;
import io.netcheck.probe.dns.DnsAnswer;
import io.netcheck.probe.dns.DnsRecordText;
import java.util.stream.Collectors;

/** The sentences dns verdicts and the dns report use. */
public final class DnsWords {
    private DnsWords() {
    }

    /** "198.51.100.1#53 (system): NOERROR, vip.lab.test. 0 IN A 203.0.113.10 in 1.2 ms". */
    public static String answer(ResolverResult r) {
        return r.server() + " (" + r.role() + "): " + answer(r.answer());
    }

    public static String answer(DnsAnswer a) {
        if (!a.answered()) {
            return a.error();
        }
        String records = a.answers().isEmpty() ? "no records"
                : a.answers().stream().map(DnsRecordText::toString).collect(Collectors.joining(", "));
        return a.rcode() + ", " + records + " in " + Describe.ms(a.elapsed());
    }

    public static String data(DnsAnswer a) {
        return a.data().isEmpty() ? "nothing" : String.join(", ", a.data());
    }
}
