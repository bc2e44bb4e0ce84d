package io.netcheck.check;

/**
 * How far the agent's clock is from netcheck's, measured over the agent connection: the agent stamped its clock
 * {@code ta} somewhere between netcheck's send {@code t0} and receive {@code t1}, so the offset is
 * {@code ta - (t0 + t1) / 2}, give or take half the round trip.
 */
public record ClockOffset(long offsetMicros, long uncertaintyMicros) {
    public static ClockOffset measured(long sentMicros, long agentMicros, long receivedMicros) {
        return new ClockOffset(agentMicros - (sentMicros + receivedMicros) / 2, (receivedMicros - sentMicros + 1) / 2);
    }

    /** e.g. {@code +1.234 ms ± 0.350 ms}. */
    public String text() {
        return String.format("%s%.3f ms ± %.3f ms", offsetMicros >= 0 ? "+" : "-", Math.abs(offsetMicros) / 1000.0,
                uncertaintyMicros / 1000.0);
    }
}
