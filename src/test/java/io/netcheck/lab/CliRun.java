package io.netcheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** One run of the packaged CLI with {@code --json} in the lab, and what the lab ITs read from its report. */
record CliRun(int exit, JsonNode json, String stdout, String stderr) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The report printed by a run; fails the test if the CLI printed no JSON. */
    static CliRun of(LabNetwork.Result r) {
        try {
            return new CliRun(r.exit(), JSON.readTree(r.stdout()), r.stdout(), r.stderr());
        } catch (Exception e) {
            throw new AssertionError("netcheck did not print JSON: " + r, e);
        }
    }

    /** The verdict's cause and team, the exit status, and no stack trace on stderr. */
    static void expect(CliRun run, String cause, String team, int exit) {
        assertEquals(cause, run.cause(), run::describe);
        assertEquals(team, run.team(), run::describe);
        assertEquals(exit, run.exit(), run::describe);
        assertFalse(run.stderr().contains("Exception"), run::describe);
    }

    String cause() {
        return json.at("/verdict/cause").asText();
    }

    String team() {
        return json.at("/verdict/team").asText();
    }

    JsonNode step(String name) {
        for (JsonNode s : json.get("steps")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no step " + name + " in " + json.toPrettyString());
    }

    List<String> packets(String step) {
        List<String> lines = new ArrayList<>();
        step(step).get("packets").forEach(p -> lines.add(p.asText()));
        return lines;
    }

    /** The packet lines of a sub-step of a step (e.g. the connect step's "target-host"). */
    List<String> packets(String step, String substep) {
        for (JsonNode s : step(step).get("substeps")) {
            if (s.get("name").asText().equals(substep)) {
                List<String> lines = new ArrayList<>();
                s.get("packets").forEach(p -> lines.add(p.asText()));
                return lines;
            }
        }
        throw new AssertionError("no sub-step " + substep + " of " + step + " in " + json.toPrettyString());
    }

    /** The value of the first fact with this label in a step, "" when absent. */
    String fact(String step, String label) {
        for (JsonNode f : step(step).get("facts")) {
            if (f.get("label").asText().equals(label)) {
                return f.get("value").asText();
            }
        }
        return "";
    }

    String describe() {
        return "exit " + exit + "\n" + (json == null ? stdout : json.toPrettyString()) + "\nstderr:\n" + stderr;
    }
}
