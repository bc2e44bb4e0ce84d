package io.netcheck.verdict;

import io.netcheck.check.TraceEvidence;
import io.netcheck.probe.raw.HopAnswer;
import java.util.List;
import java.util.Optional;

/** TCP reaches the destination (SYN-ACK or RST from it): the path to the service is open. */
final class TraceReaches implements Rule<TraceEvidence> {
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
        String dst = e.address().getHostAddress();
        int port = e.request().target().port();
        String routers = e.routers().stream().map(java.net.InetAddress::getHostAddress).toList().toString();
        if (end.what().equals("RST")) {
            return Optional.of(new Finding(Cause.BACKENDS_DOWN, Confidence.HIGH, "nothing listens on " + dst + ":" + port,
                    "The path is open (" + e.lastTtl(true) + " hops, routers " + routers + ") and " + dst
                            + " answers the SYN itself with RST: no process listens on port " + port + ".",
                    List.of("on " + dst + ": netcheck listeners " + port)));
        }
        return Optional.of(new Finding(Cause.HEALTHY, Confidence.HIGH,
                dst + ":" + port + " is reached in " + e.lastTtl(true) + " hops",
                "TCP to port " + port + " reaches " + dst + " at hop " + e.lastTtl(true) + " (" + TraceWords.answer(end)
                        + "), through " + routers + "." + (e.icmpReached() ? ""
                        : " ICMP echo does not get through: a filter drops ping, which does not matter for the service."),
                List.of()));
    }
}
