package io.netcheck.checklist;

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
 * handshake without a real server, so who answered the SYN is the key. The capture's TTLs tell the
 * distance of whoever answered: the LB's own SYN-ACK comes from closer than the real servers'.
 */
public final class LayerInspector {
    private LayerInspector() {
    }

    public static LayerInference infer(EndpointEvidence vip, List<EndpointEvidence> backends) {
        List<String> reasons = new ArrayList<>();
        Integer serverHops = mostCommon(backends.stream().map(EndpointEvidence::answerHops).toList());
        WireFacts wire = vip.wire();
        HttpResponseSummary response = vip.response();

        if (!vip.connected()) {
            Integer resetHops = wire.resetSeen() ? wire.resetHops() : null;
            if (resetHops != null && serverHops != null) {
                if (resetHops.equals(serverHops)) {
                    reasons.add("the VIP's RST came from " + hops(resetHops) + " away, as far as the real servers: "
                            + "the VIP forwards (NATs) connections and a real server refused");
                    return new LayerInference(Layer.L4_PASSTHROUGH, reasons);
                }
                if (resetHops < serverHops) {
                    reasons.add("the VIP's RST came from " + hops(resetHops) + " away, closer than the real servers ("
                            + hops(serverHops) + "): the load balancer host itself refused");
                }
            }
            reasons.add("the VIP did not accept the connection, so how it handles one cannot be observed");
            return new LayerInference(Layer.UNKNOWN, reasons);
        }

        if (response != null && response.generatedBy() != null) {
            reasons.add(response.generatedBy().product() + " generated the " + response.status() + " itself ("
                    + response.generatedBy().evidence() + "): the VIP speaks HTTP");
            return new LayerInference(Layer.L7_PROXY, reasons);
        }

        Integer vipHops = wire.synAckHops();
        EndpointState state = vip.state();
        if (vipHops != null && serverHops != null) {
            if (vipHops < serverHops) {
                reasons.add("the VIP's SYN-ACK came from " + hops(vipHops) + " away, closer than the real servers' ("
                        + hops(serverHops) + "): the load balancer terminates TCP itself");
                if (state == EndpointState.CLOSED) {
                    reasons.add("it then closed without any HTTP answer: a TCP-mode proxy whose own connection "
                            + "to a real server failed");
                    return new LayerInference(Layer.L4_PROXY, reasons);
                }
                return new LayerInference(Layer.PROXY, reasons);
            }
            if (vipHops.equals(serverHops)) {
                EndpointEvidence twin = backends.stream().filter(b -> sameHandshake(b.wire(), wire)).findFirst()
                        .orElse(null);
                if (twin != null) {
                    reasons.add("the VIP's SYN-ACK is the real servers' (same distance " + hops(vipHops)
                            + ", window " + wire.synAckWindow() + ", MSS " + wire.synAckMss()
                            + "): the handshake was with a real server through NAT");
                    return new LayerInference(Layer.L4_PASSTHROUGH, reasons);
                }
                reasons.add("the VIP answers from as far as the real servers (" + hops(vipHops)
                        + ") but with a different TCP fingerprint");
                return new LayerInference(Layer.UNKNOWN, reasons);
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
                        ? "the VIP answers normally; without --backends L4 and L7 look alike from outside"
                        : "the VIP answers normally; without a capture (TTLs) L4 and L7 look alike from outside");
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
