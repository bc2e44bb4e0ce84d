package io.netcheck.report;

/** One labelled observation shown under a step, e.g. {@code resolved: vip.lab.test → 203.0.113.10 in 1.2 ms}. */
public record Fact(String label, String value) {
}
