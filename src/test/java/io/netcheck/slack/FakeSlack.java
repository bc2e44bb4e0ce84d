package io.netcheck.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local stand-in for Slack: the Web API (checks the bearer token, records every call with its
 * arguments, serves the upload URL), response_url endpoints, and a Socket Mode WebSocket. Faults can be
 * queued per method: HTTP 429 with Retry-After, HTTP 500, a Slack error such as not_in_channel, or a call
 * that hangs without an answer.
 */
public final class FakeSlack implements AutoCloseable {
    public static final String BOT_TOKEN = "xoxb-test-bot-token";
    public static final String APP_TOKEN = "xapp-test-app-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param atNanos when the call arrived ({@link System#nanoTime()}) */
    public record Call(String method, Map<String, String> params, String token, int status, long atNanos) {
        Call(String method, Map<String, String> params, String token, int status) {
            this(method, params, token, status, System.nanoTime());
        }

        public String param(String name) {
            return params.get(name);
        }

        /** All text in the call's blocks argument, decoded (the SDK escapes &lt; and &gt; in JSON). */
        public String blockText() {
            String blocks = params.get("blocks");
            if (blocks == null) {
                return "";
            }
            try {
                StringBuilder sb = new StringBuilder();
                JSON.readTree(blocks).findValues("text").forEach(t -> sb.append(t.isTextual() ? t.asText()
                        : t.path("text").asText()).append('\n'));
                JSON.readTree(blocks).findValues("value").forEach(v -> sb.append(v.asText()).append('\n'));
                JSON.readTree(blocks).findValues("action_id").forEach(v -> sb.append(v.asText()).append('\n'));
                return sb.toString();
            } catch (IOException e) {
                return blocks;
            }
        }

        /** A boolean argument: Slack takes "true" or "1". */
        public boolean flag(String name) {
            return "true".equals(params.get(name)) || "1".equals(params.get(name));
        }
    }

    public record Upload(String fileId, byte[] bytes) {
    }

    private sealed interface Fault permits RateLimit, ServerError, SlackError, Hang {
    }

    private record RateLimit(int retryAfterSeconds) implements Fault {
    }

    private record ServerError() implements Fault {
    }

    private record SlackError(String error) implements Fault {
    }

    private record Hang(Duration hold) implements Fault {
    }

    /** A queued fault and which calls of its method it applies to. */
    private record Queued(Fault fault, Predicate<Map<String, String>> applies) {
    }

    /** Status recorded for a call that got no HTTP answer at all. */
    public static final int NO_ANSWER = 0;

    private final HttpServer http;
    private final java.util.concurrent.ExecutorService executor;
    private final SocketServer socket;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final List<JsonNode> responses = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Queued>> faults = new ConcurrentHashMap<>();
    /** Released by reset() and close(), so a held call never outlives its test. */
    private volatile java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    private final AtomicInteger ids = new AtomicInteger(1000);

