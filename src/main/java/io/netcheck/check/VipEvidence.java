package io.netcheck.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * All the evidence of one VIP checklist run: what the verdict rules read and the report shows.
 *
 * @param host        the VIP address's own host, measured beside the VIP port
 * @param attribution who answered the VIP port, judged against {@code host}
 * @param pathMtu     the path MTU follow-up, one entry per address whose flow stalled after the request; empty
 *                    when no flow stalled (the follow-up only runs when needed)
 * @param lbSide      what an agent on the load balancer saw ({@code vip --from}), null without one; with it,
 *                    {@code backends} are the agent's step 3
 */
public record VipEvidence(VipCheckRequest request, Instant startedAt, Duration elapsed, EndpointEvidence vip,
                          List<EndpointEvidence> backends, LayerInference layer, CaptureSummary capture,
                          VipHostEvidence host, Attribution attribution, List<PathMtu> pathMtu,
                          LbSideEvidence lbSide) {
    public VipEvidence {
        backends = List.copyOf(backends);
        pathMtu = List.copyOf(pathMtu);
    }

    /** Evidence from netcheck's position alone. */
    public VipEvidence(VipCheckRequest request, Instant startedAt, Duration elapsed, EndpointEvidence vip,
                       List<EndpointEvidence> backends, LayerInference layer, CaptureSummary capture,
                       VipHostEvidence host, Attribution attribution, List<PathMtu> pathMtu) {
        this(request, startedAt, elapsed, vip, backends, layer, capture, host, attribution, pathMtu, null);
    }

    /** Evidence of a run in which no path MTU follow-up was needed. */
    public VipEvidence(VipCheckRequest request, Instant startedAt, Duration elapsed, EndpointEvidence vip,
                       List<EndpointEvidence> backends, LayerInference layer, CaptureSummary capture,
                       VipHostEvidence host, Attribution attribution) {
        this(request, startedAt, elapsed, vip, backends, layer, capture, host, attribution, List.of());
    }

    public long backendsIn(EndpointState... states) {
        return backends.stream().filter(b -> List.of(states).contains(b.state())).count();
    }

    public long backendsUp() {
        return backends.stream().filter(b -> b.state().up()).count();
    }

    public boolean hasBackends() {
        return !backends.isEmpty();
    }

    public boolean allBackendsDown() {
        return hasBackends() && backendsUp() == 0
                && backends.stream().noneMatch(b -> b.state() == EndpointState.HTTP_ERROR);
    }

    /** The first measured black hole, null when none was found. */
    public PathMtu blackHole() {
        return pathMtu.stream().filter(PathMtu::blackHole).findFirst().orElse(null);
    }
}
