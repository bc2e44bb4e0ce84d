package io.netcheck.capture;

import java.time.Instant;

/** Anything else (UDP, ARP, truncated or unknown): kept so the tcpdump text still shows it. */
public record OtherPacket(Instant timestamp, IpHeader ip, String summary) implements DecodedPacket {
    @Override
    public boolean belongsTo(Flow flow) {
        return false;
    }
}
