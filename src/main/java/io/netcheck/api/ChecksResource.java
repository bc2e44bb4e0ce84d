package io.netcheck.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcheck.Checks;
import io.netcheck.agent.AgentException;
import io.netcheck.agent.AgentInfo;
import io.netcheck.agent.AgentRegistry;
import io.netcheck.agent.FromOption;
import io.netcheck.agent.RemoteChecks;
import io.netcheck.check.ChecklistProgress;
import io.netcheck.command.Command;
import io.netcheck.command.CommandParser;
import io.netcheck.command.UsageException;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.render.JsonRenderer;
import io.netcheck.report.Report;
import io.netcheck.slack.Audit;
import io.netcheck.slack.Authorization;
import io.netcheck.slack.CommandTargets;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;

/**
 * {@code POST /api/v1/checks} and {@code GET /api/v1/agents}, for tools and the CLI's {@code --server}. The same
 * gate as Slack: the grammar and its limits, netcheck.auth.* (the caller is the user {@code api}), the target
 * policy, a bound on checks at once, and an audit line for every call.
 */
@Path("/api/v1")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "NETCHECK_API_TOKEN")
@SecurityRequirement(name = "bearer")
public class ChecksResource {
    /** Who the API caller is for netcheck.auth.* (e.g. netcheck.auth.listen.users=api) and the audit log. */
    public static final String CALLER = "api";
    /** Commands that change something on the host, or belong to a channel: not for the API. */
    private static final Set<String> NOT_HERE = Set.of("watch", "summary", "help", "listen");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiToken token;
    private final Semaphore slots;
    private final Authorization authorization;

    @Inject
    CommandParser parser;
    @Inject
    Checks checks;
    @Inject
    RemoteChecks remote;
    @Inject
    AgentRegistry agents;
    @Inject
    TargetPolicy policy;

    @Inject
    public ChecksResource(NetcheckConfig config, Clock clock) {
        this.token = new ApiToken(config.api().token().orElse(null));
        this.slots = new Semaphore(Math.max(1, config.api().maxConcurrent()));
        // No Slack user groups for an API caller: only netcheck.auth.<command>.users=api grants by name.
        this.authorization = new Authorization(config.auth(), group -> Set.of(), clock);
    }

