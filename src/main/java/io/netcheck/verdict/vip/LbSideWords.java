package io.netcheck.verdict.vip;

import io.netcheck.check.EndpointState;
import io.netcheck.check.LbSideEvidence;
import io.netcheck.check.VipEvidence;

/** What the two-sided rules ({@code vip --from}) share: netcheck's side of step 1, told in the same words. */
final class LbSideWords {
    private LbSideWords() {
    }

    /** netcheck's SYNs to the VIP went unanswered, and its own capture shows it; null side means not two-sided. */
    static boolean synsUnanswered(VipEvidence e) {
        return e.lbSide() != null && e.vip().state() == EndpointState.TIMEOUT && e.capture().available()
                && e.vip().wire().synsSent() > 0 && !e.vip().wire().synAckSeen() && !e.vip().wire().resetSeen();
    }

    /** e.g. "netcheck sent 3 SYNs to 10.0.0.5:443; none was answered". */
    static String netcheckSide(VipEvidence e) {
        int syns = e.vip().wire().synsSent();
        return "netcheck sent " + syns + " SYN" + (syns == 1 ? "" : "s") + " to " + e.vip().target().label()
                + "; none was answered";
    }

    static String sideProof(LbSideEvidence side) {
        return side.agent() + "'s capture on " + String.join(", ", side.capture().interfaces())
                + (side.capture().pcapFile() == null ? "" : " (" + side.capture().pcapFile() + ")");
    }
}
