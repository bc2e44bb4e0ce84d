package io.netcheck.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The one audit log: a structured JSON line per event on the {@code netcheck.audit} category, for Slack
 * commands, check API calls and agent connections and jobs alike. Tokens and secrets are never passed here.
 */
public final class AuditLog {
    private static final Logger LOG = Logger.getLogger("netcheck.audit");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLog() {
    }

    /** {@code {"event": event, ...fields}} */
    public static void event(String event, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.putAll(fields);
        write(line);
    }

    public static void write(Map<String, Object> line) {
        try {
            LOG.info(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.warn("audit line could not be written: " + e.getMessage());
        }
    }
}
