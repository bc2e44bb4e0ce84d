package io.netcheck.verdict.trace;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import java.net.InetAddress;
import io.netcheck.capture.Hops;
import io.netcheck.check.TraceEvidence;
import io.netcheck.probe.raw.HopAnswer;
import java.util.List;
import java.util.Optional;

/** TCP reaches the destination (SYN-ACK or RST from it): the path to the service is open. */
public final class TraceReaches implements Rule<TraceEvidence> {
    @Override
    public String id() {
        return "trace-reaches";
    }

    @Override
    public Optional<Finding> evaluate(TraceEvidence e) {
        HopAnswer end = e.tcpEnd();
        if (end == null || !end.destination() || end.unreachable()) {
            return Optional.empty();
        }
        String dst = AddressText.of(e.address());
        int port = e.request().target().port();
        String routers = e.routers().stream().map(InetAddress::getHostAddress).toList().toString();
        String tcp = "the SYN with TTL " + e.lastTtl(true) + " was answered by " + dst + " with " + end.what()
                + Describe.hops(end.ttl());
        if (end.what().equals("RST")) {
            String same = sameHost(e, end);
            return Optional.of(new Finding(Cause.BACKENDS_DOWN, Confidence.HIGH, "nothing listens on " + dst + ":" + port,
                    "The path is open (" + e.lastTtl(true) + " hops, routers " + routers + ") and " + dst
                            + " answers the SYN itself with RST: no process listens on port " + port + "."
                            + (same != null || !e.icmpReached() ? "" : " (The RST's TTL does not match " + dst
                            + "'s own echo reply: a device in the path may have sent it in " + dst + "'s name; "
                            + "netcheck tcp " + dst + ":" + port + " compares them.)"),
                    List.of("on " + dst + ": netcheck listeners " + port)).withSignals(tcp, same));
        }
        return Optional.of(new Finding(Cause.HEALTHY, Confidence.HIGH,
                dst + ":" + port + " is reached in " + e.lastTtl(true) + " hops",
                "TCP to port " + port + " reaches " + dst + " at hop " + e.lastTtl(true) + " (" + TraceWords.answer(end)
                        + "), through " + routers + "." + (e.icmpReached() ? ""
                        : " ICMP echo does not get through: a filter drops ping, which does not matter for the service."),
                List.of()).withSignals(tcp, e.icmpReached() ? "the ICMP echo reaches " + dst + " too: "
                + TraceWords.answer(e.icmpEnd()) + " at hop " + e.lastTtl(false) : null));
    }

    /**
     * The destination's echo reply comes from the same distance and stack as the TCP answer: the host itself sent
     * it. Null when the echo did not reach it or the two disagree (a device in the path may answer for it).
     */
    private static String sameHost(TraceEvidence e, HopAnswer tcp) {
        HopAnswer echo = e.icmpReached() ? e.icmpEnd() : null;
        if (echo == null || Hops.fromTtl(echo.ttl()) != Hops.fromTtl(tcp.ttl())
                || Hops.initial(echo.ttl()) != Hops.initial(tcp.ttl())) {
            return null;
        }
        return "the destination's own echo reply comes from the same distance" + Describe.hops(echo.ttl())
                + ": the " + tcp.what() + " is " + AddressText.of(echo.from()) + "'s own";
    }
}
