package io.netcheck.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two reports of the same target on their JSON (schema/report-v1.json), so a refactor of netcheck's
 * internals cannot change what counts as a change. The result is ranked: changes that can explain the later
 * report's verdict first, then by {@link Aspect} order.
 */
public final class ReportDiff {
    private ReportDiff() {
    }

    public static List<Change> between(JsonNode before, JsonNode after) {
        Map<String, Observation> was = index(Observations.of(before));
        Map<String, Observation> now = index(Observations.of(after));
        List<Change> changes = new ArrayList<>();
        for (Observation o : now.values()) {
            Observation old = was.get(o.key());
            if (old == null) {
                continue; // a new endpoint or a now-visible signature: nothing to compare it with
            }
            List<Change.Field> fields = new ArrayList<>();
            for (Map.Entry<String, String> f : o.fields().entrySet()) {
                String b = old.fields().getOrDefault(f.getKey(), "none");
                if (Observations.differ(o.aspect(), b, f.getValue())) {
                    fields.add(o.aspect() == Aspect.TIMING
                            ? new Change.Field(f.getKey(), Observations.ms(b), Observations.ms(f.getValue()))
                            : new Change.Field(f.getKey(), b, f.getValue()));
                }
            }
            if (!fields.isEmpty()) {
                changes.add(new Change(o.aspect(), o.subject(), fields));
            }
        }
        String cause = after.path("verdict").path("cause").asText();
        changes.sort(Comparator.comparing((Change c) -> !c.aspect().explains(cause))
                .thenComparing(Change::aspect));
        return changes;
    }

    private static Map<String, Observation> index(List<Observation> observations) {
        Map<String, Observation> m = new LinkedHashMap<>();
        observations.forEach(o -> m.putIfAbsent(o.key(), o));
        return m;
    }
}
