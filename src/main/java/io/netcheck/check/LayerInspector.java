package io.netcheck.check;

import io.netcheck.capture.WireFacts;
import io.netcheck.probe.HttpResponseSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Step 2 of the LB checklist: is the VIP Layer 4 or Layer 7? An L4 pass-through VIP cannot complete a
 * handshake without a real server, so who answered the SYN is the key, and that is decided against the VIP
 * host's own packets ({@link AnswerOrigin}), not against the real servers' distance: a proxy may sit exactly as
 * far away as its servers.
 */
public final class LayerInspector {
    private LayerInspector() {
    }

    public static LayerInference infer(EndpointEvidence vip, List<EndpointEvidence> backends, Attribution origin) {
        List<String> reasons = new ArrayList<>();
        WireFacts wire = vip.wire();
        HttpResponseSummary response = vip.response();

        if (!vip.connected()) {
            if (origin.origin() == Attribution.Origin.BEHIND_VIP) {
                reasons.addAll(origin.reasons());
                reasons.add("the VIP forwards (NATs) connections and a server behind it refused");
                return new LayerInference(Layer.L4_PASSTHROUGH, reasons);
            }
            if (origin.origin() != Attribution.Origin.NO_ANSWER) {
                reasons.addAll(origin.reasons());
            }
            reasons.add("the VIP did not accept the connection, so how it handles one cannot be observed");
            return new LayerInference(Layer.UNKNOWN, reasons);
        }

        if (response != null && response.generatedBy() != null) {
            reasons.add(response.generatedBy().product() + " generated the " + response.status() + " itself ("
                    + response.generatedBy().evidence() + "): the VIP speaks HTTP");
            return new LayerInference(Layer.L7_PROXY, reasons);
        }

        long plainBehindTls = backends.stream().filter(b -> b.result() != null && b.result().plainHttpBehindTls())
                .count();
        if (plainBehindTls > 0 && vip.result() != null && vip.result().tls() != null
                && vip.result().tls().established()) {
            reasons.add("the VIP completed the TLS handshake, but " + plainBehindTls + " of " + backends.size()
                    + " real server" + (backends.size() == 1 ? "" : "s") + " answered the ClientHello in clear text and "
                    + "GET in plain HTTP: the load balancer terminates TLS and speaks HTTP to the servers");
            return new LayerInference(Layer.L7_PROXY, reasons);
        }

        EndpointState state = vip.state();
        switch (origin.origin()) {
            case VIP_HOST -> {
                reasons.add(origin.reasons().get(0) + ": the load balancer terminates TCP itself");
                if (state == EndpointState.CLOSED) {
                    reasons.add("it then closed without any HTTP answer: a TCP-mode proxy whose own connection "
                            + "to a real server failed");
                    return new LayerInference(Layer.L4_PROXY, reasons);
                }
                return new LayerInference(Layer.PROXY, reasons);
            }
            case BEHIND_VIP -> {
                reasons.add(origin.reasons().get(origin.reasons().size() - 1)
                        + ": the handshake was with a server behind the VIP");
                backends.stream().filter(b -> sameHandshake(b.wire(), wire)).findFirst().ifPresent(b -> reasons.add(
                        "its SYN-ACK has the TCP fingerprint of " + b.target().label() + " (window "
                                + wire.synAckWindow() + ", MSS " + wire.synAckMss() + ")"));
                return new LayerInference(Layer.L4_PASSTHROUGH, reasons);
            }
            case IN_PATH -> {
                reasons.addAll(origin.reasons());
                reasons.add("a device in front of the VIP completed the handshake (a SYN proxy or firewall), so "
                        + "the layer of the VIP itself cannot be seen");
                return new LayerInference(Layer.UNKNOWN, reasons);
            }
            default -> {
                // UNKNOWN / NO_ANSWER: the VIP host could not be measured; say what the servers' distance suggests
                // only where it cannot mislead (closer than every server: nothing behind it answered).
                reasons.addAll(origin.reasons());
                Integer serverHops = mostCommon(backends.stream().map(EndpointEvidence::answerHops).toList());
                Integer vipHops = wire.synAckHops();
                if (vipHops != null && serverHops != null && vipHops < serverHops) {
                    reasons.add("the VIP's SYN-ACK came from " + hops(vipHops) + " away, closer than the real servers' ("
                            + hops(serverHops) + "): something before them terminates TCP");
                    return new LayerInference(state == EndpointState.CLOSED ? Layer.L4_PROXY : Layer.PROXY, reasons);
                }
            }
        }

        switch (state) {
            case CLOSED -> {
                reasons.add("the VIP accepted the connection, then closed it without an HTTP answer: typical of a "
                        + "TCP-mode (L4) proxy that could not reach a real server");
                return new LayerInference(Layer.L4_PROXY, reasons);
            }
            case BODY_STALLED -> {
                reasons.add("the VIP answered the request's head, then its body stalled: the connection reaches "
                        + "something that speaks HTTP");
                return new LayerInference(Layer.UNKNOWN, reasons);
            }
            case RESET, NO_RESPONSE -> {
                reasons.add("the VIP accepted the connection but " + (state == EndpointState.RESET
                        ? "reset it after the request" : "never answered the request")
                        + ": a proxy that accepts TCP with no working real server behind it");
                return new LayerInference(Layer.PROXY, reasons);
            }
            default -> {
                reasons.add(backends.isEmpty()
                        ? "the VIP answers normally; without --backends or the VIP host's own packets, L4 and L7 "
                        + "look alike from outside"
                        : "the VIP answers normally; without the VIP host's own packets (echo, second port) L4 and "
                        + "L7 look alike from outside");
                return new LayerInference(Layer.UNKNOWN, reasons);
            }
        }
    }

    private static boolean sameHandshake(WireFacts a, WireFacts b) {
        return a.synAckSeen() && b.synAckSeen() && Objects.equals(a.synAckTtl(), b.synAckTtl())
                && Objects.equals(a.synAckMss(), b.synAckMss()) && Objects.equals(a.synAckWindow(), b.synAckWindow());
    }

    static Integer mostCommon(Collection<Integer> values) {
        Map<Integer, Long> counts = values.stream().filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(null);
    }

    private static String hops(int n) {
        return n + (n == 1 ? " hop" : " hops");
    }
}