    @POST
    @Path("/checks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a check", description = "Runs a check (here, or on an agent with --from AGENT) and "
            + "returns the JSON report, the same object as the CLI's --json.")
    @APIResponse(responseCode = "200", description = "The report (verdict, steps with packet lines, capture, evidence)")
    @APIResponse(responseCode = "400", description = "Bad command: {error, usage}")
    @APIResponse(responseCode = "401", description = "No or wrong bearer token")
    @APIResponse(responseCode = "403", description = "Not authorised for this command, or refused by a target policy")
    @APIResponse(responseCode = "429", description = "Too many checks running")
    @APIResponse(responseCode = "503", description = "The agent is not connected, went away, is busy or timed out")
    public Response check(@HeaderParam("Authorization") String authorization,
                          @RequestBody(content = @Content(schema = @Schema(implementation = CheckRequest.class)))
                          String body) throws InterruptedException {
        if (!token.accepts(authorization)) {
            Audit.apiDecision(CALLER, null, "refused", "no or wrong bearer token");
            return error(401, token.configured() ? "missing or wrong bearer token"
                    : "the check API is off: set NETCHECK_API_TOKEN on the server", null);
        }
        // The body is read here (no JSON provider in the REST layer): {"command": "..."}.
        CheckRequest request;
        try {
            request = body == null || body.isBlank() ? null : JSON.readValue(body, CheckRequest.class);
        } catch (java.io.IOException e) {
            return error(400, "the body must be JSON: {\"command\": \"tcp 10.0.0.5:443\"}", null);
        }
        String text = request == null || request.command() == null ? "" : request.command().strip();
        List<String> words = Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList();
        FromOption from;
        Command command;
        try {
            from = FromOption.split(words);
            if (words.stream().anyMatch(w -> w.equals("--pcap") || w.startsWith("--pcap="))) {
                // As in Slack: the server writes no file where a caller says; the .pcap goes to its capture directory.
                throw new UsageException("--pcap is a local CLI option: through the API the capture is written to "
                        + "the server's capture directory (capture.pcapFile in the report)", parser.usage());
            }
            if (!from.words().isEmpty() && NOT_HERE.contains(from.words().get(0))) {
                throw new UsageException("'" + from.words().get(0) + "' is not run through the API: give a check "
                        + "(vip, tcp, dns, tls, http, ping, trace, mtu, listeners)", parser.usage());
            }
            command = parser.parse(from.words());
        } catch (UsageException e) {
            Audit.apiDecision(CALLER, text, "refused", e.getMessage());
            return error(400, e.getMessage(), e.usage());
        }
        String verb = from.words().get(0);
        String forbidden = this.authorization.refusal(verb, CALLER, "api");
        if (forbidden != null) {
            Audit.apiDecision(CALLER, text, "refused", forbidden);
            return error(403, forbidden.replace("`", ""), null);
        }
        String refused = CommandTargets.refusedLiteral(command, policy);
        if (refused != null) {
            Audit.apiDecision(CALLER, text, "refused", refused);
            return error(403, "refused by the target policy, nothing was sent: " + refused, null);
        }
        if (!slots.tryAcquire()) {
            Audit.apiDecision(CALLER, text, "refused", "busy");
            return error(429, "netcheck is busy: " + "netcheck.api.max-concurrent checks are running", null);
        }
        Audit.apiDecision(CALLER, text, "accepted", null);
        long started = checks.ticker().nanos();
        try {
            Report report;
            List<InetAddress> probed;
            if (from.agent() != null) {
                RemoteChecks.Remote r = remote.run(from.agent(), from.words());
                report = r.report();
                probed = r.probed();
            } else {
                report = checks.check(command, ChecklistProgress.NONE);
                probed = report.probedAddresses();
            }
            Audit.apiFinished(CALLER, text, report.verdict().cause().name(), report.verdict().team(), report.target(),
                    probed, checks.ticker().since(started).toMillis());
            return Response.ok(new JsonRenderer().render(report), MediaType.APPLICATION_JSON).build();
        } catch (TargetPolicy.Refused e) {
            Audit.apiRefusedByPolicy(CALLER, text, e.getMessage(), e.resolved(), checks.ticker().since(started).toMillis());
            return error(403, "refused by the target policy, nothing was sent: " + e.getMessage(), null);
        } catch (AgentException e) {
            Audit.apiFinished(CALLER, text, "AGENT_" + e.kind(), null, null, List.of(),
                    checks.ticker().since(started).toMillis());
            return error(switch (e.kind()) {
                case USAGE -> 400;
                case POLICY -> 403;
                case INTERNAL -> 502;
                default -> 503;
            }, e.getMessage(), null);
        } finally {
            slots.release();
        }
    }

    @GET
    @Path("/agents")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Connected agents", description = "Name, zone, labels, connected since, last heartbeat, version")
    @APIResponse(responseCode = "200", description = "{agents: [...]}")
    @APIResponse(responseCode = "401", description = "No or wrong bearer token")
    public Response agents(@HeaderParam("Authorization") String authorization) {
        if (!token.accepts(authorization)) {
            return error(401, "missing or wrong bearer token", null);
        }
        List<Map<String, Object>> list = agents.agents().stream().map(ChecksResource::agent).toList();
        return Response.ok(JSON.createObjectNode().set("agents", JSON.valueToTree(list)).toString(),
                MediaType.APPLICATION_JSON).build();
    }

    private static Map<String, Object> agent(AgentInfo a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("zone", a.zone());
        m.put("labels", a.labels());
        m.put("connectedSince", a.connectedSince().toString());
        m.put("lastHeartbeat", a.lastHeartbeat().toString());
        m.put("version", a.version());
        m.put("protocol", a.protocol());
        m.put("remote", a.remote());
        return m;
    }

    private static Response error(int status, String message, String usage) {
        var body = JSON.createObjectNode().put("error", message);
        if (usage != null) {
            body.put("usage", usage);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body.toString()).build();
    }
}
