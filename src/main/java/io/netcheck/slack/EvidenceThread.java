package io.netcheck.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;
import io.netcheck.report.Report;
import io.netcheck.report.Step;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Posts a report's evidence as a thread under a root message: one reply per step with its packet lines
 * (long ones as a file), the .pcap, and optionally the verdict broadcast to the channel. The same format for
 * interactive runs, incident channels and watch alerts. Failures are collected, never thrown: what did get
 * posted stays posted, and the caller tells the user what did not.
 */
final class EvidenceThread {
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
    void evidence(String channel, String ts, Report report, Pcap pcap, boolean broadcastVerdict, List<String> failures)
            throws InterruptedException {
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
        if (pcap != null) {
            attempt(failures, "files.uploadV2", () -> methods.filesUploadV2(r -> r.channel(channel).threadTs(ts)
                    .filename(pcap.name()).title("Packet capture (" + report.capture().packets()
                            + " packets, headers only)").fileData(pcap.bytes())));
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

    void attempt(List<String> failures, String method,
                 SlackApi.Call<? extends com.slack.api.methods.SlackApiTextResponse> call) throws InterruptedException {
        try {
            api.call(method, call);
        } catch (SlackFailure e) {
            failures.add(method + ": " + e.error());
        }
    }

    /** A capture's bytes, read once so it can go to several channels. */
    record Pcap(String name, byte[] bytes) {
        /** The report's .pcap, or null when it has none. */
        static Pcap of(Report report) throws java.io.IOException {
            String file = report == null ? null : report.capture().pcapFile();
            if (file == null) {
                return null;
            }
            Path path = Path.of(file);
            return new Pcap(path.getFileName().toString(), Files.readAllBytes(path));
        }
    }
}
