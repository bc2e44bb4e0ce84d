package io.netcheck.capture;

import java.time.Instant;

/** A captured frame decoded far enough to print it as tcpdump does and to attribute it to a flow. */
public sealed interface DecodedPacket permits TcpSegment, IcmpMessage, OtherPacket {
    Instant timestamp();

    /** Null only for {@link OtherPacket}s that are not IP at all. */
    IpHeader ip();

    /** True when this packet is part of {@code flow}, in either direction (ICMP: when it quotes the flow). */
    boolean belongsTo(Flow flow);
}
