package io.netcheck.capture;

/**
 * A decoded packet plus the bits of tcpdump's line that the public records have no field for. Only
 * {@link TcpdumpFormatter#formatFrames} sees these; {@link TcpdumpFormatter#format} prints without them.
 *
 * @param prefix        link prefix, IP length complaint and IPv6 extension header names
 * @param appText       what tcpdump appends after {@code length N}: payload text for ports it dissects
 *                      ({@code ": HTTP: GET / HTTP/1.1"}) or a header truncation note
 * @param icmpDetail    ICMP text from bytes IcmpMessage does not keep: the whole text for router advertisement,
 *                      timestamp reply and address mask reply; for ICMPv6 neighbor discovery and MLD what
 *                      follows the type ({@code ", who has 2001:db8::1"}); else null
 * @param urgentPointer TCP urgent pointer, -1 when unknown
 * @param seqEffect     a TCP header too malformed to be a TcpSegment that tcpdump still feeds to its relative
 *                      sequence numbers (header longer than the segment), else null
 */
record Dissection(DecodedPacket packet, LinePrefix prefix, String appText, String icmpDetail, int urgentPointer,
                  TcpSegment seqEffect) {

    static Dissection of(DecodedPacket packet) {
        return new Dissection(packet, LinePrefix.NONE, "", null, -1, null);
    }

    Dissection withSeqEffect(TcpSegment segment) {
        return new Dissection(packet, prefix, appText, icmpDetail, urgentPointer, segment);
    }
}
