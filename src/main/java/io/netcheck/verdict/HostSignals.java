package io.netcheck.verdict;

import io.netcheck.capture.AddressText;
import io.netcheck.capture.Hops;
import io.netcheck.capture.IcmpError;
import io.netcheck.check.HostAnswer;
import io.netcheck.check.VipEvidence;
import io.netcheck.check.VipHostEvidence;
import java.util.List;

/**
 * Signals the VIP rules take from the VIP host's own answers (its echo, its second port): each is a measurement
 * independent of the VIP port's own exchange, which is what lets a rule reach HIGH confidence. The connect rules of
 * {@code tcp}, {@code tls} and {@code http} take the same from their target's host ({@code whose} = "target").
 */
public final class HostSignals {
    private HostSignals() {
    }

    /** "the VIP host itself answers: ICMP echo: echo reply from …" for each answer from the VIP address itself. */
    public static List<String> alive(VipEvidence e) {
        return alive(e.host(), "VIP");
    }

    public static List<String> alive(VipHostEvidence host, String whose) {
        return host.own().stream().map(a -> "the " + whose + " host itself answers: " + a.describe()).toList();
    }

    /** The VIP host's own probes met the same ICMP error from the same sender: the path, not the port, is at fault. */
    public static String sameError(VipEvidence e, IcmpError icmp) {
        return sameError(e.host(), icmp, "VIP");
    }

    public static String sameError(VipHostEvidence host, IcmpError icmp, String whose) {
        return host.errors().stream()
                .filter(a -> a.from().equals(icmp.from()) && a.detail().equals("ICMP " + icmp.kind().words()))
                .findFirst().map(a -> "the " + whose + " host's own probe met the same: " + a.describe()).orElse(null);
    }

    /** The ICMP error's sender is closer than the VIP host: a device in the path, not the host, answered. */
    public static String senderCloser(VipEvidence e, IcmpError icmp) {
        return senderCloser(e.host(), icmp, "VIP");
    }

    public static String senderCloser(VipHostEvidence host, IcmpError icmp, String whose) {
        List<HostAnswer> own = host.own();
        if (own.isEmpty() || icmp.fromTarget()) {
            return null;
        }
        HostAnswer a = own.get(0);
        return icmp.hops() < a.hops() ? AddressText.of(icmp.from()) + " (" + Hops.text(icmp.hops())
                + ") is closer than the " + whose + " host (" + a.what() + ", "
                + Hops.text(a.hops()) + ")"
                : null;
    }
}
