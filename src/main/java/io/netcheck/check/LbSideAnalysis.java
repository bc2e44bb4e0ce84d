package io.netcheck.check;

import io.netcheck.capture.CapturedFrame;
import io.netcheck.capture.DecodedPacket;
import io.netcheck.capture.Flow;
import io.netcheck.capture.PacketDecoder;
import io.netcheck.capture.PcapReader;
import io.netcheck.capture.TcpSegment;
import io.netcheck.capture.TcpdumpFormatter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Finds netcheck's connections to the VIP in the agent's capture and counts what happened to them there: by
 * netcheck's own address and port first; by its address when a device in between rewrote the port; by the VIP
 * alone when both were rewritten (NAT), which is then said to be possibly netcheck's.
 */
public final class LbSideAnalysis {
    private LbSideAnalysis() {
    }

    /**
     * The side's evidence: its capture written here as its own .pcap (what it sent, cut at the agent's limit), then
     * read for netcheck's flows.
     */
    static LbSideEvidence collect(String agent, LbSide.Ready ready, LbSide.Result theirs, EndpointEvidence vip,
                                  List<InetAddress> peers, TcpdumpFormatter formatter, Path file, int snaplen) {
        CaptureSummary c = theirs.capture();
        List<CapturedFrame> frames = List.of();
        String problem = c == null ? "the agent sent no capture summary" : c.problem();
        if (ready.problem() != null && problem == null) {
            problem = ready.problem();
        }
        String written = null;
        if (theirs.pcap() != null) {
            try {
                frames = PcapReader.read(theirs.pcap(), agent);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.write(file, theirs.pcap());
                written = file.toAbsolutePath().toString();
            } catch (IllegalArgumentException | IOException e) {
                problem = (problem == null ? "" : problem + "; ") + "the agent's capture could not be kept: "
                        + e.getMessage();
            }
        }
        if (theirs.pcapTruncated()) {
            problem = (problem == null ? "" : problem + "; ") + "the agent's capture was cut to "
                    + "netcheck.agent.max-pcap-bytes";
        }
        boolean available = c != null && c.available() && theirs.pcap() != null;
        CaptureSummary summary = new CaptureSummary(available, problem,
                c == null ? List.of() : c.interfaces().stream().map(i -> agent + ":" + i).toList(),
                c == null ? "" : c.filter(), c == null ? snaplen : c.snaplen(), frames.size(),
                c == null ? 0 : c.dropped(), written);
        InetSocketAddress local = vip.result() == null ? null : vip.result().connect().local();
        return of(agent, ready.offset(), summary, vip.address(), local, peers, theirs.backends(), frames, formatter);
    }

    /**
     * @param local  netcheck's end of its VIP connection, null when it never got a local port
     * @param peers  netcheck's source addresses
     * @param frames the agent's capture
     */
    public static LbSideEvidence of(String agent, ClockOffset offset, CaptureSummary capture, InetSocketAddress vip,
                             InetSocketAddress local, List<InetAddress> peers, List<EndpointEvidence> backends,
                             List<CapturedFrame> frames, TcpdumpFormatter formatter) {
        List<DecodedPacket> decoded = frames.stream().map(PacketDecoder::decode).toList();
        List<Flow> own = backends.stream().map(LbSideAnalysis::ownFlow).filter(Objects::nonNull).toList();
        int ownPackets = (int) decoded.stream().filter(d -> own.stream().anyMatch(d::belongsTo)).count();
        String matchedBy = "none";
        Predicate<TcpSegment> netcheck = t -> false;
        if (vip != null) {
            List<Predicate<TcpSegment>> levels = new ArrayList<>();
            List<String> names = new ArrayList<>();
            if (local != null) {
                levels.add(t -> toVip(t, vip) && t.ip().source().equals(local.getAddress())
                        && t.sourcePort() == local.getPort() || fromVip(t, vip)
                        && t.ip().destination().equals(local.getAddress()) && t.destinationPort() == local.getPort());
                names.add("source port");
            }
            levels.add(t -> toVip(t, vip) && peers.contains(t.ip().source())
                    || fromVip(t, vip) && peers.contains(t.ip().destination()));
            names.add("source address");
            levels.add(t -> (toVip(t, vip) || fromVip(t, vip)) && !ownAddress(t, own));
            names.add("nat");
            for (int i = 0; i < levels.size(); i++) {
                Predicate<TcpSegment> level = levels.get(i);
                if (decoded.stream().anyMatch(d -> d instanceof TcpSegment t && level.test(t) && toVip(t, vip)
                        && t.has(TcpSegment.SYN))) {
                    netcheck = level;
                    matchedBy = names.get(i);
                    break;
                }
            }
        }
        int syns = 0;
        int synAcks = 0;
        int resets = 0;
        int data = 0;
        List<CapturedFrame> lines = new ArrayList<>();
        for (int i = 0; i < decoded.size(); i++) {
            if (!(decoded.get(i) instanceof TcpSegment t) || !netcheck.test(t)) {
                continue;
            }
            lines.add(frames.get(i));
            if (toVip(t, vip)) {
                syns += t.has(TcpSegment.SYN) && !t.has(TcpSegment.ACK) ? 1 : 0;
                data += t.payloadLength() > 0 ? 1 : 0;
            } else {
                synAcks += t.has(TcpSegment.SYN) && t.has(TcpSegment.ACK) ? 1 : 0;
                resets += t.has(TcpSegment.RST) ? 1 : 0;
            }
        }
        return new LbSideEvidence(agent, offset, capture, matchedBy, syns, synAcks, resets, data, ownPackets,
                formatter.formatFrames(lines));
    }

    private static boolean toVip(TcpSegment t, InetSocketAddress vip) {
        return t.ip().destination().equals(vip.getAddress()) && t.destinationPort() == vip.getPort();
    }

    private static boolean fromVip(TcpSegment t, InetSocketAddress vip) {
        return t.ip().source().equals(vip.getAddress()) && t.sourcePort() == vip.getPort();
    }

    /** The agent's own connections (a backend behind the VIP's address and port would otherwise look like netcheck). */
    private static boolean ownAddress(TcpSegment t, List<Flow> own) {
        return own.stream().anyMatch(t::belongsTo);
    }

    private static Flow ownFlow(EndpointEvidence e) {
        if (e.result() == null || e.result().connect().local() == null || e.address() == null) {
            return null;
        }
        InetSocketAddress l = e.result().connect().local();
        return new Flow(l.getAddress(), l.getPort(), e.address().getAddress(), e.address().getPort());
    }
}
