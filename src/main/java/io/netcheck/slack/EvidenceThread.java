package io.netcheck.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;
import io.netcheck.report.Report;
import io.netcheck.report.Step;
import io.netcheck.render.PcapFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Posts a report's evidence as a thread under a root message: one reply per step with its packet lines
 * (long ones as a file), the .pcap, and optionally the verdict broadcast to the channel. The same format for
 * interactive runs, incident channels and watch alerts. Failures are collected, never thrown: what did get
 * posted stays posted, and the caller tells the user what did not.
 */
final class EvidenceThread {
    private static final Logger LOG = Logger.getLogger(EvidenceThread.class);
    private final MethodsClient methods;
    private final SlackApi api;

    EvidenceThread(MethodsClient methods, SlackApi api) {
        this.methods = methods;
        this.api = api;
    }

    /** Posts a top-level message; this one must work, so failures are thrown. Returns its ts. */
    String root(String channel, String text, List<LayoutBlock> blocks) throws SlackFailure, InterruptedException {
        return api.call("chat.postMessage", () -> methods.chatPostMessage(r -> r.channel(channel).text(text)
                .blocks(blocks))).getTs();
    }

    /**
     * The step replies, attached files and the .pcap in the thread of {@code ts}; then the verdict, broadcast
     * to the channel when asked.
     */
    void evidence(String channel, String ts, Report report, List<Pcap> pcaps, boolean broadcastVerdict,
                  Shortfall failures) throws InterruptedException {
        int n = 1;
        for (Step step : report.steps()) {
            SlackBlocks.Reply reply = SlackBlocks.step(step, n++);
            attempt(failures, "chat.postMessage", () -> methods.chatPostMessage(r -> r.channel(channel).threadTs(ts)
                    .text(reply.text()).blocks(reply.blocks())));
            if (reply.fileName() != null) {
                byte[] content = reply.fileContent().getBytes(StandardCharsets.UTF_8);
                attempt(failures, "files.uploadV2", () -> methods.filesUploadV2(r -> r.channel(channel).threadTs(ts)
                        .filename(reply.fileName()).title(reply.fileName()).fileData(content)));
            }
        }
        // Each capture on its own: one that fails to upload is named in the failures, the others still go.
        for (Pcap pcap : pcaps) {
            try {
                api.call("files.uploadV2", () -> methods.filesUploadV2(r -> r.channel(channel).threadTs(ts)
                        .filename(pcap.name()).title(pcap.title()).fileData(pcap.bytes())));
            } catch (SlackFailure e) {
                String line = "files.uploadV2 " + pcap.name() + ": " + e.error();
                if (pcap.file() != null) {
                    failures.unsent(pcap.file(), line);
                } else {
                    failures.add(line);
                }
            }
        }
        if (broadcastVerdict) {
            attempt(failures, "chat.postMessage", () -> methods.chatPostMessage(r -> r.channel(channel).threadTs(ts)
                    .replyBroadcast(true).text(SlackBlocks.verdictText(report)).blocks(SlackBlocks.verdict(report))));
        }
    }

    /** A link to a message, for "see where this was checked"; null when Slack will not say. */
    String permalink(String channel, String ts) {
        try {
            return api.call("chat.getPermalink", () -> methods.chatGetPermalink(r -> r.channel(channel).messageTs(ts)))
                    .getPermalink();
        } catch (SlackFailure e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    void attempt(Shortfall failures, String method,
                 SlackApi.Call<? extends com.slack.api.methods.SlackApiTextResponse> call) throws InterruptedException {
        try {
            api.call(method, call);
        } catch (SlackFailure e) {
            failures.add(method + ": " + e.error());
        }
    }

    /**
     * Every .pcap of the report (netcheck's, and with {@code vip --from} the agent's side), read once so each can go to
     * several channels. One that cannot be read is named in {@code failures}; the others are still returned.
     */
    static List<Pcap> read(Report report, Shortfall failures) {
        List<Pcap> pcaps = new ArrayList<>();
        if (report == null) {
            return pcaps;
        }
        for (PcapFiles.PcapFile f : PcapFiles.of(report)) {
            try {
                pcaps.add(new Pcap(Path.of(f.file()).getFileName().toString(), Files.readAllBytes(Path.of(f.file())),
                        f.side().equals(PcapFiles.NETCHECK) ? null : f.side(), f.packets(), f.file()));
            } catch (IOException e) {
                failures.unsent(f.file(), "reading " + f.file() + ": " + e.getMessage());
            }
        }
        return pcaps;
    }

    /**
     * Slack has the captures (and the kept report a copy): a long-running bot must not fill its disk. A file whose
     * reading or upload failed stays, and the user is told where.
     */
    static void deleteUploaded(Report report, Shortfall failures) {
        for (PcapFiles.PcapFile f : PcapFiles.of(report)) {
            if (failures.unsent(f.file())) {
                failures.add("the capture stays at " + f.file() + " on the netcheck host");
                continue;
            }
            try {
                Files.deleteIfExists(Path.of(f.file()));
            } catch (IOException e) {
                LOG.debugf("could not delete %s: %s", f.file(), e.getMessage());
            }
        }
    }

    /**
     * A capture's bytes.
     *
     * @param side    the agent whose side of a {@code vip --from} it is, null for netcheck's own
     * @param packets packets in it, for the title
     * @param file    where it was read from, null when it came from the store (a kept report)
     */
    record Pcap(String name, byte[] bytes, String side, int packets, String file) {
        Pcap(String name, byte[] bytes) {
            this(name, bytes, null, -1, null);
        }

        String title() {
            String count = packets < 0 ? "" : packets + " packets, ";
            return side == null ? "Packet capture (" + count + "headers only)"
                    : "Packet capture, " + side + "'s side (the load balancer; " + count + "headers only)";
        }
    }
}
