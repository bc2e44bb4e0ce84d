package io.netcheck.kind;

import io.netcheck.check.CaptureSummary;
import io.netcheck.check.ClusterReader;
import io.netcheck.check.Pipeline;
import io.netcheck.command.Grammar;
import io.netcheck.report.Report;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Verdict;
import java.net.InetAddress;
import java.util.List;

/**
 * Everything about one check command, in one place: its grammar ({@link Grammar}: words → request, usage,
 * targets), its run, its rule table, its report and the addresses it probed. Every method is abstract on
 * purpose: a kind that forgets a piece does not compile. Register it in {@link CheckKinds#ALL}.
 *
 * @param <R> the request the words parse into
 * @param <E> the evidence the run gathers, which the rules judge and the report shows
 */
public interface CheckKind<R, E> extends Grammar<R> {
    /**
     * The request as it runs: the parsed one, or for a kind naming {@code svc/} targets the one with the cluster read
     * (vip). Called for every run, not at parse time, so a watch follows the pool as it changes.
     */
    R resolved(R request, ClusterReader cluster) throws InterruptedException;

    /** The run: this command's probe, built once at start-up from the shared pipeline. */
    Probe<R, E> probe(Pipeline pipeline);

    /** The rule table, tried in order: the first finding is the verdict. */
    List<? extends Rule<E>> rules();

    /** The run's capture, for the no-capture confidence lowering; null for commands that send no packets. */
    CaptureSummary capture(E evidence);

    /**
     * Whether a HEALTHY verdict rests on the packets too, so that it is less sure without a capture (vip: who
     * answered the VIP port); failures are always lowered without one, DNS and LOCAL never.
     */
    boolean healthyNeedsCapture();

    /** What the verdict explains when no rule matches. */
    String unmatched(E evidence);

    /** The report: steps, facts and packet lines from the evidence and the verdict. */
    Report report(E evidence, Verdict verdict);

    /**
     * The addresses the targets resolved to and the probes were aimed at, each once, in the order of the
     * command; empty when nothing resolved or the command sends nothing (the audit names them).
     */
    List<InetAddress> probed(E evidence);
}
