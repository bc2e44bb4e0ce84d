package io.netcheck.kind;

import io.netcheck.check.ChecklistProgress;

/** A command's run: request in, evidence out. The progress hook is told about each finished probe (vip uses it). */
@FunctionalInterface
public interface Probe<R, E> {
    E run(R request, ChecklistProgress progress) throws InterruptedException;
}
