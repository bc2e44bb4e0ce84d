package io.netcheck.verdict.tcp;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.ConnectWords;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.vip.VipRefused;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpState;
import io.netcheck.check.Attribution;
import java.util.List;
import java.util.Optional;

/**
 * The RST that refused the connection came from closer than the target host's own packets (its echo reply, its
 * answer on a second port): a device in the path — a firewall rejecting with TCP reset, an IPS — sent it in the
 * target's name, so the SYN never reached the target. The same judgement the VIP checklist makes ({@link VipRefused}).
 */
public final class ConnectForgedReset implements Rule<ConnectAttempt> {
    @Override
    public String id() {
        return "forged-reset";
    }

    @Override
    public Optional<Finding> evaluate(ConnectAttempt a) {
        Attribution who = a.origin();
        if (a.state() != TcpState.REFUSED || a.wire().icmp() != null || !a.wire().resetSeen()
                || who.origin() != Attribution.Origin.IN_PATH) {
            return Optional.empty();
        }
        String address = AddressText.of(a.address().getAddress());
        // Each of the target host's own answers is one measurement of its distance: two agreeing ones make HIGH.
        return Optional.of(new Finding(Cause.FIREWALL_REJECT, Confidence.HIGH,
                "a device in the path resets connections to " + a.target().label() + " in the target's name",
                ConnectWords.connect(a) + ". " + VipRefused.capital(who.reasons().get(0)) + ". The RST carries "
                        + address + " as its source but was sent by something between netcheck and the target — a "
                        + "firewall rejecting with TCP reset, or an IPS — so the connection never reached "
                        + address + ", and whether anything listens there cannot be seen from here. The packet "
                        + "lines are the proof to hand over.",
                List.of("find the reject-with-tcp-reset (or IPS) rule for " + a.target().label()
                                + " on the firewalls between this host and " + address,
                        "on " + address + ": tcpdump port " + a.address().getPort()
                                + " — the SYNs do not arrive there"))
                .withSignals(who.signals()));
    }
}
