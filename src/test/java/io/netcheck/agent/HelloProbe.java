package io.netcheck.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A hand-made agent for AgentsLabIT: connects with a valid token but says hello with another protocol
 * version, and prints what the server answers. {@code HelloProbe URL NAME TOKEN PROTOCOL}; one line:
 * {@code message=...} then {@code close=CODE}.
 */
public final class HelloProbe {
    public static void main(String[] args) throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + args[2]).header(AgentProtocol.NAME_HEADER, args[1])
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(args[0].replaceFirst("^http", "ws") + AgentProtocol.PATH), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        first.complete(data.toString());
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                        closed.complete(code);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText(AgentMessage.encode(new AgentMessage.Hello(Integer.parseInt(args[3]), args[1], null,
                java.util.Map.of(), "test")), true).get(5, TimeUnit.SECONDS);
        System.out.println("message=" + first.get(10, TimeUnit.SECONDS));
        System.out.println("close=" + closed.get(10, TimeUnit.SECONDS));
    }
}
