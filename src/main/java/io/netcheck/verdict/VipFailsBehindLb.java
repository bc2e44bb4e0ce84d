package io.netcheck.verdict;

import io.netcheck.checklist.EndpointState;
import io.netcheck.checklist.VipEvidence;
import java.util.List;
import java.util.Optional;

/**
 * The VIP accepted the connection but could not serve: its own error page (503/502/504), a reset, a
 * close, silence, or a response whose body stalled. Step 3 — the real servers probed directly — decides
 * whose fault that is. (A stall explained by a path MTU black hole is caught earlier, by
 * {@link PathMtuBlackHole}.)
 */
final class VipFailsBehindLb implements VipRule {
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
        if (!e.hasBackends()) {
            return Optional.of(new Finding(Cause.INCONCLUSIVE, Confidence.LOW,
                    "the load balancer cannot serve " + e.vip().target().label() + ", cause behind it unknown",
                    vipSays + " Without --backends netcheck cannot tell dead real servers from a load balancer "
                            + "that points at the wrong ones.",
                    List.of("re-run with --backends host:port,... listing the pool's real servers",
                            "ask the LB team for the pool/health-check status of this VIP")));
        }
        long up = e.backendsUp();
        long total = e.backends().size();
        if (up == total && s == EndpointState.BODY_STALLED) {
            return Optional.of(new Finding(Cause.LB_MISCONFIGURED, Confidence.MEDIUM,
                    "the load balancer stalls the response body; the real servers send theirs in full",
                    vipSays + " Probed directly, " + Describe.backends(e) + ", with their whole bodies. The load "
                            + "balancer stops passing the body on: its buffering or proxy timeouts, or a smaller "
                            + "MTU between it and this host" + MtuWords.measuredNote(e.pathMtu()) + ".",
                    List.of("compare the LB's access log for this request with the real server's",
                            "check the LB's proxy buffering and timeouts for large responses",
                            "netcheck mtu " + e.vip().address().getAddress().getHostAddress()
                                    + " to measure the path MTU towards the VIP")));
        }
        if (up == total) {
            return Optional.of(new Finding(Cause.LB_MISCONFIGURED, lbPage ? Confidence.HIGH : Confidence.MEDIUM,
                    "the real servers work, but the load balancer does not use them",
                    vipSays + " Yet probed directly, " + Describe.backends(e) + ". The servers are fine: the load "
                            + "balancer's pool points elsewhere (wrong port or members), its health check fails for "
                            + "another reason, or the LB itself cannot reach them.",
                    List.of("compare the LB pool members/ports with --backends",
                            "check the LB's health-check definition and its view of member status",
                            "from the LB host, connect to a real server (step 3 of the checklist)")));
        }
        if (up > 0) {
            return Optional.of(new Finding(Cause.DEGRADED, Confidence.MEDIUM,
                    (total - up) + " of " + total + " real servers are down, and the VIP failed this request",
                    vipSays + " Probed directly, " + Describe.backends(e) + ". The load balancer sent this request "
                            + "to a dead server or has no health check removing it.",
                    List.of("repair the failing real servers", "check the LB health check removes dead members")));
        }
        if (e.backends().stream().allMatch(b -> b.state() == EndpointState.HTTP_ERROR)) {
            return Optional.of(new Finding(Cause.APP_ERROR, Confidence.MEDIUM,
                    "every real server answers with a server error",
                    vipSays + " The real servers, probed directly, all answer HTTP 5xx: " + Describe.backends(e)
                            + ". The application is failing; the load balancer is passing that on.",
                    List.of("check the application logs on the real servers")));
        }
        List<io.netcheck.checklist.EndpointEvidence> failing = e.backends().stream().filter(b -> !b.state().up())
                .toList();
        if (failing.stream().anyMatch(b -> b.state() == EndpointState.BODY_STALLED)
                && failing.stream().allMatch(io.netcheck.checklist.EndpointEvidence::stalledAfterRequest)) {
            return Optional.of(new Finding(Cause.APP_ERROR, Confidence.MEDIUM,
                    "the real servers start answering, then their responses stall",
                    vipSays + " Probed directly, " + Describe.backends(e) + ": the servers accept the request and "
                            + "send the start of a response, then nothing more" + MtuWords.measuredNote(e.pathMtu())
                            + ". A server that stops writing mid-response (a hung worker, a stuck upstream) does this.",
                    List.of("check the application on the real servers for requests that never finish",
                            "netcheck mtu " + failing.get(0).address().getAddress().getHostAddress()
                                    + " to rule out the path MTU")));
        }
        boolean anyRefusing = e.backends().stream().anyMatch(b -> b.state().refusing()
                || b.state() == EndpointState.HTTP_ERROR);
        if (anyRefusing) {
            return Optional.of(new Finding(Cause.BACKENDS_DOWN, Confidence.HIGH,
                    "no real server behind " + e.vip().target().label() + " is serving",
                    vipSays + " Probed directly, " + Describe.backends(e) + ". The load balancer has nothing "
                            + "healthy to send traffic to: the real servers are down.",
                    List.of("start or repair the service on the real servers (ss -ltnp on each)")));
        }
        return Optional.of(new Finding(Cause.BACKENDS_UNREACHABLE, Confidence.MEDIUM,
                "the real servers cannot be reached",
                vipSays + " Probed directly, " + Describe.backends(e) + ": the servers are not refusing, packets "
                        + "to them go unanswered or are bounced by the network. The load balancer most likely "
                        + "cannot reach them either.",
                List.of("check routes and firewall rules between the load balancer and the real servers",
                        "from the LB host, connect to a real server (step 3 of the checklist)")));
    }
}
