package io.netcheck.capture;

/**
 * Decodes link, IP (v4 and v6, skipping v6 extension headers), TCP and ICMP(v6) headers from a captured
 * frame. Never throws on malformed or truncated input: returns an {@link OtherPacket} describing it.
 * Supported link types: 1 (Ethernet, with 802.1Q/802.1ad tags), 101 and 12 (raw IP), 113 (Linux SLL) and
 * 276 (Linux SLL2).
 */
public final class PacketDecoder {
    private PacketDecoder() {
    }

    public static DecodedPacket decode(CapturedFrame frame) {
        return FrameDissector.dissect(frame).packet();
    }
}
