package io.netcheck.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcheck.checklist.CaptureSummary;
import io.netcheck.report.Fact;
import io.netcheck.report.Report;
import io.netcheck.report.Step;
import io.netcheck.report.StepStatus;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a report back from the JSON {@link JsonRenderer} wrote (an agent's result, the check API's answer), so
 * that it can be rendered again as text, JSON or Slack blocks. The typed evidence stays a JSON tree: renderers
 * only pass it through. {@code read(render(r))} renders exactly as {@code r} did.
 */
public final class ReportReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportReader() {
    }

    /** @throws IllegalArgumentException when the text is not a netcheck JSON report */
    public static Report read(String json) {
        try {
            return read(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON report: " + e.getOriginalMessage());
        }
    }

    public static Report read(JsonNode root) {
        if (root == null || !root.isObject() || !root.has("verdict") || !root.has("steps")) {
            throw new IllegalArgumentException("not a netcheck report: no verdict or steps");
        }
        try {
            JsonNode ms = root.path("elapsedMs");
            return new Report(text(root, "command"), text(root, "target"), Instant.parse(root.path("startedAt").asText()),
                    Duration.ofNanos(Math.round(ms.asDouble() * 1e6)), verdict(root.get("verdict")),
                    list(root.get("steps"), ReportReader::step), capture(root.get("capture")),
                    root.has("evidence") ? root.get("evidence") : null);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a netcheck report: " + e.getMessage());
        }
    }

    private static Verdict verdict(JsonNode v) {
        return new Verdict(Cause.valueOf(v.path("cause").asText()), text(v, "team"), text(v, "teamName"),
                text(v, "slackGroup"), Confidence.valueOf(v.path("confidence").asText()), text(v, "rule"),
                text(v, "summary"), text(v, "explanation"), strings(v.get("nextSteps")), strings(v.get("signals")));
    }

    private static Step step(JsonNode s) {
        return new Step(text(s, "name"), text(s, "title"), StepStatus.valueOf(s.path("status").asText()),
                text(s, "outcome"), text(s, "summary"),
                list(s.get("facts"), f -> new Fact(text(f, "label"), text(f, "value"))), strings(s.get("packets")),
                list(s.get("substeps"), ReportReader::step));
    }

    private static CaptureSummary capture(JsonNode c) {
        if (c == null || c.isNull()) {
            return new CaptureSummary(false, "no capture in the report", List.of(), null, 0, 0, 0, null);
        }
        return new CaptureSummary(c.path("available").asBoolean(), text(c, "problem"), strings(c.get("interfaces")),
                text(c, "filter"), c.path("snaplen").asInt(), c.path("packets").asInt(), c.path("dropped").asLong(),
                text(c, "pcapFile"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        return list(array, JsonNode::asText);
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> each) {
        List<T> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(each.apply(n)));
        }
        return out;
    }
}
