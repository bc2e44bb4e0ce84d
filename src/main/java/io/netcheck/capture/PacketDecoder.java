package io.netcheck.capture;

/**
 * Decodes link, IP (v4 and v6, skipping v6 extension headers), TCP and ICMP(v6) headers from a captured
 * frame. Never throws on malformed or truncated input: returns an {@link OtherPacket} describing it.
 */
public final class PacketDecoder {
    private PacketDecoder() {
    }

    public static DecodedPacket decode(CapturedFrame frame) {
        throw new UnsupportedOperationException("TODO");
    }
}
