package io.netcheck.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.netcheck.Checks;
import io.netcheck.agent.AgentException;
import io.netcheck.agent.AgentInfo;
import io.netcheck.agent.AgentRegistry;
import io.netcheck.agent.AgentRouting;
import io.netcheck.agent.FromOption;
import io.netcheck.agent.RemoteChecks;
import io.netcheck.check.ChecklistProgress;
import io.netcheck.command.Command;
import io.netcheck.command.CommandParser;
import io.netcheck.command.CompareOption;
import io.netcheck.command.UsageException;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.diff.Baselines;
import io.netcheck.diff.SinceLastWorked;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.render.JsonRenderer;
import io.netcheck.report.Report;
import io.netcheck.schedule.StoredBaselines;
import io.netcheck.slack.Audit;
import io.netcheck.slack.Authorization;
import io.netcheck.slack.CommandTargets;
import io.netcheck.store.WatchStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/v1/checks} and {@code GET /api/v1/agents}, for tools and the CLI's {@code --server}. The same
 * gate as Slack: the grammar and its limits, the calling token's grants ({@link ApiTokens}) and netcheck.auth.*
 * (the caller is the user {@code api}), the target policy, a bound on checks at once, and an audit line naming the
 * token for every call.
 */
@Path("/api/v1")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A token of NETCHECK_API_TOKENS (each with the commands it may run) or NETCHECK_API_TOKEN")
@SecurityRequirement(name = "bearer")
@Singleton
public class ChecksResource {
    /** Who the API caller is for netcheck.auth.* (e.g. netcheck.auth.listen.users=api) and the audit log. */
    public static final String CALLER = "api";
    /** Commands that change something on the host, or belong to a channel: not for the API. */
    private static final Set<String> NOT_HERE = Set.of("watch", "summary", "help", "listen");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(ChecksResource.class);

    private final ApiTokens tokens;
    private final Semaphore slots;
    private final Authorization authorization;
    private final CommandParser parser;
    private final MeterRegistry registry;
    private final ZoneId zone;
    private final boolean storeEnabled;
    /** NETCHECK_API_TOKENS was refused at start (said in the log). */
    private final boolean invalid;

    @Inject
    Instance<WatchStore> store;
    @Inject
    Checks checks;
    @Inject
    RemoteChecks remote;
    @Inject
    AgentRegistry agents;

    @Inject
    AgentRouting routing;
    @Inject
    TargetPolicy policy;

    @Inject
    public ChecksResource(NetcheckConfig config, Clock clock, CommandParser parser, MeterRegistry registry) {
        this.parser = parser;
        this.registry = registry;
        ApiTokens parsed;
        boolean invalid = false;
        try {
            parsed = ApiTokens.parse(config.api().tokens().orElse(null), config.api().token().orElse(null),
                    parser.verbs().stream().filter(v -> !NOT_HERE.contains(v)).toList());
        } catch (IllegalArgumentException e) {
            // As for the agents' tokens: said once, and the API refuses every call (fail closed); the rest runs on.
            LOG.error(e.getMessage() + ": the check API refuses every call until it is fixed");
            parsed = ApiTokens.parse(null, null, List.of());
            invalid = true;
        }
        this.tokens = parsed;
        this.invalid = invalid;
        this.zone = ZoneId.of(config.summary().zone());
        this.storeEnabled = config.store().enabled();
        this.slots = new Semaphore(Math.max(1, config.api().maxConcurrent()));
        // No Slack user groups for an API caller: only netcheck.auth.<command>.users=api grants by name.
        this.authorization = new Authorization(config.auth(), group -> Set.of(), clock);
    }

    /** Built at start, so a bad NETCHECK_API_TOKENS is logged then, not at the first call. */
    void start(@Observes StartupEvent event) {
        LOG.debugf("check API tokens: %s", tokens.names());
    }

