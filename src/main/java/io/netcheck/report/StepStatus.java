package io.netcheck.report;

public enum StepStatus {
    PASS, WARN, FAIL, SKIPPED
}
