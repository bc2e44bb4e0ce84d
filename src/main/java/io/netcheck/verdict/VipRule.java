package io.netcheck.verdict;

import io.netcheck.check.VipEvidence;
import java.util.Optional;

/** One line of the verdict table: recognises one situation in the evidence, or stays silent. */
interface VipRule {
    /** Short stable id shown in reports, e.g. {@code silent-drop}. */
    String id();

    Optional<Finding> evaluate(VipEvidence evidence);
}
