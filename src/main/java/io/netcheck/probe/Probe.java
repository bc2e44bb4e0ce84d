package io.netcheck.probe;

/**
 * One probe: sends real packets to one target and returns an immutable result. Probes never throw for
 * network outcomes (a refusal is a result, not an error) and must give up by the deadline; the
 * {@link ProbeRunner} owns the deadline and the timing.
 */
@FunctionalInterface
public interface Probe<T, R> {
    R probe(T target, Deadline deadline) throws InterruptedException;
}
