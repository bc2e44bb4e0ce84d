package io.netcheck.verdict;

import io.netcheck.check.Overran;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import io.netcheck.capture.IcmpError;
import io.netcheck.capture.IcmpKind;
import io.netcheck.capture.WireFacts;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.HostPort;
import io.netcheck.probe.ConnectOutcome;
import io.netcheck.probe.TcpConnectResult;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.dns.ResolutionStatus;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Connection attempts as the tcp/tls/http commands would record them after seeing given packets. */
public final class Attempts {
    private Attempts() {
    }

    public static WireFacts wire(int syns, Integer synAckTtl, boolean reset, String resetFrom, Integer resetTtl, IcmpError icmp) {
        return new WireFacts(syns + (synAckTtl != null ? 2 : 0) + (reset ? 1 : 0), syns, synAckTtl != null, synAckTtl,
                synAckTtl == null ? null : 65160, synAckTtl == null ? null : 1460, reset,
                reset ? Evidence.ip(resetFrom) : null, resetTtl, false, false, 0, 0, icmp);
    }

    public static ConnectAttempt attempt(String label, ConnectOutcome outcome, String error, WireFacts wire) {
        HostPort target = Evidence.hp(label);
        InetSocketAddress address = new InetSocketAddress(Evidence.ip(target.host()), target.port());
        TcpConnectResult connect = new TcpConnectResult(outcome, address,
                new InetSocketAddress(Evidence.ip(Evidence.CLIENT), 40000),
                Duration.ofMillis(outcome == ConnectOutcome.TIMEOUT ? 3000 : 1), error);
        return new ConnectAttempt(target, Resolution.literal(target.host(), address.getAddress()), address, "eth0",
                connect, null, wire, wire.packets() > 0 ? List.of("a packet line") : List.of(), wire.packets() > 0);
    }

    /**
     * The attempt with its target host measured: the host answers its echo and its second port (RST) with these
     * TTLs (null: that probe got nothing), as {@code tcp} measures it beside the connect.
     */
    public static ConnectAttempt measured(ConnectAttempt a, Integer echoTtl, Integer portTtl) {
        return a.measured(Evidence.host(a.target().host(), echoTtl, portTtl));
    }

    /** The socket failed locally (EPERM) under a working capture that holds none of its packets. */
    public static ConnectAttempt localUnderCapture(String label) {
        ConnectAttempt a = attempt(label, ConnectOutcome.LOCAL_ERROR, "Operation not permitted", WireFacts.NONE);
        return new ConnectAttempt(a.target(), a.resolution(), a.address(), a.interfaceName(), a.connect(), null,
                WireFacts.NONE, List.of(), true);
    }

    public static ConnectAttempt connected(String label, int ttl) {
        return attempt(label, ConnectOutcome.CONNECTED, null, wire(1, ttl, false, null, null, null));
    }

    public static ConnectAttempt refused(String label, Integer rstTtl) {
        return attempt(label, ConnectOutcome.REFUSED, "Connection refused", rstTtl == null ? WireFacts.NONE
                : wire(1, null, true, Evidence.hp(label).host(), rstTtl, null));
    }

    public static ConnectAttempt timeout(String label) {
        return attempt(label, ConnectOutcome.TIMEOUT, "Connect timed out", wire(4, null, false, null, null, null));
    }

    public static ConnectAttempt icmp(String label, IcmpKind kind, int type, int code, String from) {
        ConnectOutcome outcome = kind == IcmpKind.PORT_UNREACHABLE ? ConnectOutcome.REFUSED : ConnectOutcome.UNREACHABLE;
        IcmpError error = new IcmpError(Evidence.ip(from), 64, 4, type, code, kind, from.equals(Evidence.hp(label).host()));
        return attempt(label, outcome, kind == IcmpKind.NET_UNREACHABLE ? "Network is unreachable"
                : kind == IcmpKind.PORT_UNREACHABLE ? "Connection refused" : "No route to host",
                wire(1, null, false, null, null, error));
    }

    public static ConnectAttempt local(String label) {
        HostPort target = Evidence.hp(label);
        return new ConnectAttempt(target, Resolution.literal(target.host(), Evidence.ip(target.host())),
                new InetSocketAddress(Evidence.ip(target.host()), target.port()), null, null,
                "this host has no route to " + target.host() + " (Network is unreachable)", WireFacts.NONE, List.of(),
                false);
    }

    /** The runner stopped waiting for the probe (deadline plus grace) under a working capture. */
    public static ConnectAttempt overran(String label) {
        HostPort target = Evidence.hp(label);
        return new ConnectAttempt(target, Resolution.literal(target.host(), Evidence.ip(target.host())),
                new InetSocketAddress(Evidence.ip(target.host()), target.port()), "eth0", null,
                Overran.problem(new CompletionException(new TimeoutException())), WireFacts.NONE, List.of(), true);
    }

    public static ConnectAttempt dnsFailed(String name, int port) {
        Resolution r = new Resolution(name, ResolutionStatus.NXDOMAIN, List.of(), List.of(), List.of("198.51.100.1#53"),
                Duration.ofMillis(3), "the name does not exist (NXDOMAIN)");
        return new ConnectAttempt(new HostPort(name, port), r, null, null, null, r.error(), WireFacts.NONE, List.of(),
                false);
    }
}
