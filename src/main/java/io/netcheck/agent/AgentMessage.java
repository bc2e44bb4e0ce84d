package io.netcheck.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcheck.check.CaptureSummary;
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
        @JsonSubTypes.Type(value = AgentMessage.Result.class, name = "result"),
        @JsonSubTypes.Type(value = AgentMessage.SideJob.class, name = "side-job"),
        @JsonSubTypes.Type(value = AgentMessage.SideReady.class, name = "side-ready"),
        @JsonSubTypes.Type(value = AgentMessage.SideResult.class, name = "side-result")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface AgentMessage {
    ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * Agent → server, first message: who it is and which protocol it speaks.
     *
     * @param capabilities what this agent can do beyond protocol 1's jobs ({@value #LB_SIDE}); null from an older
     *                     agent, which then can do none of them
     */
    record Hello(int protocol, String name, String zone, Map<String, String> labels, String version,
                 List<String> capabilities) implements AgentMessage {
        public Hello(int protocol, String name, String zone, Map<String, String> labels, String version) {
            this(protocol, name, zone, labels, version, null);
        }
    }

    /** The capability of taking the load balancer's side of a {@code vip --from} ({@link SideJob}). */
    String LB_SIDE = "lb-side";

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

    /**
     * Server → agent: take the load balancer's side of a {@code vip} checklist netcheck runs from its own position:
     * capture where netcheck's packets arrive and towards the real servers, probe the real servers (step 3), for
     * {@code windowMs}.
     *
     * @param command the vip words, without --from, --json or --pcap
     * @param peers   netcheck's source addresses towards the VIP (where its packets come from)
     */
    record SideJob(String id, String command, List<String> peers, long windowMs) implements AgentMessage {
    }

    /**
     * Agent → server: its capture is running (sent just before it probes the real servers), with its clock, so the
     * server can measure the offset between the two captures.
     *
     * @param agentClockMicros the agent's wall clock when it sent this, microseconds since the epoch
     * @param problem          why it captures nothing (no privilege, no libpcap), null when it does
     */
    record SideReady(String id, long agentClockMicros, String problem) implements AgentMessage {
    }

    /**
     * Agent → server: the load balancer's side, at the end of the window. Either {@code error} or the rest is set.
     *
     * @param backends its step-3 evidence, as {@code check.EvidenceWire} encodes it
     * @param capture  its capture's summary (the file name is the agent's and is not used)
     * @param pcap     its capture, base64, at most netcheck.agent.max-pcap-bytes; null when none
     */
    record SideResult(String id, String error, String errorKind, String backends, CaptureSummary capture,
                      String pcap, boolean pcapTruncated, List<String> probed) implements AgentMessage {
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