    @POST
    @Path("/checks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a check", description = "Runs a check (here, or on an agent with --from AGENT) and "
            + "returns the JSON report, the same object as the CLI's --json. With --compare, the report is compared "
            + "with the target's last healthy one kept by this server (a healthy one is kept), as in Slack.")
    @APIResponse(responseCode = "200", description = "The report (verdict, steps with packet lines, capture, evidence)")
    @APIResponse(responseCode = "400", description = "Bad command: {error, usage}")
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    @APIResponse(responseCode = "403", description = "This token may not run this command (or --from), not authorised "
            + "by netcheck.auth, or refused by a target policy: {error}")
    @APIResponse(responseCode = "429", description = "Too many checks running")
    @APIResponse(responseCode = "503", description = "The agent is not connected, went away, is busy or timed out")
    public Response check(@HeaderParam("Authorization") String authorization,
                          @RequestBody(content = @Content(schema = @Schema(implementation = CheckRequest.class)))
                          String body) throws InterruptedException {
        Optional<ApiTokens.Grant> caller = tokens.caller(authorization);
        if (caller.isEmpty()) {
            return unauthenticated(null);
        }
        ApiTokens.Grant grant = caller.get();
        String who = CALLER + ":" + grant.name();
        // The body is read here (no JSON provider in the REST layer): {"command": "..."}.
        CheckRequest request;
        try {
            request = body == null || body.isBlank() ? null : JSON.readValue(body, CheckRequest.class);
        } catch (IOException e) {
            refused("input", grant);
            return error(400, "the body must be JSON: {\"command\": \"tcp 10.0.0.5:443\"}", null);
        }
        String text = request == null || request.command() == null ? "" : request.command().strip();
        CompareOption compare = CompareOption.split(Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList());
        List<String> words = compare.words();
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
            Audit.apiDecision(who, text, "refused", e.getMessage());
            refused("input", grant);
            return error(400, e.getMessage(), e.usage());
        }
        String verb = from.words().get(0);
        String notGranted = grant.refusal(verb, from.agent() != null);
        if (notGranted != null) {
            Audit.apiDecision(who, text, "refused", notGranted);
            refused("grant", grant);
            return error(403, notGranted, null);
        }
        // netcheck.auth.* as for Slack, the caller being the user "api" whichever token it holds.
        String forbidden = this.authorization.refusal(verb, CALLER, "api");
        if (forbidden != null) {
            Audit.apiDecision(who, text, "refused", forbidden);
            refused("auth", grant);
            return error(403, forbidden.replace("`", ""), null);
        }
        String refused = CommandTargets.refusedLiteral(command, policy);
        if (refused != null) {
            Audit.apiDecision(who, text, "refused", refused);
            refused("policy", grant);
            return error(403, "refused by the target policy, nothing was sent: " + refused, null);
        }
        if (!slots.tryAcquire()) {
            Audit.apiDecision(who, text, "refused", "busy");
            refused("busy", grant);
            return error(429, "netcheck is busy: " + "netcheck.api.max-concurrent checks are running", null);
        }
        Audit.apiDecision(who, text, "accepted", null);
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
            if (compare.compare()) {
                report = lastWorked().note(report, true);
            }
            Audit.apiFinished(who, text, report.verdict().cause().name(), report.verdict().team(), report.target(),
                    probed, checks.ticker().since(started).toMillis());
            return Response.ok(new JsonRenderer().render(report), MediaType.APPLICATION_JSON).build();
        } catch (TargetPolicy.Refused e) {
            refused("policy", grant);
            Audit.apiRefusedByPolicy(who, text, e.getMessage(), e.resolved(), checks.ticker().since(started).toMillis());
            return error(403, "refused by the target policy, nothing was sent: " + e.getMessage(), null);
        } catch (AgentException e) {
            Audit.apiFinished(who, text, "AGENT_" + e.kind(), null, null, List.of(),
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
    @APIResponse(responseCode = "401", description = "No or unknown bearer token")
    public Response agents(@HeaderParam("Authorization") String authorization) {
        if (tokens.caller(authorization).isEmpty()) {
            return unauthenticated("agents");
        }
        List<Map<String, Object>> list = new ArrayList<>(agents.agents().stream().map(ChecksResource::agent).toList());
        // Connected to other replicas: what the store knows of them (jobs for them are relayed there).
        routing.elsewhere().forEach(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("replica", a.replica());
            m.put("connectedSince", a.connectedSince().toString());
            list.add(m);
        });
        return Response.ok(JSON.createObjectNode().set("agents", JSON.valueToTree(list)).toString(),
                MediaType.APPLICATION_JSON).build();
    }

    /** 401: no token, or none of the configured ones; the audit line says which endpoint, never what was sent. */
    private Response unauthenticated(String what) {
        Audit.apiDecision(CALLER, what, "refused", "no or unknown bearer token");
        registry.counter("netcheck.api.refused", "reason", "token", "token", "none").increment();
        return error(401, tokens.configured() ? "missing or unknown bearer token"
                : invalid ? "the check API is off: the server's NETCHECK_API_TOKENS is invalid (see its log)"
                : "the check API is off: set NETCHECK_API_TOKENS (or NETCHECK_API_TOKEN) on the server", null);
    }

    /** Refusals by kind ({@code token}, {@code input}, {@code grant}, {@code auth}, {@code policy}, {@code busy}) and token name. */
    private void refused(String reason, ApiTokens.Grant grant) {
        registry.counter("netcheck.api.refused", "reason", reason, "token", grant.name()).increment();
    }

    /** --compare: the last healthy results are the watch store's, as for Slack (none when the store is off). */
    private SinceLastWorked lastWorked() {
        return new SinceLastWorked(storeEnabled ? new StoredBaselines(store.get()) : Baselines.NONE, zone);
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
