package io.netcheck;

import io.netcheck.checklist.ChecklistProgress;
import io.netcheck.checklist.VipCheckRequest;
import io.netcheck.command.Command;
import io.netcheck.checklist.VipChecklist;
import io.netcheck.checklist.VipEvidence;
import io.netcheck.report.Report;
import io.netcheck.report.VipReport;
import io.netcheck.verdict.VerdictEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Runs a check end to end — evidence, verdict, report — for whichever front end asked (CLI, Slack, schedule). */
@ApplicationScoped
public class Checks {
    private final VipChecklist checklist;
    private final VerdictEngine verdicts;

    @Inject
    public Checks(VipChecklist checklist, VerdictEngine verdicts) {
        this.checklist = checklist;
        this.verdicts = verdicts;
    }

    @Inject
    ProbeChecks probes;

    @Inject
    jakarta.enterprise.inject.Instance<io.netcheck.kube.ServicePools> pools;

    /** One of the single-probe commands (tcp, dns, http, ...). */
    public Report run(Command.Single command) throws InterruptedException {
        return counted(probes.run(command));
    }

    /** Any check command (vip or a single-probe one); the progress hook only sees VIP probes. */
    public Report check(Command command, ChecklistProgress progress) throws InterruptedException {
        if (command instanceof Command.Vip vip) {
            return vip(vip.request(), progress);
        }
        if (command instanceof Command.Single single) {
            return run(single);
        }
        throw new IllegalArgumentException("not a check: " + command.getClass().getSimpleName());
    }

    public Report vip(VipCheckRequest request) throws InterruptedException {
        return vip(request, ChecklistProgress.NONE);
    }

    public Report vip(VipCheckRequest request, ChecklistProgress progress) throws InterruptedException {
        // svc/ targets become addresses here, when the check runs (a watch follows the pool as it changes).
        request = pools.isResolvable() ? pools.get().resolve(request) : request;
        VipEvidence evidence = checklist.run(request, progress);
        return counted(VipReport.of(evidence, verdicts.decide(evidence)));
    }

    @Inject
    io.netcheck.metrics.CheckMetrics metrics;

    private Report counted(Report report) {
        if (metrics != null) {
            metrics.finished(report);
        }
        return report;
    }
}
