package io.netcheck.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcheck.render.JsonRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A report JSON file for {@code netcheck diff}, checked enough that a wrong file gets a clear message. */
public final class ReportFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a file cannot be compared, said for the user. */
    public static final class Bad extends Exception {
        public Bad(String message) {
            super(message);
        }
    }

    private ReportFile() {
    }

    public static JsonNode read(Path file) throws Bad {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new Bad(file + ": no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new Bad(file + ": cannot be read (" + e.getMessage() + ")");
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Bad(file + " is not JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")");
        }
        if (json == null || !json.isObject() || !json.has("command") || !json.path("evidence").isObject()) {
            throw new Bad(file + " is not a netcheck report: write one with `netcheck CHECK ... --json > file`");
        }
        if (!json.path("schemaVersion").isInt()) {
            throw new Bad(file + " has no schemaVersion: it was written by a netcheck older than report schema 1; "
                    + "run the check again with --json");
        }
        int version = json.path("schemaVersion").asInt();
        if (version != JsonRenderer.SCHEMA_VERSION) {
            throw new Bad(file + " follows report schema " + version + "; this netcheck reads schema "
                    + JsonRenderer.SCHEMA_VERSION);
        }
        return json;
    }

    /** The command kind ({@code vip}, {@code tls}, ...). */
    public static String kind(JsonNode report) {
        return Observations.kind(report);
    }
}
