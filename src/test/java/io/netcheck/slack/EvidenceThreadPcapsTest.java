package io.netcheck.slack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.ClockOffset;
import io.netcheck.check.LbSideEvidence;
import io.netcheck.check.VipEvidence;
import io.netcheck.report.Report;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Evidence;
import io.netcheck.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vip --from}: both captures (netcheck's and the agent's side) go into the thread, each on its own, and a
 * capture that fails to read or upload is named to the user and kept on disk while the other still goes.
 */
class EvidenceThreadPcapsTest {
    private static final byte[] OURS = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 1};
    private static final byte[] THEIRS = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2};

    @TempDir
    Path dir;
    private FakeSlack fake;
    private EvidenceThread thread;
    private Path ours;
    private Path theirs;
    private Report report;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSlack();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        thread = new EvidenceThread(Slack.getInstance(config).methods(FakeSlack.BOT_TOKEN),
                new SlackApi(1, Duration.ofMillis(1), Duration.ofSeconds(1), d -> { }, SlackMetrics.NONE));
        ours = Files.write(dir.resolve("netcheck-20261204-vip.pcap"), OURS);
        theirs = Files.write(dir.resolve("netcheck-20261204-vip-lb-a.pcap"), THEIRS);
        VipEvidence e = Evidence.of(Evidence.timeout("203.0.113.10:80"));
        LbSideEvidence side = new LbSideEvidence("lb-a", new ClockOffset(800, 200), new CaptureSummary(true, null,
                List.of("lb-a:eth0"), "tcp", 128, 7, 0, theirs.toString()), "source port", 3, 3, 0, 0, 4, List.of());
        CaptureSummary capture = new CaptureSummary(true, null, List.of("eth0"), "tcp", 128, 5, 0, ours.toString());
        VipEvidence both = new VipEvidence(e.request(), e.startedAt(), e.elapsed(), e.vip(), e.backends(), e.layer(),
                capture, e.host(), e.attribution(), e.pathMtu(), side);
        report = new Report("vip 203.0.113.10:80 --from lb-a", "203.0.113.10:80", Instant.EPOCH, Duration.ofSeconds(3),
                new Verdict(Cause.ROUTING, "network", "Network team", null, Confidence.HIGH, "return-path-lost",
                        "the return path loses the answers", "why", List.of()), List.of(), capture, both);
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private List<String> titles() {
        return fake.accepted("files.completeUploadExternal").stream().map(c -> c.param("files")).toList();
    }

    @Test
    void bothCapturesGoIntoTheThreadEachNamedForItsSideAndAreThenDeleted() throws Exception {
        Shortfall failures = new Shortfall();
        List<EvidenceThread.Pcap> pcaps = EvidenceThread.read(report, failures);
        thread.evidence("C0OPS", "1.1", report, pcaps, false, failures);
        assertEquals(List.of(), failures.lines());
        assertEquals(2, fake.uploads().size(), fake.calls().toString());
        assertArrayEquals(OURS, fake.uploads().get(0).bytes());
        assertArrayEquals(THEIRS, fake.uploads().get(1).bytes());
        List<String> names = fake.accepted("files.getUploadURLExternal").stream().map(c -> c.param("filename")).toList();
        assertEquals(List.of(ours.getFileName().toString(), theirs.getFileName().toString()), names);
        assertTrue(titles().get(0).contains("Packet capture (5 packets, headers only)"), titles()::toString);
        assertTrue(titles().get(1).contains("Packet capture, lb-a") && titles().get(1).contains("s side (the load "
                + "balancer; 7 packets"),
                titles()::toString);
        assertTrue(fake.accepted("files.completeUploadExternal").stream().allMatch(c -> "1.1".equals(c.param("thread_ts"))));
        EvidenceThread.deleteUploaded(report, failures);
        assertFalse(Files.exists(ours));
        assertFalse(Files.exists(theirs));
        assertEquals(List.of(), failures.lines());
    }

    @Test
    void aFailedUploadOfOneCaptureLosesNothingTheOtherGoesAndTheFailedOneStaysOnDisk() throws Exception {
        String sideName = theirs.getFileName().toString();
        fake.slackErrorNext("files.getUploadURLExternal", "file_upload_failed", p -> sideName.equals(p.get("filename")));
        Shortfall failures = new Shortfall();
        thread.evidence("C0OPS", "1.1", report, EvidenceThread.read(report, failures), false, failures);
        assertEquals(1, fake.uploads().size());
        assertArrayEquals(OURS, fake.uploads().get(0).bytes());
        assertEquals(1, failures.lines().size(), failures::toString);
        assertTrue(failures.lines().get(0).startsWith("files.uploadV2 " + sideName + ": "), failures::toString);
        EvidenceThread.deleteUploaded(report, failures);
        assertFalse(Files.exists(ours), "netcheck's capture is in Slack");
        assertArrayEquals(THEIRS, Files.readAllBytes(theirs), "the agent's side stays where the user is told");
        assertTrue(failures.lines().contains("the capture stays at " + theirs + " on the netcheck host"), failures::toString);
    }

    @Test
    void aFailedUploadOfNetchecksCaptureStillSendsTheAgentsSide() throws Exception {
        String ourName = ours.getFileName().toString();
        fake.slackErrorNext("files.getUploadURLExternal", "file_upload_failed", p -> ourName.equals(p.get("filename")));
        Shortfall failures = new Shortfall();
        thread.evidence("C0OPS", "1.1", report, EvidenceThread.read(report, failures), false, failures);
        assertEquals(1, fake.uploads().size());
        assertArrayEquals(THEIRS, fake.uploads().get(0).bytes());
        EvidenceThread.deleteUploaded(report, failures);
        assertTrue(Files.exists(ours));
        assertFalse(Files.exists(theirs));
        assertTrue(failures.lines().contains("the capture stays at " + ours + " on the netcheck host"), failures::toString);
    }

    @Test
    void anUnreadableSideCaptureIsNamedAndNetchecksStillGoes() throws Exception {
        Files.delete(theirs);
        Shortfall failures = new Shortfall();
        List<EvidenceThread.Pcap> pcaps = EvidenceThread.read(report, failures);
        assertEquals(1, pcaps.size());
        thread.evidence("C0OPS", "1.1", report, pcaps, false, failures);
        assertEquals(1, fake.uploads().size());
        assertArrayEquals(OURS, fake.uploads().get(0).bytes());
        assertTrue(failures.lines().get(0).startsWith("reading " + theirs + ": "), failures::toString);
    }

    @Test
    void whatIsKeptOnDiskFollowsWhatSlackDidNotGetNotTheWordingOfAFailure() throws Exception {
        Shortfall failures = new Shortfall();
        thread.evidence("C0OPS", "1.1", report, EvidenceThread.read(report, failures), false, failures);
        // A line that merely names a capture (here: worded like its upload failing) keeps nothing on disk.
        failures.add("files.uploadV2 " + ours.getFileName() + ": some other message");
        EvidenceThread.deleteUploaded(report, failures);
        assertFalse(Files.exists(ours));
        assertFalse(Files.exists(theirs));
    }
}
