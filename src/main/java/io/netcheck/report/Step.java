package io.netcheck.report;

import java.util.List;

/**
 * One step of a check with the packets that prove it.
 *
 * @param name     stable machine name ({@code reach}, {@code layer}, {@code backends})
 * @param outcome  short machine-readable result ({@code CONNECTED}, {@code L7_PROXY}, {@code 2/3 UP})
 * @param packets  tcpdump one-liners, in capture order
 * @param substeps per-endpoint steps (the real servers of step 3)
 */
public record Step(String name, String title, StepStatus status, String outcome, String summary, List<Fact> facts,
                   List<String> packets, List<Step> substeps) {
    public Step {
        facts = List.copyOf(facts);
        packets = List.copyOf(packets);
        substeps = List.copyOf(substeps);
    }
}
