package io.netcheck.capture;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders packets as {@code tcpdump -nn} one-liners, e.g.
 * {@code 13:37:36.679409 IP 203.0.113.10.80 > 198.51.100.2.33962: Flags [R.], seq 1, ack 79, win 502, length 0}.
 * Sequence numbers are made relative per connection the way tcpdump does it (only for segments with
 * ACK set; SYNs and the first packet of each direction print absolute numbers).
 *
 * <p>{@link #format} works from the decoded records alone, which lack a few things tcpdump prints: text
 * for TCP payload on ports it dissects (e.g. {@code : HTTP: GET / HTTP/1.1} on 80), the urgent pointer
 * (printed as {@code urg ?}), IPv6 extension header names, some ICMP fields (neighbor discovery targets,
 * MLD addresses, timestamp and address mask replies, router advertisement entries), the Linux SLL2
 * interface/direction prefix and complaints about frames shorter than their IP header. {@link #formatFrames}
 * decodes the frames itself and prints all of those.
 *
 * <p>Neither reproduces tcpdump's application decoders beyond HTTP and SSH banners (UDP on ports such as
 * 53 or 123 prints as plain {@code UDP, length N}), protocols other than TCP, UDP, ICMP and ARP (GRE, ESP,
 * IGMP, SCTP, ... print as {@code ip-proto-N}), the MPTCP, MD5, TCP-AO and SCPS options (printed as raw
 * hex), rarer ICMPv6 messages (MLDv2 queries, node information, RPL) or hex dumps.
 */
public final class TcpdumpFormatter {
    private static final Pattern SACK_BLOCK = Pattern.compile("\\{(\\d+):(\\d+)}");
    private static final long MASK = 0xffffffffL;

    private final ZoneId zone;
    private final DateTimeFormatter time;

    public TcpdumpFormatter(ZoneId zone) {
        this.zone = zone;
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS").withZone(zone);
    }

    /** Formats packets in order; relative-sequence state spans this one call. */
    public List<String> format(List<DecodedPacket> packets) {
        return render(packets.stream().map(Dissection::of).toList());
    }

    /**
     * Decodes and formats raw frames, including what the decoded records cannot carry (see the class
     * comment); relative-sequence state spans this one call.
     */
    public List<String> formatFrames(List<CapturedFrame> frames) {
        return render(frames.stream().map(FrameDissector::dissect).toList());
    }

    private List<String> render(List<Dissection> dissections) {
        SeqTracker seqs = new SeqTracker();
        List<String> lines = new ArrayList<>(dissections.size());
        for (Dissection d : dissections) {
            if (d.seqEffect() != null) {
                seqs.track(d.seqEffect());
            }
            lines.add(time.format(d.packet().timestamp()) + " " + body(d, seqs));
        }
        return lines;
    }

    private static String body(Dissection d, SeqTracker seqs) {
        DecodedPacket p = d.packet();
        if (p instanceof TcpSegment t) {
            return tcp(d, t, seqs);
        }
        if (p instanceof IcmpMessage m) {
            String lead = d.prefix().addresses(m.ip());
            return lead + (m.ip().version() == 4 ? IcmpText.v4(m, d.icmpDetail()) : IcmpText.v6(m, d.icmpDetail()));
        }
        return ((OtherPacket) p).summary();
    }

    private static String tcp(Dissection d, TcpSegment t, SeqTracker seqs) {
        StringBuilder sb = new StringBuilder(160)
                .append(d.prefix().ports(t.ip(), t.sourcePort(), t.destinationPort()))
                .append("Flags [").append(t.flagText()).append(']');
        SeqTracker.Numbers n = seqs.track(t);
        int length = t.payloadLength();
        if (length > 0 || (t.flags() & (TcpSegment.SYN | TcpSegment.FIN | TcpSegment.RST)) != 0) {
            sb.append(", seq ").append(n.seq());
            if (length > 0) {
                sb.append(':').append((n.seq() + length) & MASK);
            }
        }
        if (t.has(TcpSegment.ACK)) {
            sb.append(", ack ").append(n.ack());
        }
        sb.append(", win ").append(t.window());
        if (t.has(TcpSegment.URG)) {
            sb.append(", urg ").append(d.urgentPointer() >= 0 ? String.valueOf(d.urgentPointer()) : "?");
        }
        if (!t.options().isEmpty()) {
            sb.append(", options [");
            boolean first = true;
            for (TcpOption o : t.options()) {
                if (!first) {
                    sb.append(',');
                }
                if (TcpOptionParser.isTerminal(o)) {
                    // tcpdump stops the line here: no closing bracket when truncated, no length either way.
                    sb.append(o.text());
                    if (o.text().endsWith(TcpOptionParser.BAD) && !first) {
                        sb.append(']');
                    }
                    return sb.toString();
                }
                sb.append(o.kind() == 5 ? relativeSack(o.text(), n) : o.text());
                first = false;
            }
            sb.append(']');
        }
        return sb.append(", length ").append(length).append(d.appText()).toString();
    }

    /** SACK edges are in the peer's sequence space, so tcpdump subtracts the base of the other direction. */
    private static String relativeSack(String text, SeqTracker.Numbers n) {
        long base = n.reverse() ? n.seqBase() : n.ackBase();
        Matcher m = SACK_BLOCK.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            long start = (Long.parseLong(m.group(1)) - base) & MASK;
            long end = (Long.parseLong(m.group(2)) - base) & MASK;
            m.appendReplacement(out, "{" + start + ":" + end + "}");
        }
        m.appendTail(out);
        return out.toString();
    }
}
