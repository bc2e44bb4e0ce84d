package io.netcheck.render;

import io.netcheck.capture.AddressText;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.MtuEvidence;
import io.netcheck.check.PathMtu;
import io.netcheck.check.PingEvidence;
import io.netcheck.check.TraceEvidence;
import io.netcheck.check.VipEvidence;
import io.netcheck.probe.CertificateFindings;
import io.netcheck.probe.ServiceResult;
import io.netcheck.probe.raw.MtuResult;
import io.netcheck.probe.raw.PingResult;
import io.netcheck.probe.raw.TraceResult;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.EndpointState;
import io.netcheck.report.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Renders a report as one JSON object: {@code schemaVersion}, {@code verdict}, {@code steps} (with tcpdump lines),
 * {@code pcap}, {@code capture}, and the typed {@code evidence}, as {@code schema/report-v1.json} describes. Durations are milliseconds (fractional), instants ISO-8601,
 * addresses in text form.
 */
public final class JsonRenderer {
    /** The version of {@code schema/report-v1.json} the output follows: bumped only when a stable field changes. */
    public static final int SCHEMA_VERSION = 1;
    /** The JSON Schema of the output, on the classpath. */
    public static final String SCHEMA = "/schema/report-v1.json";

    private final ObjectMapper mapper;

    public JsonRenderer() {
        SimpleModule module = new SimpleModule("netcheck");
        module.addSerializer(Duration.class, serializer((d, g) -> g.writeNumber(Math.round(d.toNanos() / 1e3) / 1e3)));
        module.addSerializer(Instant.class, serializer((i, g) -> g.writeString(i.toString())));
        module.addSerializer(InetAddress.class, serializer((a, g) -> g.writeString(AddressText.of(a))));
        module.addSerializer(InetSocketAddress.class, serializer((a, g) -> g.writeString(
                a.getAddress() == null ? a.getHostString() + ":" + a.getPort()
                        : (AddressText.of(a.getAddress()).contains(":") ? "[" + AddressText.of(a.getAddress()) + "]"
                        : AddressText.of(a.getAddress())) + ":" + a.getPort())));
        module.addSerializer(Path.class, serializer((p, g) -> g.writeString(p.toString())));
        module.setMixInAnnotation(EndpointEvidence.class, EndpointEvidenceMixin.class);
        module.setMixInAnnotation(VipEvidence.class, VipEvidenceMixin.class);
        module.setMixInAnnotation(CertificateFindings.class, CertificateFindingsMixin.class);
        module.setMixInAnnotation(ServiceResult.class, ServiceResultMixin.class);
        // Single-probe commands: packet lines are in the steps, frames in the .pcap.
        module.setMixInAnnotation(ConnectAttempt.class, PacketLinesMixin.class);
        module.setMixInAnnotation(PingEvidence.class, PacketLinesMixin.class);
        module.setMixInAnnotation(TraceEvidence.class, PacketLinesMixin.class);
        module.setMixInAnnotation(MtuEvidence.class, PacketLinesMixin.class);
        module.setMixInAnnotation(PingResult.class, FramesMixin.class);
        module.setMixInAnnotation(TraceResult.class, FramesMixin.class);
        module.setMixInAnnotation(MtuResult.class, FramesMixin.class);
        module.setMixInAnnotation(PathMtu.class, PacketsAndFramesMixin.class);
        this.mapper = new ObjectMapper().registerModule(module).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    public String render(Report report) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("command", report.command());
        root.put("target", report.target());
        root.put("startedAt", report.startedAt().toString());
        root.put("elapsedMs", Math.round(report.elapsed().toNanos() / 1e3) / 1e3);
        root.put("healthy", report.healthy());
        root.set("verdict", mapper.valueToTree(report.verdict()));
        root.set("steps", mapper.valueToTree(report.steps()));
        root.put("pcap", report.capture().pcapFile());
        ArrayNode pcaps = root.putArray("pcaps");
        PcapFiles.of(report).forEach(f -> pcaps.addObject().put("side", f.side()).put("file", f.file())
                .put("packets", f.packets()));
        root.set("capture", mapper.valueToTree(report.capture()));
        root.set("evidence", mapper.valueToTree(report.evidence()));
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Writer<T> {
        void write(T value, JsonGenerator g) throws IOException;
    }

    private static <T> JsonSerializer<T> serializer(Writer<T> writer) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
                writer.write(value, g);
            }
        };
    }

    /** Packet lines are already in {@code steps}; the derived state is worth having here. */
    @JsonIgnoreProperties({"packets", "requestAt"})
    abstract static class EndpointEvidenceMixin {
        @JsonProperty("state")
        abstract EndpointState state();
    }

    /** The request is already the top-level {@code command}. */
    @JsonIgnoreProperties({"request"})
    abstract static class VipEvidenceMixin {
    }

    /** What a verifying client refuses, spelled out next to the findings it follows from. */
    abstract static class CertificateFindingsMixin {
        @JsonProperty("problems")
        abstract List<CertificateFindings.Problem> problems();
    }

    /** Whether the server speaks plain HTTP behind the VIP's TLS (then {@code tlsAttempt} is its first try). */
    abstract static class ServiceResultMixin {
        @JsonProperty("plainHttpBehindTls")
        abstract boolean plainHttpBehindTls();
    }

    /** Packet lines already appear in {@code steps}. */
    @JsonIgnoreProperties({"packets"})
    abstract static class PacketLinesMixin {
    }

    /** Packet lines are in {@code steps}, frames in the .pcap. */
    @JsonIgnoreProperties({"packets", "frames"})
    abstract static class PacketsAndFramesMixin {
    }

    /** Raw frames belong in the .pcap, not in JSON. */
    @JsonIgnoreProperties({"frames"})
    abstract static class FramesMixin {
    }
}
