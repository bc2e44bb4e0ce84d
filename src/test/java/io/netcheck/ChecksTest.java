package io.netcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.capture.PacketCapture;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.ClusterReader;
import io.netcheck.check.ChecklistSettings;
import io.netcheck.check.HostPort;
import io.netcheck.check.ListenersEvidence;
import io.netcheck.check.ListenersRequest;
import io.netcheck.check.Pipeline;
import io.netcheck.command.Command;
import io.netcheck.command.Limits;
import io.netcheck.command.Options;
import io.netcheck.command.Words;
import io.netcheck.kind.CheckKind;
import io.netcheck.kind.CheckKinds;
import io.netcheck.kind.ListenersKind;
import io.netcheck.kind.Probe;
import io.netcheck.probe.CertificateCheck;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.probe.TrustAnchors;
import io.netcheck.report.Report;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.TeamDirectory;
import io.netcheck.verdict.Verdict;
import io.netcheck.verdict.VerdictEngine;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one entry point: every kind is built at start-up and run the same way. */
class ChecksTest {
    private final Clock clock = Clock.systemUTC();
    private final ProbeRunner runner = new ProbeRunner(2, clock);
    private final Pipeline pipeline = Pipeline.of((name, deadline) -> null, runner, PacketCapture.disabled("off"),
            clock, TargetPolicy.OPEN, new CertificateCheck(TrustAnchors.system(), clock, 14),
            new ChecklistSettings(128, Duration.ofMillis(100), Path.of(System.getProperty("java.io.tmpdir"))));
    private final VerdictEngine verdicts = new VerdictEngine(TeamDirectory.defaults());

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void everyRegisteredKindIsBuiltAtStartUp() {
        new Checks(pipeline, verdicts, CheckKinds.ALL);
    }

    @Test
    void aKindWithoutRulesStopsTheStartUp() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Checks(pipeline, verdicts, List.of(new WithoutRules())));
        assertTrue(e.getMessage().contains("listeners"), e.getMessage());
    }

    @Test
    void aCheckRunsThroughItsKindTheEngineAndItsReport() throws Exception {
        Checks checks = new Checks(pipeline, verdicts, CheckKinds.ALL);
        Command command = CheckKinds.parser(Limits.DEFAULTS).parse(List.of("listeners", "1"));
        Report report = checks.check(command);
        assertTrue(report.command().startsWith("listeners"), report.command());
        assertFalse(report.verdict().rule().isBlank());
        assertTrue(report.probedAddresses().isEmpty(), "listeners sends nothing");
    }

    @Test
    void aCommandOfAnUnregisteredKindIsRefusedNotIgnored() {
        Checks checks = new Checks(pipeline, verdicts, List.of());
        Command command = new Command.Check<>(new ListenersKind(), new ListenersRequest(null), false);
        assertThrows(IllegalStateException.class, () -> checks.check(command));
        assertThrows(IllegalArgumentException.class, () -> checks.check(new Command.Help(null)));
    }

    /** listeners with its rule table forgotten. */
    private static final class WithoutRules implements CheckKind<ListenersRequest, ListenersEvidence> {
        private final ListenersKind real = new ListenersKind();

        public String verb() {
            return real.verb();
        }

        public String summary() {
            return real.summary();
        }

        public List<String> examples() {
            return real.examples();
        }

        public String usage() {
            return real.usage();
        }

        public Options options() {
            return real.options();
        }

        public ListenersRequest parse(Words words) {
            throw new UnsupportedOperationException();
        }

        public ListenersRequest resolved(ListenersRequest request, ClusterReader cluster) {
            return request;
        }

        public List<HostPort> targets(ListenersRequest request) {
            return List.of();
        }

        public Probe<ListenersRequest, ListenersEvidence> probe(Pipeline pipeline) {
            return real.probe(pipeline);
        }

        public List<Rule<ListenersEvidence>> rules() {
            return List.of();
        }

        public CaptureSummary capture(ListenersEvidence evidence) {
            return null;
        }

        public boolean healthyNeedsCapture() {
            return false;
        }

        public String unmatched(ListenersEvidence evidence) {
            return "";
        }

        public Report report(ListenersEvidence evidence, Verdict verdict) {
            return real.report(evidence, verdict);
        }

        public List<InetAddress> probed(ListenersEvidence evidence) {
            return List.of();
        }
    }
}
