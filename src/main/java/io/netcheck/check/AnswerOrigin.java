package io.netcheck.check;

import io.netcheck.capture.Hops;
import io.netcheck.capture.WireFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 1 of the checklist, "who answered?": compares the answer to the SYN on the VIP port (SYN-ACK, or an RST
 * before any data) with the VIP host's own packets (its echo reply, its answer on a second port). The same host
 * answers from the same distance with the same initial TTL; an answer from closer came from a device in the path
 * speaking in the VIP's name; one from farther travelled through the VIP host from a server behind it.
 *
 * <p>The real servers' distance is deliberately not the reference: on a network where the load balancer and its
 * servers sit at the same distance that comparison names the wrong team.
 *
 * <p>The single-probe commands ({@code tcp}, {@code tls}, {@code http}) ask the same question about their target
 * with {@link #of(WireFacts, String, VipHostEvidence, String)}: only the words differ ("the target host").
 */
public final class AnswerOrigin {
    private AnswerOrigin() {
    }

    public static Attribution of(EndpointEvidence vip, VipHostEvidence host) {
        return of(vip.wire(), vip.target().label(), host, "VIP");
    }

    /**
     * @param wire  the packets of the SYN to {@code port}
     * @param host  the same address's own answers (echo, second port)
     * @param whose what the address is called in the reasons: "VIP" (the VIP host, the VIP's name), "target"
     */
    public static Attribution of(WireFacts wire, String port, VipHostEvidence host, String whose) {
        Integer answerTtl = wire.answerTtl();
        if (answerTtl == null) {
            return Attribution.none("nothing answered the SYN on the wire");
        }
        String what = wire.synAckTtl() != null ? "SYN-ACK" : "RST";
        int answerHops = Hops.fromTtl(answerTtl);
        String answer = "the " + what + " on " + port + " (TTL " + answerTtl + ", " + Hops.text(answerHops)
                + ipId(wire.answerIpId()) + ")";
        List<HostAnswer> own = host.own();
        if (!own.isEmpty()) {
            return againstOwn(answer, answerTtl, answerHops, own, whose);
        }
        List<HostAnswer> errors = host.errors();
        if (!errors.isEmpty()) {
            return againstGateway(answer, answerTtl, answerHops, errors, whose);
        }
        return new Attribution(Attribution.Origin.UNKNOWN, answerTtl, null, List.of(), List.of(answer
                + " cannot be compared with the " + whose + " host's own packets: " + host.echo().describe() + "; "
                + host.otherPort().describe()));
    }

    private static Attribution againstOwn(String answer, int answerTtl, int answerHops, List<HostAnswer> own,
                                          String whose) {
        List<String> reasons = new ArrayList<>();
        int hostHops = own.get(0).hops();
        boolean disagree = own.stream().anyMatch(a -> a.hops() != hostHops);
        if (disagree) {
            reasons.add("the " + whose + " host's own answers disagree: " + String.join("; ",
                    own.stream().map(HostAnswer::describe).toList()) + ", so who answered " + answer
                    + " cannot be told");
            return new Attribution(Attribution.Origin.UNKNOWN, answerTtl, null, List.of(), reasons);
        }
        List<String> signals = new ArrayList<>();
        Attribution.Origin origin;
        if (answerHops == hostHops) {
            boolean sameStack = own.stream().allMatch(a -> Hops.initial(a.ttl()) == Hops.initial(answerTtl));
            if (!sameStack) {
                reasons.add(answer + " comes from the " + whose + " host's distance but from a stack with another "
                        + "initial TTL ("
                        + Hops.initial(answerTtl) + " vs " + Hops.initial(own.get(0).ttl()) + "): "
                        + "not the same host, or a device beside it");
                return new Attribution(Attribution.Origin.UNKNOWN, answerTtl, hostHops, List.of(), reasons);
            }
            origin = Attribution.Origin.VIP_HOST;
            for (HostAnswer a : own) {
                signals.add(answer + " matches the " + whose + " host's own " + a.what() + " (TTL "
                        + a.ttl() + ipId(a.ipId()) + ")");
            }
            reasons.add("the " + whose + " host answered itself: " + signals.get(0));
        } else if (answerHops < hostHops) {
            origin = Attribution.Origin.IN_PATH;
            for (HostAnswer a : own) {
                signals.add(answer + " came from closer than the " + whose + " host's own " + a.what()
                        + " (TTL " + a.ttl() + ", " + Hops.text(a.hops()) + ")");
            }
            reasons.add("a device in the path answered in the " + whose + "'s name: " + signals.get(0));
        } else {
            origin = Attribution.Origin.BEHIND_VIP;
            for (HostAnswer a : own) {
                signals.add(answer + " came from farther than the " + whose + " host's own " + a.what()
                        + " (TTL " + a.ttl() + ", " + Hops.text(a.hops()) + ")");
            }
            reasons.add("a host behind the " + whose + " answered through it (NAT / pass-through): " + signals.get(0));
        }
        return new Attribution(origin, answerTtl, hostHops, signals, reasons);
    }

    /**
     * No host answers from the VIP address, but a device reports it unreachable (a kube-proxy style VIP that is
     * only a NAT rule): that device is where the VIP lives.
     */
    private static Attribution againstGateway(String answer, int answerTtl, int answerHops, List<HostAnswer> errors,
                                              String whose) {
        HostAnswer g = errors.get(0);
        int gatewayHops = g.hops();
        String gateway = g.from().getHostAddress() + " (" + Hops.text(gatewayHops) + ")";
        String noHost = "no host answers as the " + whose + " address itself: " + g.describe();
        if (answerHops > gatewayHops) {
            String signal = answer + " came from farther than " + gateway
                    + ", which answers for the " + whose + " address: a server behind a NAT rule answered";
            return new Attribution(Attribution.Origin.BEHIND_VIP, answerTtl, gatewayHops, List.of(signal),
                    List.of(noHost, signal));
        }
        if (answerHops == gatewayHops) {
            String signal = answer + " came from " + gateway + "'s distance, the device that answers for the " + whose
                    + " address: it answered itself";
            return new Attribution(Attribution.Origin.VIP_HOST, answerTtl, gatewayHops, List.of(signal),
                    List.of(noHost, signal));
        }
        String signal = answer + " came from closer than " + gateway + ", which answers for the " + whose + " address";
        return new Attribution(Attribution.Origin.IN_PATH, answerTtl, gatewayHops, List.of(signal),
                List.of(noHost, signal));
    }

    private static String ipId(Integer id) {
        return id == null ? "" : ", IP ID " + id;
    }
}
