package io.netcheck.capture;

import java.time.Instant;

/**
 * What a transport decoder needs from the layers below: the IP header, where its payload starts, how long
 * the header says it is, and the text tcpdump has already printed before the transport takes over.
 *
 * @param fragmented more fragments follow (IPv4) or a fragment header was seen (IPv6): UDP's length field
 *                   then covers bytes this packet does not hold
 */
record IpContext(Instant timestamp, IpHeader ip, Bytes bytes, int offset, int length, LinePrefix prefix,
                 boolean fragmented) {

    String addressLead() {
        return prefix.addresses(ip);
    }

    String portLead(int sport, int dport) {
        return prefix.ports(ip, sport, dport);
    }

    String portlessLead() {
        return prefix.portless(ip);
    }

    Dissection other(String summary) {
        return new Dissection(new OtherPacket(timestamp, ip, summary), prefix, "", null, -1, null);
    }

    Dissection with(DecodedPacket packet, String appText, String icmpDetail, int urgentPointer) {
        return new Dissection(packet, prefix, appText, icmpDetail, urgentPointer, null);
    }
}
