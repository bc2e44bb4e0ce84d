package io.netcheck.verdict;

public enum Confidence {
    HIGH, MEDIUM, LOW;

    Confidence lower() {
        return this == HIGH ? MEDIUM : LOW;
    }
}
