package io.netcheck.check;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * The load balancer's side of a {@code vip --from AGENT}: a netcheck agent on the LB host captures where netcheck's
 * packets arrive and probes the real servers (step 3) from there, while netcheck probes the VIP from its own
 * position. Implemented over the agent connection (agent/); any failure (agent gone, refused, late) is thrown
 * as an unchecked exception carrying a message for the user.
 */
public interface LbSide {
    /** The agent's name, as the report shows it. */
    String name();

    /**
     * Sends the job: the agent starts capturing and answers ready.
     *
     * @param peers  netcheck's own source addresses towards the VIP
     * @param window how long the agent captures once ready
     */
    Started start(List<InetAddress> peers, Duration window) throws InterruptedException;

    /** A side job in flight. */
    interface Started {
        /** Waits (at most {@code within}) until the agent's capture runs; the clock offset is measured here. */
        Ready awaitReady(Duration within) throws InterruptedException;

        /** Waits (at most {@code within}) for the agent's step 3 and capture. */
        Result finish(Duration within) throws InterruptedException;

        /** Forgets the job (netcheck's own run failed); the agent's answer, if any, is dropped. */
        void cancel();
    }

    /**
     * @param offset  the agent's clock minus netcheck's
     * @param problem why the agent captures nothing, null when it does
     */
    record Ready(ClockOffset offset, String problem) {
    }

    /**
     * @param backends the agent's step-3 evidence
     * @param capture  its capture's summary
     * @param pcap     its capture, null when none
     * @param probed   the addresses its probes were aimed at
     */
    record Result(List<EndpointEvidence> backends, CaptureSummary capture, byte[] pcap, boolean pcapTruncated,
                  List<InetAddress> probed) {
        public Result {
            backends = List.copyOf(backends);
            probed = List.copyOf(probed);
        }
    }
}
