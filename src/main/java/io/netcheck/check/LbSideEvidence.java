package io.netcheck.check;

import java.util.List;

/**
 * What the load balancer's side saw of netcheck's connections to the VIP, from the agent's capture.
 *
 * @param agent         the agent's name
 * @param offset        its clock minus netcheck's
 * @param capture       its capture's summary; {@code pcapFile} is the copy written on this server
 * @param matchedBy     how netcheck's flows were found in it: {@code source port} (netcheck's own address and
 *                      port), {@code source address} (port rewritten), {@code nat} (both rewritten: SYNs to the VIP
 *                      from any address, possibly netcheck's), {@code none} (nothing to the VIP arrived)
 * @param synsArrived   SYNs to the VIP port the agent saw arrive
 * @param synAcksSent   SYN-ACKs the LB host sent back to them
 * @param resetsSent    RSTs the LB host sent back to them
 * @param dataArrived   segments carrying data from netcheck that arrived
 * @param ownPackets    packets of the agent's own step-3 probes in its capture: proof its capture works
 * @param packets       netcheck's VIP packets as the agent saw them, tcpdump lines in the agent's clock
 */
public record LbSideEvidence(String agent, ClockOffset offset, CaptureSummary capture, String matchedBy,
                             int synsArrived, int synAcksSent, int resetsSent, int dataArrived, int ownPackets,
                             List<String> packets) {
    public LbSideEvidence {
        packets = List.copyOf(packets);
    }

    /** The agent's capture ran and demonstrably saw packets (its own): silence in it means something. */
    public boolean captureProven() {
        return capture.available() && ownPackets > 0;
    }

    /** The side saw netcheck's SYNs and answered them: the answer was lost on the way back. */
    public boolean answeredArrivals() {
        return synsArrived > 0 && (synAcksSent > 0 || resetsSent > 0);
    }

    /** In one sentence, e.g. "lb-a saw 3 SYNs arrive and answered SYN-ACK 3 times". */
    public String describe() {
        if (!capture.available()) {
            return agent + " captured nothing (" + capture.problem() + ")";
        }
        if (synsArrived == 0) {
            return agent + " saw nothing arrive";
        }
        String seen = agent + " saw " + synsArrived + " SYN" + (synsArrived == 1 ? "" : "s") + " arrive"
                + (matchedBy.equals("nat") ? " (from another address: possibly netcheck's, NATed)" : "");
        if (synAcksSent > 0) {
            return seen + " and answered SYN-ACK " + times(synAcksSent);
        }
        if (resetsSent > 0) {
            return seen + " and answered RST " + times(resetsSent);
        }
        return seen + " and did not answer";
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }
}
