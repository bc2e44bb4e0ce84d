package io.netcheck.verdict.host;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Evidence;
import io.netcheck.verdict.Rules;

import static io.netcheck.verdict.Rules.cites;
import static io.netcheck.verdict.Rules.fires;
import static io.netcheck.verdict.Rules.rests;
import static io.netcheck.verdict.Rules.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.check.Arrival;
import io.netcheck.check.ListenEvidence;
import io.netcheck.check.ListenRequest;
import io.netcheck.check.Listener;
import io.netcheck.check.ListenersEvidence;
import io.netcheck.check.ListenersRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listeners and listen rules. */
public class HostRulesTest {
    public static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");

    public static Listener l(String proto, String address, int port) {
        return new Listener(proto, Evidence.ip(address), port, 1, 0, 42, "nginx");
    }

    public static ListenersEvidence listeners(Integer port, Listener... ls) {
        return new ListenersEvidence(new ListenersRequest(port), "b1", NOW, Duration.ofMillis(3), List.of(ls), List.of(),
                true);
    }

    @Test
    void nothingOnThePort() {
        Finding f = fires(new NothingListensHere(), listeners(8080, l("tcp", "0.0.0.0", 80)), Cause.BACKENDS_DOWN);
        cites(f, "nothing listens on port 8080 on b1");
        // One reading of /proc/net is one signal.
        rests(f, Confidence.MEDIUM, 1, "/proc/net on b1: no socket bound to port 8080 among 1 listening sockets");
        silent(new NothingListensHere(), listeners(null, l("tcp", "0.0.0.0", 80)));
    }

    @Test
    void loopbackOnlyIsCalledOut() {
        Finding f = fires(new LoopbackOnly(), listeners(5432, l("tcp", "127.0.0.1", 5432), l("tcp6", "::1", 5432)),
                Cause.APP_ERROR);
        cites(f, "port 5432 listens on loopback only", "tcp 127.0.0.1:5432 nginx (pid 42)", "tcp6 [::1]:5432");
        rests(f, Confidence.MEDIUM, 1, "/proc/net on b1: port 5432 bound to tcp 127.0.0.1:5432");
        silent(new LoopbackOnly(), listeners(5432, l("tcp", "127.0.0.1", 5432), l("tcp", "0.0.0.0", 5432)));
    }

    @Test
    void listeningOnAllAddressesIsFineAndTheOverviewCountsLoopbackOnes() {
        Finding f = fires(new ListenersFine(), listeners(80, l("tcp", "0.0.0.0", 80), l("tcp6", "::", 80)),
                Cause.HEALTHY);
        cites(f, "port 80 listens on 0.0.0.0:80, [::]:80");
        rests(f, Confidence.MEDIUM, 1, "/proc/net on b1: port 80 bound to 0.0.0.0:80, [::]:80");
        Finding all = fires(new ListenersFine(), listeners(null, l("tcp", "0.0.0.0", 80), l("tcp", "127.0.0.1", 5432)),
                Cause.HEALTHY);
        cites(all, "1 of them on loopback only", "127.0.0.1:5432");
        rests(all, Confidence.MEDIUM, 1, "/proc/net on b1: 2 listening sockets");
    }

    @Test
    void unreadableProcIsLocal() {
        ListenersEvidence e = new ListenersEvidence(new ListenersRequest(null), "b1", NOW, Duration.ZERO, List.of(),
                List.of("/proc/net/tcp could not be read"), false);
        assertEquals("listeners-unreadable", Rules.decidingRule(HostRules.LISTENERS, e));
        rests(fires(new ListenersUnreadable(), e, Cause.LOCAL), Confidence.MEDIUM, 1, "/proc/net/tcp could not be read");
    }

    public static ListenEvidence listen(String problem, String holder, Arrival... arrivals) {
        return new ListenEvidence(new ListenRequest(8080, Duration.ofSeconds(60)), "b1", NOW, Duration.ofSeconds(60),
                problem == null ? "*:8080" : null, List.of(arrivals), false, problem, holder);
    }

    @Test
    void listenRules() {
        Finding taken = fires(new ListenPortTaken(), listen("port 8080 is already in use (Address already in use)",
                "nginx (pid 42) on tcp 0.0.0.0:8080"), Cause.LOCAL);
        cites(taken, "nginx (pid 42) on tcp 0.0.0.0:8080 holds it");
        // bind() failing and /proc/net naming the holder: two observations.
        rests(taken, Confidence.HIGH, 2, "bind: port 8080 is already in use",
                "/proc/net: nginx (pid 42) on tcp 0.0.0.0:8080 holds the port");
        rests(fires(new ListenPortTaken(), listen("port 8080 is already in use (Address already in use)", null),
                Cause.LOCAL), Confidence.MEDIUM, 1, "bind: port 8080");
        Arrival a = new Arrival(NOW, new InetSocketAddress(Evidence.ip("198.51.100.2"), 40000),
                new InetSocketAddress(Evidence.ip("203.0.113.130"), 8080), "hello");
        Finding arrived = fires(new ListenArrivals(), listen(null, null, a), Cause.HEALTHY);
        cites(arrived, "1 connection reached port 8080 from 198.51.100.2");
        rests(arrived, Confidence.MEDIUM, 1, "a connection from 198.51.100.2:40000 arrived at");
        Arrival b = new Arrival(NOW.plusSeconds(1), new InetSocketAddress(Evidence.ip("198.51.100.2"), 40001),
                new InetSocketAddress(Evidence.ip("203.0.113.130"), 8080), "");
        rests(fires(new ListenArrivals(), listen(null, null, a, b), Cause.HEALTHY), Confidence.HIGH, 2,
                "198.51.100.2:40001");
        Finding none = fires(new ListenNothingArrived(), listen(null, null), Cause.INCONCLUSIVE);
        cites(none, "no connection reached port 8080", "FIREWALL_DROP");
        silent(new ListenNothingArrived(), listen(null, null, a));
    }
}
