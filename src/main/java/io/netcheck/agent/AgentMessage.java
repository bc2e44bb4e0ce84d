package io.netcheck.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * The messages on an agent connection, one JSON text frame each, told apart by {@code type}. Unknown fields
 * are ignored so a newer peer can add some within one protocol version.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AgentMessage.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = AgentMessage.Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = AgentMessage.Refused.class, name = "refused"),
        @JsonSubTypes.Type(value = AgentMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = AgentMessage.Job.class, name = "job"),
        @JsonSubTypes.Type(value = AgentMessage.Result.class, name = "result")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface AgentMessage {
    ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Agent → server, first message: who it is and which protocol it speaks. */
    record Hello(int protocol, String name, String zone, Map<String, String> labels, String version)
            implements AgentMessage {
    }

    /** Server → agent: accepted; the server's heartbeat interval. */
    record Welcome(int protocol, long heartbeatMs) implements AgentMessage {
    }

    /** Server → agent before closing: why the hello was refused (e.g. protocol version). */
    record Refused(int protocol, String reason) implements AgentMessage {
    }

    /** Either way, every heartbeat interval: keeps proxies from idling the connection out, proves the peer is alive. */
    record Heartbeat(long at) implements AgentMessage {
    }

    /**
     * Server → agent: run one check.
     *
     * @param command   the check in the CLI/Slack grammar, without --from, --json or --pcap
     * @param timeoutMs how long the server waits for the result
     */
    record Job(String id, String command, long timeoutMs) implements AgentMessage {
    }

    /**
     * Agent → server: a job's outcome. Exactly one of {@code report} (the JSON report, as {@code --json} prints
     * it) and {@code error} is set.
     *
     * @param errorKind     {@code usage}, {@code policy} (the agent's own target policy refused), {@code busy},
     *                      {@code internal}
     * @param probed        the addresses the agent's probes were aimed at (for the server's audit line)
     * @param pcap          the capture, base64, at most netcheck.agent.max-pcap-bytes; null when none
     * @param pcapTruncated the capture was larger and was cut at a packet boundary
     */
    record Result(String id, String report, String error, String errorKind, List<String> probed, String pcap,
                  boolean pcapTruncated) implements AgentMessage {
    }

    static String encode(AgentMessage message) {
        try {
            return JSON.writerFor(AgentMessage.class).writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** @throws IllegalArgumentException for anything that is not one of these messages */
    static AgentMessage decode(String text) {
        try {
            return JSON.readValue(text, AgentMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an agent message: " + e.getOriginalMessage());
        }
    }
}
