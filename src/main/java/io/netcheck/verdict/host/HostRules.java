package io.netcheck.verdict.host;

import io.netcheck.check.ListenEvidence;
import io.netcheck.check.ListenersEvidence;
import io.netcheck.verdict.Rule;
import java.util.List;

/**
 * listeners and listen: the checks of netcheck's own host.
 *
 * <pre>
 * rule                    evidence                                             cause
 * listeners
 * listeners-unreadable    /proc/net not readable                               LOCAL
 * nothing-listens-here    no socket on PORT                                    BACKENDS_DOWN
 * listens-on-loopback-only PORT bound to 127.0.0.1 / ::1 only                  APP_ERROR
 * listeners-listed        PORT reachable from other hosts, or the overview     HEALTHY
 *
 * listen
 * listen-port-in-use      cannot bind the port                                 LOCAL
 * listen-connections-arrived connections arrived                               HEALTHY
 * listen-nothing-arrived  nothing arrived in the window                        INCONCLUSIVE
 * </pre>
 */
public final class HostRules {
    private HostRules() {
    }

    public static final List<Rule<ListenersEvidence>> LISTENERS = List.of(
            new ListenersUnreadable(),
            new NothingListensHere(),
            new LoopbackOnly(),
            new ListenersFine());

    public static final List<Rule<ListenEvidence>> LISTEN = List.of(
            new ListenPortTaken(),
            new ListenArrivals(),
            new ListenNothingArrived());
}
