package io.netcheck.verdict.vip;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.mtu.MtuWords;
import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.EndpointState;
import io.netcheck.check.VipEvidence;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The VIP accepted the connection but could not serve: its own error page (503/502/504), a reset, a close,
 * silence, or a response whose body stalled. Step 3 — the real servers probed directly — decides whose fault that
 * is. When every server answers netcheck at once, how the load balancer failed tells its configuration (an
 * immediate 502/503, reset or close) from a path it cannot use (it held the request, or answered 504): the LB
 * waited for servers it cannot reach. netcheck cannot see the LB-to-server path from where it stands, so those
 * verdicts stay MEDIUM. (A stall explained by a path MTU black hole is caught earlier, by {@link PathMtuBlackHole}.)
 */
public final class VipFailsBehindLb implements Rule<VipEvidence> {
    /** An LB answer this slow, and ten times slower than the slowest server's, was held, not given at once. */
    static final Duration HELD = Duration.ofSeconds(1);

    @Override
    public String id() {
        return "vip-fails-behind-lb";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        EndpointState s = e.vip().state();
        var response = e.vip().response();
        boolean lbPage = s == EndpointState.HTTP_ERROR && response.generatedBy() != null;
        boolean noAnswer = s == EndpointState.RESET || s == EndpointState.CLOSED || s == EndpointState.NO_RESPONSE
                || s == EndpointState.BODY_STALLED;
        boolean unknown5xx = s == EndpointState.HTTP_ERROR && response.generatedBy() == null && e.hasBackends();
        if (!lbPage && !noAnswer && !unknown5xx) {
            return Optional.empty();
        }
        String vipSays = "The VIP accepted the connection (" + Describe.connect(e.vip()) + ") but " + Describe.exchange(e.vip())
                + ". Layer: " + String.join("; ", e.layer().reasons()) + ".";
        String vipSignal = "the VIP accepted, then " + Describe.exchange(e.vip());
        if (!e.hasBackends()) {
            return Optional.of(new Finding(Cause.INCONCLUSIVE, Confidence.LOW,
                    "the load balancer cannot serve " + e.vip().target().label() + ", cause behind it unknown",
                    vipSays + " Without --backends netcheck cannot tell dead real servers from a load balancer "
                            + "that points at the wrong ones.",
                    List.of("re-run with --backends host:port,... listing the pool's real servers",
                            "ask the LB team for the pool/health-check status of this VIP")).withSignals(vipSignal));
        }
        long up = e.backendsUp();
        long total = e.backends().size();
        String serversSignal = "probed directly, " + Describe.backends(e);
        if (up == total && s == EndpointState.BODY_STALLED) {
            return Optional.of(new Finding(Cause.LB_MISCONFIGURED, Confidence.MEDIUM,
                    "the load balancer stalls the response body; the real servers send theirs in full",
                    vipSays + " Probed directly, " + Describe.backends(e) + ", with their whole bodies. The load "
                            + "balancer stops passing the body on: its buffering or proxy timeouts, or a smaller "
                            + "MTU between it and this host" + MtuWords.measuredNote(e.pathMtu()) + ".",
                    List.of("compare the LB's access log for this request with the real server's",
                            "check the LB's proxy buffering and timeouts for large responses",
                            "netcheck mtu " + AddressText.of(e.vip().address().getAddress())
                                    + " to measure the path MTU towards the VIP"))
                    .withSignals("the VIP's response body stalled: " + Describe.exchange(e.vip()), serversSignal));
        }
        if (up == total) {
            return Optional.of(held(e) ? unreachableBehind(e, vipSays, vipSignal, serversSignal)
                    : notUsingServers(e, vipSays, vipSignal, serversSignal));
        }
        if (up > 0) {
            return Optional.of(new Finding(Cause.DEGRADED, Confidence.MEDIUM,
                    (total - up) + " of " + total + " real servers are down, and the VIP failed this request",
                    vipSays + " Probed directly, " + Describe.backends(e) + ". The load balancer sent this request "
                            + "to a dead server or has no health check removing it.",
                    List.of("repair the failing real servers", "check the LB health check removes dead members"))
                    .withSignals(vipSignal, serversSignal));
        }
        if (e.backends().stream().allMatch(b -> b.state() == EndpointState.HTTP_ERROR)) {
            return Optional.of(new Finding(Cause.APP_ERROR, Confidence.MEDIUM,
                    "every real server answers with a server error",
                    vipSays + " The real servers, probed directly, all answer HTTP 5xx: " + Describe.backends(e)
                            + ". The application is failing; the load balancer is passing that on.",
                    List.of("check the application logs on the real servers")).withSignals(vipSignal, serversSignal));
        }
        List<EndpointEvidence> failing = e.backends().stream().filter(b -> !b.state().up())
                .toList();
        if (failing.stream().anyMatch(b -> b.state() == EndpointState.BODY_STALLED)
                && failing.stream().allMatch(EndpointEvidence::stalledAfterRequest)) {
            return Optional.of(new Finding(Cause.APP_ERROR, Confidence.MEDIUM,
                    "the real servers start answering, then their responses stall",
                    vipSays + " Probed directly, " + Describe.backends(e) + ": the servers accept the request and "
                            + "send the start of a response, then nothing more" + MtuWords.measuredNote(e.pathMtu())
                            + ". A server that stops writing mid-response (a hung worker, a stuck upstream) does this.",
                    List.of("check the application on the real servers for requests that never finish",
                            "netcheck mtu " + AddressText.of(failing.get(0).address().getAddress())
                                    + " to rule out the path MTU")));
        }
        boolean anyRefusing = e.backends().stream().anyMatch(b -> b.state().refusing()
                || b.state() == EndpointState.HTTP_ERROR);
        if (anyRefusing) {
            return Optional.of(new Finding(Cause.BACKENDS_DOWN, Confidence.HIGH,
                    "no real server behind " + e.vip().target().label() + " is serving",
                    vipSays + " Probed directly, " + Describe.backends(e) + ". The load balancer has nothing "
                            + "healthy to send traffic to: the real servers are down.",
                    List.of("start or repair the service on the real servers (ss -ltnp on each)"))
                    .withSignals(vipSignal, serversSignal));
        }
        return Optional.of(new Finding(Cause.BACKENDS_UNREACHABLE, Confidence.MEDIUM,
                "the real servers cannot be reached",
                vipSays + " Probed directly, " + Describe.backends(e) + ": the servers are not refusing, packets "
                        + "to them go unanswered or are bounced by the network. The load balancer most likely "
                        + "cannot reach them either.",
                List.of("check routes and firewall rules between the load balancer and the real servers",
                        "from the LB host, connect to a real server (step 3 of the checklist)"))
                .withSignals(vipSignal, serversSignal));
    }

