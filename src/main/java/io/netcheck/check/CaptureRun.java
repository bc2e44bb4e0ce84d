package io.netcheck.check;

import java.util.Comparator;
import io.netcheck.capture.CaptureResult;
import io.netcheck.capture.CaptureSession;
import io.netcheck.capture.CapturedFrame;
import io.netcheck.capture.DecodedPacket;
import io.netcheck.capture.PacketCapture;
import io.netcheck.capture.PacketDecoder;
import io.netcheck.capture.PcapFileWriter;
import io.netcheck.capture.TcpdumpFormatter;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.ChecklistSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Capture around a piece of work, then attribution, for every command that sends packets (vip's checklist and the
 * single-probe commands alike): start the capture, run the probes, stop after a short linger, keep only this run's
 * packets in its one .pcap.
 */
public final class CaptureRun {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /** The work done while capturing. */
    @FunctionalInterface
    public interface Work {
        void run() throws InterruptedException;
    }

    private final PacketCapture capture;
    private final ChecklistSettings settings;
    private final Clock clock;

    public CaptureRun(PacketCapture capture, ChecklistSettings settings, Clock clock) {
        this.capture = capture;
        this.settings = settings;
        this.clock = clock;
    }

    public ChecklistSettings settings() {
        return settings;
    }

    /**
     * @param enabled    false for --no-capture; {@code offReason} then says why there are no packets
     * @param interfaces where to capture (empty: nothing routable, nothing captured)
     */
    public Captured around(boolean enabled, String offReason, List<String> interfaces, String filter, Work work)
            throws InterruptedException {
        PacketCapture source = enabled && !interfaces.isEmpty() ? capture
                : PacketCapture.disabled(enabled ? "nothing to capture: the target was not routable" : offReason);
        CaptureResult result;
        try (CaptureSession session = source.start(interfaces, filter, settings.snaplen())) {
            work.run();
            result = session.stop(settings.linger());
        }
        return new Captured(result, result.frames().stream().map(PacketDecoder::decode).toList(),
                new TcpdumpFormatter(clock.getZone()));
    }

    /** A finished capture: the frames, decoded, and what can be said about them. */
    public final class Captured {
        private final CaptureResult result;
        private final List<DecodedPacket> decoded;
        private final TcpdumpFormatter formatter;

        Captured(CaptureResult result, List<DecodedPacket> decoded, TcpdumpFormatter formatter) {
            this.result = result;
            this.decoded = decoded;
            this.formatter = formatter;
        }

        public boolean available() {
            return result.available();
        }

        public List<DecodedPacket> decoded() {
            return decoded;
        }

        /** The raw frames, in the order of {@link #decoded()}. */
        public List<CapturedFrame> frames() {
            return result.frames();
        }

        TcpdumpFormatter formatter() {
            return formatter;
        }

        /** The selected packets in capture order, each with its tcpdump line. */
        public List<DecodedPacket> packets(Predicate<DecodedPacket> mine) {
            return decoded.stream().filter(mine).toList();
        }

        /** tcpdump -nn lines of the selected packets, exactly as {@code tcpdump -r} prints them from the .pcap. */
        public List<String> lines(Predicate<DecodedPacket> mine) {
            return formatter.formatFrames(frames(mine));
        }

        private List<CapturedFrame> frames(Predicate<DecodedPacket> mine) {
            List<CapturedFrame> out = new ArrayList<>();
            for (int i = 0; i < decoded.size(); i++) {
                if (mine.test(decoded.get(i))) {
                    out.add(result.frames().get(i));
                }
            }
            return out;
        }

        /**
         * Writes only the selected packets (the filter can let in other hosts' ICMP, which is not ours to keep)
         * and summarises the capture for the report.
         *
         * @param file     where to write, null for the configured directory
         * @param fileHint the command and target, for the default file name
         */
        public CaptureSummary summary(Predicate<DecodedPacket> mine, Path file, String fileHint, Instant startedAt) {
            return summary(mine, List.of(), file, fileHint, startedAt);
        }

        /** @param extra frames captured elsewhere for this run (an ICMP echo's own capture) that belong in the .pcap */
        public CaptureSummary summary(Predicate<DecodedPacket> mine, List<CapturedFrame> extra, Path file,
                                      String fileHint, Instant startedAt) {
            return CaptureRun.this.summary(List.of(this), List.of(mine), extra, file, fileHint, startedAt);
        }
    }

    /**
     * One .pcap and one summary for several captures taken one after the other (the requests of a redirect
     * chain), each with its own selection of packets.
     */
    public CaptureSummary summary(List<Captured> captures, List<Predicate<DecodedPacket>> selections,
                                  List<CapturedFrame> extra, Path file, String fileHint, Instant startedAt) {
        CaptureResult first = captures.isEmpty() ? null : captures.get(0).result;
        if (first == null || !first.available()) {
            return first == null ? notApplicable("nothing was captured")
                    : new CaptureSummary(false, first.problem(), first.interfaces(), first.filter(), first.snaplen(), 0,
                    0, null);
        }
        List<CapturedFrame> kept = new ArrayList<>();
        List<String> interfaces = new ArrayList<>();
        List<String> filters = new ArrayList<>();
        long dropped = 0;
        for (int i = 0; i < captures.size(); i++) {
            Captured c = captures.get(i);
            if (!c.result.available()) {
                continue;
            }
            kept.addAll(c.frames(selections.get(i)));
            c.result.interfaces().stream().filter(n -> !interfaces.contains(n)).forEach(interfaces::add);
            if (!filters.contains(c.result.filter())) {
                filters.add(c.result.filter());
            }
            dropped += c.result.dropped();
        }
        kept.addAll(extra);
        kept.sort(Comparator.comparing(CapturedFrame::timestamp));
        CaptureResult result = first;
        Path target = file != null ? file : settings.captureDir().resolve("netcheck-"
                + FILE_TIME.format(startedAt.atZone(ZoneId.of("UTC"))) + "-"
                + fileHint.replaceAll("[^A-Za-z0-9.-]", "_") + ".pcap");
        String written = null;
        String problem = null;
        try {
            PcapFileWriter.write(target, kept, result.snaplen());
            written = target.toAbsolutePath().toString();
        } catch (IOException | RuntimeException e) {
            problem = "the .pcap could not be written to " + target + ": " + e.getMessage();
        }
        return new CaptureSummary(true, problem, interfaces, String.join(" | ", filters), result.snaplen(),
                kept.size(), dropped, written);
    }

    /** For commands that send no packets of their own (listeners): a summary that says so. */
    public static CaptureSummary notApplicable(String why) {
        return new CaptureSummary(false, why, List.of(), "", 0, 0, 0, null);
    }
}
