package io.netcheck;

import io.netcheck.check.ChecklistProgress;
import io.netcheck.check.Pipeline;
import io.netcheck.command.Command;
import io.netcheck.command.Grammar;
import io.netcheck.kind.CheckKind;
import io.netcheck.kind.CheckKinds;
import io.netcheck.kind.Probe;
import io.netcheck.check.ClusterReader;
import io.netcheck.kube.ServicePools;
import io.netcheck.metrics.CheckMetrics;
import io.netcheck.probe.Ticker;
import io.netcheck.report.Report;
import io.netcheck.verdict.Verdict;
import io.netcheck.verdict.VerdictEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a check end to end — evidence, verdict, report — for whichever front end asked (CLI, Slack, schedule).
 * Every command takes the same path: its kind's probe, the one {@link VerdictEngine} over the kind's rule
 * table, the kind's report.
 */
@ApplicationScoped
public class Checks {
    private final VerdictEngine verdicts;
    private final Ticker ticker;
    private final Map<Grammar<?>, Bound<?, ?>> kinds = new IdentityHashMap<>();

    @Inject
    CheckMetrics metrics;

    @Inject
    Instance<ServicePools> pools;

    /** Set when built without a container (the CLI's lean start): then {@link #pools} is not injected. */
    private final ServicePools directPools;

    @Inject
    public Checks(Pipeline pipeline, VerdictEngine verdicts) {
        this(pipeline, verdicts, CheckKinds.ALL);
    }

    /** Builds every kind's probe now, at start-up: a kind that cannot be built stops the application. */
    Checks(Pipeline pipeline, VerdictEngine verdicts, List<CheckKind<?, ?>> kinds) {
        this(pipeline, verdicts, kinds, null);
    }

    /** Without a container (the CLI's lean start): no metrics, svc/ targets read through {@code pools}. */
    public Checks(Pipeline pipeline, VerdictEngine verdicts, ServicePools pools) {
        this(pipeline, verdicts, CheckKinds.ALL, pools);
    }

    private Checks(Pipeline pipeline, VerdictEngine verdicts, List<CheckKind<?, ?>> kinds, ServicePools pools) {
        this.verdicts = verdicts;
        this.ticker = pipeline.runner().ticker();
        this.directPools = pools;
        for (CheckKind<?, ?> kind : kinds) {
            this.kinds.put(kind, bind(kind, pipeline));
        }
    }

    private static <R, E> Bound<R, E> bind(CheckKind<R, E> kind, Pipeline pipeline) {
        Probe<R, E> probe = kind.probe(pipeline);
        if (probe == null || kind.rules() == null || kind.rules().isEmpty()) {
            throw new IllegalStateException("command kind " + kind.verb() + " has no probe or no rules");
        }
        return new Bound<>(kind, probe);
    }

    /** The time source of every run (the probes' one): front ends measure a run's duration on it too. */
    public Ticker ticker() {
        return ticker;
    }

    public Report check(Command command) throws InterruptedException {
        return check(command, ChecklistProgress.NONE);
    }

    /** Any check command (vip, tcp, dns, ...); the progress hook hears of each finished probe (vip). */
    public Report check(Command command, ChecklistProgress progress) throws InterruptedException {
        if (!(command instanceof Command.Check<?> check)) {
            throw new IllegalArgumentException("not a check: " + command.getClass().getSimpleName());
        }
        Report report = run(check, progress);
        if (metrics != null) {
            metrics.finished(report);
        }
        return report;
    }

    private <R> Report run(Command.Check<R> check, ChecklistProgress progress) throws InterruptedException {
        @SuppressWarnings("unchecked") // kinds maps each grammar to the kind it is, so R matches
        Bound<R, ?> bound = (Bound<R, ?>) kinds.get(check.grammar());
        if (bound == null) {
            throw new IllegalStateException("command " + check.verb() + " was parsed by a kind that is not registered");
        }
        return bound.run(bound.kind().resolved(check.request(), cluster()), progress, verdicts);
    }

    /** The cluster reader of svc/ targets: the lean start's, the container's when a cluster is configured, or none. */
    private ClusterReader cluster() {
        if (directPools != null) {
            return directPools::resolve;
        }
        return pools != null && pools.isResolvable() ? pools.get()::resolve : ClusterReader.NONE;
    }

    /** A kind with its probe, built once. */
    private record Bound<R, E>(CheckKind<R, E> kind, Probe<R, E> probe) {
        Report run(R request, ChecklistProgress progress, VerdictEngine verdicts) throws InterruptedException {
            E evidence = probe.run(request, progress);
            Verdict verdict = verdicts.decide(kind.rules(), evidence, kind.capture(evidence), kind::unmatched,
                    kind.healthyNeedsCapture());
            return kind.report(evidence, verdict).probing(kind.probed(evidence));
        }
    }
}
