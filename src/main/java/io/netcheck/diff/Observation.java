package io.netcheck.diff;

import java.util.Map;

/**
 * One thing a report shows about its target, keyed so the same thing in two reports meets.
 *
 * @param key     aspect and subject ({@code DISTANCE 203.0.113.10:443})
 * @param subject what it is about, as the change names it
 * @param fields  the values compared, in order; a single-valued aspect has one field named {@code ""}
 * @param always  compared even when only one report has it (a name that stopped resolving); otherwise only when
 *                both have it, so the symptom (no SYN-ACK, no certificate) is not reported as a change
 */
record Observation(String key, Aspect aspect, String subject, Map<String, String> fields, boolean always) {
    static Observation of(Aspect aspect, String subject, String value) {
        return new Observation(aspect + " " + subject, aspect, subject, Map.of("", value), false);
    }
}
