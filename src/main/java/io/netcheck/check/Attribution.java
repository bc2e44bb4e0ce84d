package io.netcheck.check;

import java.util.List;

/**
 * Who answered the SYN to the VIP port, decided by comparing that answer with the VIP host's own packets.
 *
 * @param signals independent observations that support {@code origin} (each one comparison): the verdict rules
 *                count them, HIGH confidence needs two
 * @param reasons the comparison in words, including disagreements and what could not be measured
 */
public record Attribution(Origin origin, Integer answerTtl, Integer hostHops, List<String> signals,
                          List<String> reasons) {
    public enum Origin {
        /** The host that holds the VIP address answered itself (same distance and stack as its echo / other port). */
        VIP_HOST,
        /** Something closer than the VIP host answered in its name: a firewall or middlebox in the path. */
        IN_PATH,
        /** Something farther than the VIP host answered through it: a real server behind a NAT/pass-through VIP. */
        BEHIND_VIP,
        /** Answers were seen but the VIP host could not be measured, or its answers disagree. */
        UNKNOWN,
        /** Nothing answered the SYN on the wire (timeouts, ICMP errors, no capture). */
        NO_ANSWER
    }

    public Attribution {
        signals = List.copyOf(signals);
        reasons = List.copyOf(reasons);
    }

    public static Attribution none(String why) {
        return new Attribution(Origin.NO_ANSWER, null, null, List.of(), List.of(why));
    }
}
