package io.netcheck.verdict;

import io.netcheck.capture.Hops;
import io.netcheck.capture.IcmpError;
import io.netcheck.checklist.HostAnswer;
import io.netcheck.checklist.VipEvidence;
import java.util.List;

/**
 * Signals the VIP rules take from the VIP host's own answers (its echo, its second port): each is a measurement
 * independent of the VIP port's own exchange, which is what lets a rule reach HIGH confidence.
 */
final class HostSignals {
    private HostSignals() {
    }

    /** "the VIP host answers its ICMP echo (TTL 63, 1 hop away)" for each answer from the VIP address itself. */
    static List<String> alive(VipEvidence e) {
        return e.host().own().stream().map(a -> "the VIP host itself answers: " + a.describe()).toList();
    }

    /** The VIP host's own probes met the same ICMP error from the same sender: the path, not the port, is at fault. */
    static String sameError(VipEvidence e, IcmpError icmp) {
        return e.host().errors().stream()
                .filter(a -> a.from().equals(icmp.from()) && a.detail().equals("ICMP " + icmp.kind().words()))
                .findFirst().map(a -> "the VIP host's own probe met the same: " + a.describe()).orElse(null);
    }

    /** The ICMP error's sender is closer than the VIP host: a device in the path, not the host, answered. */
    static String senderCloser(VipEvidence e, IcmpError icmp) {
        List<HostAnswer> own = e.host().own();
        if (own.isEmpty() || icmp.fromTarget()) {
            return null;
        }
        HostAnswer a = own.get(0);
        return icmp.hops() < a.hops() ? icmp.from().getHostAddress() + " (" + Hops.text(icmp.hops())
                + ") is closer than the VIP host (" + a.what() + ", " + Hops.text(a.hops()) + ")"
                : null;
    }
}
