package io.netcheck.verdict.ping;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Describe;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.capture.IcmpKind;
import io.netcheck.check.PingEvidence;
import io.netcheck.probe.raw.EchoReply;

/** The sentences ping verdicts and its report use. */
public final class PingWords {
    private PingWords() {
    }

    /** "5 sent, 5 received, 0% loss, rtt min/avg/max 0.1/0.2/0.4 ms, reply TTL 62". */
    public static String stats(PingEvidence e) {
        String s = e.sent() + " sent, " + e.received() + " received, " + e.lossPercent() + "% loss";
        if (e.received() > 0) {
            s += ", rtt min/avg/max " + Describe.ms(e.min()) + " / " + Describe.ms(e.avg()) + " / " + Describe.ms(e.max());
            EchoReply first = e.replies().stream().filter(EchoReply::answered).findFirst().orElseThrow();
            s += ", reply TTL " + first.replyTtl() + Describe.hops(first.replyTtl());
        }
        return s;
    }

    /** "db.lab.test: NXDOMAIN from 198.51.100.1#53": a failed resolution as one signal. */
    public static String resolution(Resolution r) {
        return r.name() + ": " + r.status() + " from " + (r.servers().isEmpty() ? "the system resolver"
                : String.join(", ", r.servers()));
    }

    public static IcmpKind kind(EchoReply r) {
        return IcmpKind.of(4, r.errorType(), r.errorCode());
    }

    public static String error(EchoReply r) {
        return "ICMP " + kind(r).words() + " (type " + r.errorType() + " code " + r.errorCode() + ") from "
                + AddressText.of(r.errorFrom());
    }
}
