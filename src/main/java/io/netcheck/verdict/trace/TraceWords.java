package io.netcheck.verdict.trace;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Describe;
import io.netcheck.probe.raw.HopAnswer;

/** The sentences trace verdicts and its report use. */
public final class TraceWords {
    private TraceWords() {
    }

    public static String answer(HopAnswer a) {
        return a == null ? "*" : AddressText.of(a.from()) + " " + a.what() + " in " + Describe.ms(a.rtt());
    }
}
