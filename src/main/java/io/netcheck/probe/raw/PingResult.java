package io.netcheck.probe.raw;

import io.netcheck.capture.CapturedFrame;
import java.net.InetAddress;
import java.util.List;

/**
 * @param problem why nothing (or not everything) could be sent: no privilege, IPv6, no ARP answer; null when sent
 * @param frames  the frames of this run (ours and the answers), for the report and the .pcap
 */
public record PingResult(String iface, InetAddress nextHop, String nextHopMac, boolean arpSent, int echoId,
                         List<EchoReply> replies, String problem, List<CapturedFrame> frames) {
    public PingResult {
        replies = List.copyOf(replies);
        frames = List.copyOf(frames);
    }
}