    public FakeSlack() throws IOException, InterruptedException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        http.createContext("/api/", this::api);
        http.createContext("/upload/", this::upload);
        http.createContext("/response/", this::response);
        http.createContext("/_calls", this::dumpCalls);
        executor = java.util.concurrent.Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-slack");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.start();
        socket = new SocketServer();
        socket.start();
        socket.started.await();
    }

    public String apiUrl() {
        return base() + "/api/";
    }

    public String responseUrl(String id) {
        return base() + "/response/" + id;
    }

    private String base() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    // --- faults ---------------------------------------------------------------------------------------

    public void rateLimitNext(String method, int retryAfterSeconds) {
        queue(method, new RateLimit(retryAfterSeconds));
    }

    public void serverErrorNext(String method) {
        queue(method, new ServerError());
    }

    public void slackErrorNext(String method, String error) {
        queue(method, new SlackError(error));
    }

    /** As {@link #slackErrorNext(String, String)}, for the next call of {@code method} whose arguments match. */
    public void slackErrorNext(String method, String error, Predicate<Map<String, String>> which) {
        queue(method, new SlackError(error), which);
    }

    /**
     * The next call of {@code method} gets no answer: the fake reads the request, does nothing with it (Slack
     * never acted on it — nothing is posted), holds the connection silent for {@code hold}, then closes it
     * without a response. With a {@code hold} longer than the client's timeout the client gives up first.
     * Recorded with status {@link #NO_ANSWER}, so {@link #accepted} does not count it.
     */
    public void hangNext(String method, Duration hold) {
        hangNext(method, hold, params -> true);
    }

    /** As {@link #hangNext(String, Duration)}, for the next call of {@code method} whose arguments match. */
    public void hangNext(String method, Duration hold, Predicate<Map<String, String>> which) {
        queue(method, new Hang(hold), which);
    }

    private void queue(String method, Fault fault) {
        queue(method, fault, params -> true);
    }

    private void queue(String method, Fault fault, Predicate<Map<String, String>> applies) {
        faults.computeIfAbsent(method, m -> new ConcurrentLinkedDeque<>()).add(new Queued(fault, applies));
    }

    /** Takes the first queued fault of the method that applies to this call, or null. */
    private Fault take(String method, Map<String, String> params) {
        Deque<Queued> queued = faults.get(method);
        if (queued == null) {
            return null;
        }
        for (Queued q : queued) {
            if (q.applies().test(params) && queued.remove(q)) {
                return q.fault();
            }
        }
        return null;
    }

    // --- what happened --------------------------------------------------------------------------------

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method.equals(method)).toList();
    }

    /** Calls of a method that Slack accepted (HTTP 200, ok). */
    public List<Call> accepted(String method) {
        return calls(method).stream().filter(c -> c.status == 200 && !"error".equals(c.params.get("__fault")))
                .toList();
    }

    public List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    public List<JsonNode> responseUrlPosts() {
        return List.copyOf(responses);
    }

    public void reset() {
        calls.clear();
        uploads.clear();
        responses.clear();
        faults.clear();
        release.countDown();
        release = new java.util.concurrent.CountDownLatch(1);
        socket.acks.clear();
        socket.ackBodies.clear();
    }

    /** Waits until no call has arrived for {@code quiet}: runs from one test must not spill into the next. */
    public void awaitQuiet(Duration quiet, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        int seen = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < until) {
            int now = calls.size() + responses.size();
            if (now != seen) {
                seen = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since >= quiet.toNanos()) {
                return;
            }
            Thread.sleep(20);
        }
    }

    /** Waits until a condition on the recorded state holds, or fails with what was recorded. */
    public void await(String what, Duration timeout, Predicate<FakeSlack> condition) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (condition.test(this)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for " + what + "; calls: " + calls.stream()
                .map(c -> c.method + "(" + c.status + ")").toList() + ", response_url posts: " + responses.size()
                + (calls.isEmpty() ? "" : "; last call's parameters: " + calls.get(calls.size() - 1).params.keySet()
                + " reply_broadcast=" + calls.get(calls.size() - 1).params.get("reply_broadcast")));
    }

    // --- HTTP handlers --------------------------------------------------------------------------------

    private void api(HttpExchange ex) throws IOException {
        String method = ex.getRequestURI().getPath().substring("/api/".length());
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = parse(body, ex.getRequestHeaders().getFirst("Content-Type"));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : params.get("token");
        boolean valid = method.equals("apps.connections.open") ? APP_TOKEN.equals(token)
                : method.equals("auth.test") ? APP_TOKEN.equals(token) || BOT_TOKEN.equals(token)
                : BOT_TOKEN.equals(token);
        if (!valid) {
            calls.add(new Call(method, params, token, 200));
            reply(ex, 200, Map.of("ok", false, "error", "invalid_auth"));
            return;
        }
        Fault fault = take(method, params);
        if (fault instanceof Hang hang) {
            Map<String, String> marked = new LinkedHashMap<>(params);
            marked.put("__fault", "hang");
            calls.add(new Call(method, marked, token, NO_ANSWER));
            try {
                release.await(hang.hold().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close(); // no status line, no body: the client sees the connection end
            return;
        }
        if (fault instanceof RateLimit rl) {
            calls.add(new Call(method, params, token, 429));
            ex.getResponseHeaders().add("Retry-After", String.valueOf(rl.retryAfterSeconds()));
            reply(ex, 429, Map.of("ok", false, "error", "ratelimited"));
            return;
        }
        if (fault instanceof ServerError) {
            calls.add(new Call(method, params, token, 500));
            reply(ex, 500, Map.of("ok", false, "error", "internal_error"));
            return;
        }
        if (fault instanceof SlackError se) {
            Map<String, String> marked = new LinkedHashMap<>(params);
            marked.put("__fault", "error");
            calls.add(new Call(method, marked, token, 200));
            reply(ex, 200, Map.of("ok", false, "error", se.error()));
            return;
        }
        calls.add(new Call(method, params, token, 200));
        reply(ex, 200, answer(method, params));
    }

    private Map<String, Object> answer(String method, Map<String, String> params) {
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("ok", true);
        switch (method) {
            case "auth.test" -> {
                ok.put("url", "https://fake.slack.test/");
                ok.put("team", "Fake");
                ok.put("user", "netcheck");
                ok.put("team_id", "T0FAKE");
                ok.put("user_id", "U0BOT");
                ok.put("bot_id", "B0BOT");
            }
            case "chat.postMessage", "chat.update" -> {
                String ts = method.equals("chat.update") ? params.get("ts")
                        : "1700000000." + String.format("%06d", ids.incrementAndGet());
                ok.put("channel", params.get("channel"));
                ok.put("ts", ts);
                ok.put("message", Map.of("text", String.valueOf(params.get("text")), "ts", ts));
            }
            case "files.getUploadURLExternal" -> {
                String id = "F" + ids.incrementAndGet();
                ok.put("upload_url", base() + "/upload/" + id);
                ok.put("file_id", id);
            }
            case "files.completeUploadExternal" -> {
                List<Map<String, Object>> files = new ArrayList<>();
                try {
                    for (JsonNode f : JSON.readTree(params.getOrDefault("files", "[]"))) {
                        files.add(Map.of("id", f.get("id").asText(), "title", f.path("title").asText("")));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                ok.put("files", files);
            }
            case "chat.getPermalink" -> ok.put("permalink", "https://fake.slack.test/archives/" + params.get("channel")
                    + "/p" + String.valueOf(params.get("message_ts")).replace(".", ""));
            case "files.info" -> ok.put("file", Map.of("id", String.valueOf(params.get("file"))));
            case "usergroups.users.list" -> ok.put("users", "S0NETOPS".equals(params.get("usergroup"))
                    ? List.of("U0NETLEAD") : List.of());
            case "apps.connections.open" -> ok.put("url", "ws://127.0.0.1:" + socket.getPort() + "/link");
            default -> {
            }
        }
        return ok;
    }

    /** For tests that run the fake in another process (a lab namespace): what was recorded, as JSON. */
    private void dumpCalls(HttpExchange ex) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Call c : calls) {
            out.add(Map.of("method", c.method, "status", c.status, "params", c.params, "blockText", c.blockText()));
        }
        List<Map<String, Object>> files = new ArrayList<>();
        for (Upload u : uploads) {
            files.add(Map.of("fileId", u.fileId(), "size", u.bytes().length,
                    "magic", u.bytes().length >= 4 ? String.format("%02x%02x%02x%02x", u.bytes()[0], u.bytes()[1],
                            u.bytes()[2], u.bytes()[3]) : ""));
        }
        reply(ex, 200, Map.of("calls", out, "uploads", files, "responses", responses));
    }

    private void upload(HttpExchange ex) throws IOException {
        String id = ex.getRequestURI().getPath().substring("/upload/".length());
        uploads.add(new Upload(id, ex.getRequestBody().readAllBytes()));
        byte[] ok = ("OK - " + id).getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, ok.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(ok);
        }
    }

    private void response(HttpExchange ex) throws IOException {
        responses.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
        byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, ok.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(ok);
        }
    }

    private static Map<String, String> parse(String body, String contentType) {
        Map<String, String> params = new LinkedHashMap<>();
        if (contentType != null && contentType.contains("json")) {
            try {
                JSON.readTree(body).fields().forEachRemaining(e -> params.put(e.getKey(),
                        e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            } catch (IOException e) {
                params.put("__unparsed", body);
            }
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v);
        }
        return params;
    }

    private static void reply(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    // --- Socket Mode ----------------------------------------------------------------------------------

    /** Sends an envelope to every connected Socket Mode client, as Slack would. */
    public void sendEnvelope(String json) {
        socket.broadcast(json);
    }

    public int socketClients() {
        return socket.getConnections().size();
    }

    /** The acks as sent, with their response payloads. */
    public List<String> ackBodies() {
        return List.copyOf(socket.ackBodies);
    }

    /** Envelope ids the app acknowledged. */
    public List<String> acks() {
        return List.copyOf(socket.acks);
    }

    private static final class SocketServer extends WebSocketServer {
        final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        final List<String> acks = new CopyOnWriteArrayList<>();
        final List<String> ackBodies = new CopyOnWriteArrayList<>();

        SocketServer() {
            super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\"},"
                    + "\"connection_info\":{\"app_id\":\"A0FAKE\"}}");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                JsonNode node = JSON.readTree(message);
                if (node.has("envelope_id")) {
                    acks.add(node.get("envelope_id").asText());
                    ackBodies.add(message);
                }
            } catch (IOException ignored) {
                // not an ack
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    @Override
    public void close() throws Exception {
        release.countDown();
        http.stop(0);
        executor.shutdownNow();
        socket.stop(500);
    }
}
