package io.netcheck.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.netcheck.config.NetcheckConfig;

/**
 * HTTP mode: slash commands and button clicks arrive here. The raw body is handed to Bolt, which checks
 * the v0 signature and its 5-minute window (401 and nothing run otherwise) and dispatches to the handlers.
 * <p>
 * The method is not {@code @Blocking}: RESTEasy then reads the (small) body on the I/O thread before calling it,
 * and Bolt runs on a worker thread only once the whole request is in memory. A blocking method was dispatched to
 * a worker as soon as the headers were parsed, and the worker then waited for the I/O thread to hand it the body:
 * in a burst of 300 commands most of the server's time per request was that wait (bench/slack-bench.sh, JFR).
 */
@Path("/slack/events")
public class SlackEventsResource {
    @Inject
    SlackBot bot;

    private volatile SlackRequestParser parser;

    @POST
    public Uni<Response> events(String body, @Context HttpHeaders headers, @Context UriInfo uri) {
        if (bot.mode() != NetcheckConfig.SlackMode.HTTP) {
            return Uni.createFrom().item(Response.status(404).entity("Slack HTTP mode is not enabled").build());
        }
        App app = bot.httpApp();
        if (app == null) {
            // Still connecting: Slack retries, and the user sees Slack's own timeout message meanwhile.
            return Uni.createFrom().item(Response.status(503)
                    .entity("netcheck is not connected to Slack yet: " + bot.problem()).build());
        }
        if (!fresh(headers.getHeaderString("X-Slack-Request-Timestamp"))) {
            // Bolt only rejects old timestamps; one from the future would keep a captured request replayable.
            return Uni.createFrom().item(Response.status(401).entity("invalid request timestamp").build());
        }
        // Copied here, on the request's thread: the request-scoped views are not for the worker.
        Map<String, List<String>> headerMap = new HashMap<>();
        headers.getRequestHeaders().forEach((k, v) -> headerMap.put(k, List.copyOf(v)));
        Map<String, List<String>> query = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> query.put(k, List.copyOf(v)));
        SlackRequestParser.HttpRequest request = SlackRequestParser.HttpRequest.builder()
                .requestUri(uri.getPath()).queryString(query).headers(new RequestHeaders(headerMap))
                .requestBody(body == null ? "" : body).build();
        return Uni.createFrom().item(() -> answer(app, request))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Response answer(App app, SlackRequestParser.HttpRequest request) {
        com.slack.api.bolt.response.Response answer;
        try {
            answer = app.run(parser(app).parse(request));
        } catch (Exception e) {
            throw new IllegalStateException("Slack request failed: " + e.getMessage(), e);
        }
        Response.ResponseBuilder out = Response.status(answer.getStatusCode());
        if (answer.getHeaders() != null) {
            answer.getHeaders().forEach((k, values) -> values.forEach(v -> out.header(k, v)));
        }
        if (answer.getContentType() != null) {
            out.type(answer.getContentType());
        }
        return out.entity(answer.getBody() == null ? "" : answer.getBody()).build();
    }

    /** Slack's window: the request timestamp within five minutes of now, either way. */
    static boolean fresh(String timestamp) {
        try {
            long skew = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp.trim()));
            return skew <= 300;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private SlackRequestParser parser(App app) {
        SlackRequestParser p = parser;
        if (p == null) {
            p = new SlackRequestParser(app.config());
            parser = p;
        }
        return p;
    }
}
