package io.netcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcheck.render.ReportReader;
import io.netcheck.render.TextRenderer;
import io.netcheck.report.Report;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI's {@code --server URL}: the check runs on a running netcheck (with its agents) through the check API,
 * and prints the same text or JSON a local run prints, with the same exit statuses.
 */
public final class ServerClient {
    // An instance field, not a static one: split() runs for every CLI command and must not load Jackson.
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param words the command line without --server URL */
    public record Split(URI server, List<String> words) {
    }

    /** @return null when there is no --server; @throws IllegalArgumentException for a bad one */
    public static Split split(List<String> args) {
        URI server = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value;
            if (a.equals("--server")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--server needs a URL, e.g. --server https://netcheck.internal");
                }
                value = args.get(++i);
            } else if (a.startsWith("--server=")) {
                value = a.substring("--server=".length());
            } else {
                rest.add(a);
                continue;
            }
            if (server != null) {
                throw new IllegalArgumentException("--server is given twice");
            }
            try {
                server = URI.create(value.replaceAll("/+$", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--server '" + value + "' is not a URL");
            }
            if (server.getScheme() == null || !server.getScheme().matches("https?") || server.getHost() == null) {
                throw new IllegalArgumentException("--server '" + value + "' must be http(s)://HOST[:PORT]");
            }
        }
        return server == null ? null : new Split(server, rest);
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public int run(Split split, String token, ZoneId zone, PrintStream out, PrintStream err)
            throws InterruptedException {
        if (token == null || token.isBlank()) {
            err.println("netcheck: --server needs the API token in the environment: NETCHECK_API_TOKEN");
            return Cli.USAGE;
        }
        boolean json = split.words().contains("--json");
        String command = String.join(" ", split.words());
        HttpRequest request = HttpRequest.newBuilder(split.server().resolve("/api/v1/checks"))
                .header("Authorization", "Bearer " + token.strip())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(mapper.createObjectNode().put("command", command).toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("netcheck: cannot reach " + split.server() + ": " + (e.getMessage() == null ? e : e.getMessage()));
            return Cli.INTERNAL;
        }
        if (response.statusCode() != 200) {
            String message = response.body();
            String usage = null;
            try {
                JsonNode body = mapper.readTree(response.body());
                message = body.path("error").asText(message);
                usage = body.hasNonNull("usage") ? body.get("usage").asText() : null;
            } catch (IOException e) {
                // not JSON: print as is
            }
            err.println("netcheck: " + split.server() + " answered " + response.statusCode() + ": " + message);
            if (usage != null) {
                err.println(usage);
            }
            return switch (response.statusCode()) {
                case 400, 401, 403 -> Cli.USAGE;
                default -> Cli.INTERNAL;
            };
        }
        Report report;
        try {
            report = ReportReader.read(response.body());
        } catch (IllegalArgumentException e) {
            err.println("netcheck: " + split.server() + " sent " + e.getMessage());
            return Cli.INTERNAL;
        }
        out.print(json ? response.body().strip() + "\n" : new TextRenderer(zone).render(report));
        out.flush();
        return report.healthy() ? Cli.HEALTHY : Cli.FAULT;
    }
}
