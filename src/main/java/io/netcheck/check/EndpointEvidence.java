package io.netcheck.check;

import io.netcheck.capture.IcmpKind;
import io.netcheck.capture.WireFacts;
import io.netcheck.probe.ConnectOutcome;
import io.netcheck.probe.ExchangeOutcome;
import io.netcheck.probe.HttpResponseSummary;
import io.netcheck.probe.ServiceResult;
import io.netcheck.probe.dns.Resolution;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Everything learnt about one endpoint (the VIP or a real server): how its name resolved, what the socket
 * API reported, and what the packets prove.
 *
 * @param address   the address probed, null when resolution or routing failed
 * @param result    the probe's result, null when it could not run
 * @param problem   why the probe could not run (no route, probe overran), null otherwise
 * @param packets   this endpoint's packets as tcpdump lines
 * @param requestAt index in {@code packets} of the first packet carrying netcheck's request (TLS hello or
 *                  GET): lines before it are the connection attempt, lines from it on are the exchange
 */
public record EndpointEvidence(HostPort target, Resolution resolution, InetSocketAddress address, String interfaceName,
                               ServiceResult result, String problem, WireFacts wire, List<String> packets,
                               int requestAt, Duration elapsed) {
    public EndpointEvidence {
        packets = List.copyOf(packets);
    }

    public EndpointState state() {
        if (resolution != null && resolution.status().failed()) {
            return EndpointState.DNS_FAILED;
        }
        if (result == null) {
            return Overran.is(problem) ? EndpointState.OVERRAN : EndpointState.LOCAL_ERROR;
        }
        if (wire.icmp() != null && !result.connect().connected()) {
            return wire.icmp().kind() == IcmpKind.PORT_UNREACHABLE ? EndpointState.REFUSED : EndpointState.UNREACHABLE;
        }
        ConnectOutcome connect = result.connect().outcome();
        switch (connect) {
            case REFUSED:
                return EndpointState.REFUSED;
            case TIMEOUT:
                return EndpointState.TIMEOUT;
            case UNREACHABLE:
                return EndpointState.UNREACHABLE;
            case LOCAL_ERROR:
                return EndpointState.LOCAL_ERROR;
            default:
                break;
        }
        if (result.tls() != null && !result.tls().established()) {
            return EndpointState.TLS_FAILED;
        }
        if (result.exchange() == null) {
            return EndpointState.NO_RESPONSE;
        }
        ExchangeOutcome outcome = result.exchange().outcome();
        // The wire knows better than the socket: a FIN before any byte, then RST for our late write,
        // is a close, not a reset.
        if ((outcome == ExchangeOutcome.RESET || outcome == ExchangeOutcome.SEND_FAILED) && wire.peerFin()
                && wire.peerBytes() == 0) {
            return EndpointState.CLOSED;
        }
        return switch (outcome) {
            case RESPONSE -> result.exchange().response().isServerError() ? EndpointState.HTTP_ERROR
                    : EndpointState.HEALTHY;
            case NOT_HTTP -> EndpointState.NOT_HTTP;
            case RESET, SEND_FAILED -> EndpointState.RESET;
            case CLOSED -> EndpointState.CLOSED;
            case NO_RESPONSE -> EndpointState.NO_RESPONSE;
            case BODY_STALLED -> EndpointState.BODY_STALLED;
        };
    }

    /** Connected and the request sent, then the answer (or its body) stopped coming: where a path MTU black hole shows. */
    public boolean stalledAfterRequest() {
        EndpointState s = state();
        return s == EndpointState.BODY_STALLED || s == EndpointState.NO_RESPONSE && result != null
                && result.exchange() != null && result.exchange().outcome() == ExchangeOutcome.NO_RESPONSE;
    }

    public boolean connected() {
        return result != null && result.connect().connected();
    }

    public HttpResponseSummary response() {
        return result == null || result.exchange() == null ? null : result.exchange().response();
    }

    /** Hop distance of whoever answered the SYN, from the capture; null when not captured. */
    public Integer answerHops() {
        return wire.answerHops();
    }
}
