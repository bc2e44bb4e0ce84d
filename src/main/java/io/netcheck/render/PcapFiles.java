package io.netcheck.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcheck.check.VipEvidence;
import io.netcheck.report.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * Every .pcap a run wrote, each named by whose capture it is: netcheck's own ({@code capture.pcapFile}) and, for
 * {@code vip --from AGENT}, the agent's side ({@code evidence.lbSide.capture.pcapFile}). Read from the typed evidence
 * of a local run and from the JSON tree of a report read back (the CLI's {@code --server}), so both name the same
 * files; the JSON's {@code pcaps} and the text's {@code pcap} lines come from here, and Slack uploads them all.
 */
public final class PcapFiles {
    /** Whose capture netcheck's own is. */
    public static final String NETCHECK = "netcheck";

    /**
     * @param side    {@value #NETCHECK}, or the agent's name
     * @param file    the file on netcheck's host
     * @param packets packets in it
     */
    public record PcapFile(String side, String file, int packets) {
    }

    private PcapFiles() {
    }

    public static List<PcapFile> of(Report report) {
        List<PcapFile> files = new ArrayList<>();
        if (report.capture() != null && report.capture().pcapFile() != null) {
            files.add(new PcapFile(NETCHECK, report.capture().pcapFile(), report.capture().packets()));
        }
        if (report.evidence() instanceof VipEvidence v && v.lbSide() != null && v.lbSide().capture().pcapFile() != null) {
            files.add(new PcapFile(v.lbSide().agent(), v.lbSide().capture().pcapFile(), v.lbSide().capture().packets()));
        } else if (report.evidence() instanceof JsonNode tree) {
            JsonNode side = tree.path("lbSide");
            JsonNode file = side.path("capture").path("pcapFile");
            if (side.isObject() && file.isTextual()) {
                files.add(new PcapFile(side.path("agent").asText(), file.asText(),
                        side.path("capture").path("packets").asInt()));
            }
        }
        return List.copyOf(files);
    }
}