    /**
     * The LB held the request (no answer within the timeout, or a gateway timeout, or an error page only after a
     * wait far beyond what the servers take): it was waiting for a server.
     */
    public static boolean held(VipEvidence e) {
        EndpointState s = e.vip().state();
        if (s == EndpointState.NO_RESPONSE) {
            return true;
        }
        var response = e.vip().response();
        if (response == null) {
            return false;
        }
        if (response.status() == 504) {
            return true;
        }
        Duration vip = e.vip().result().exchange().firstByte();
        Duration slowest = e.backends().stream().map(EndpointEvidence::result).filter(Objects::nonNull)
                .map(r -> r.exchange() == null ? null : r.exchange().firstByte()).filter(Objects::nonNull)
                .max(Duration::compareTo).orElse(null);
        return vip != null && slowest != null && vip.compareTo(HELD) >= 0
                && vip.compareTo(slowest.multipliedBy(10)) >= 0;
    }

    private static Finding unreachableBehind(VipEvidence e, String vipSays, String vipSignal, String serversSignal) {
        return new Finding(Cause.BACKENDS_UNREACHABLE, Confidence.MEDIUM,
                "the load balancer waits for real servers it cannot reach, while they answer netcheck",
                vipSays + " Yet probed directly, " + Describe.backends(e) + ", at once. A load balancer that holds "
                        + "the request (or answers a gateway timeout) is waiting for a server it cannot reach: the "
                        + "path between the LB and the servers (a firewall, a route, a security group) is the "
                        + "suspect, not the servers. netcheck cannot see that path from where it stands: a connect "
                        + "from the load balancer host to a real server, or a capture on a server while the LB "
                        + "health-checks it, proves it.",
                List.of("from the load balancer host, connect to a real server on its port (step 3 of the checklist, "
                                + "from the LB's position)",
                        "check firewall rules / security groups between the LB and the servers (the LB's source "
                                + "address must be allowed)",
                        "tcpdump on a real server: do the LB's SYNs arrive?"))
                .withSignals(vipSignal, serversSignal);
    }

    private static Finding notUsingServers(VipEvidence e, String vipSays, String vipSignal, String serversSignal) {
        return new Finding(Cause.LB_MISCONFIGURED, Confidence.MEDIUM,
                "the real servers work, but the load balancer does not use them",
                vipSays + " Yet probed directly, " + Describe.backends(e) + ". The servers are fine and the load "
                        + "balancer failed at once: its pool points elsewhere (wrong port or members) or its health "
                        + "check fails. netcheck cannot see the path between the LB and the servers from where it "
                        + "stands: if the LB cannot reach them, its health check marks them down just the same — "
                        + "a connect from the LB host to a real server tells the two apart.",
                List.of("compare the LB pool members/ports with --backends",
                        "check the LB's health-check definition and its view of member status",
                        "from the LB host, connect to a real server (step 3 of the checklist)"))
                .withSignals(vipSignal, serversSignal);
    }
}
