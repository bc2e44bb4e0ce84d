package io.netcheck.agent;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The server end of agent connections, on the ordinary HTTP port ({@link AgentProtocol#PATH}). The token was
 * checked at the upgrade ({@link AgentUpgradeCheck}); here the hello's protocol version is, then heartbeats and
 * results flow.
 */
@WebSocket(path = AgentProtocol.PATH)
public class AgentEndpoint {
    private static final Logger LOG = Logger.getLogger(AgentEndpoint.class);

    @Inject
    AgentRegistry registry;

    @OnTextMessage
    void onMessage(WebSocketConnection connection, String text) {
        AgentMessage message;
        try {
            message = AgentMessage.decode(text);
        } catch (IllegalArgumentException e) {
            LOG.warnf("agent connection %s sent something unreadable: %s", connection.id(), e.getMessage());
            return;
        }
        String name = connection.handshakeRequest().header(AgentProtocol.NAME_HEADER);
        if (message instanceof AgentMessage.Hello hello) {
            String refusal = registry.hello(connection, name, hello);
            if (refusal != null) {
                LOG.warnf("refused agent %s: %s", name, refusal);
                connection.sendTextAndAwait(AgentMessage.encode(new AgentMessage.Refused(AgentProtocol.VERSION,
                        refusal)));
                connection.closeAndAwait(new CloseReason(AgentProtocol.REFUSED_CLOSE, "refused"));
            } else {
                connection.sendTextAndAwait(AgentMessage.encode(new AgentMessage.Welcome(AgentProtocol.VERSION,
                        registry.heartbeat().toMillis())));
            }
        } else if (message instanceof AgentMessage.Heartbeat) {
            registry.heartbeat(connection);
            connection.sendTextAndAwait(AgentMessage.encode(new AgentMessage.Heartbeat(System.currentTimeMillis())));
        } else if (message instanceof AgentMessage.Result result) {
            registry.result(connection, result);
        } else if (message instanceof AgentMessage.SideReady ready) {
            registry.sideReady(connection, ready);
        } else if (message instanceof AgentMessage.SideResult result) {
            registry.sideResult(connection, result);
        } else {
            LOG.debugf("agent %s sent a %s: ignored", name, message.getClass().getSimpleName());
        }
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        CloseReason reason = connection.closeReason();
        registry.closed(connection, reason == null ? "connection closed"
                : "closed, code " + reason.getCode() + (reason.getMessage() == null || reason.getMessage().isEmpty()
                ? "" : " " + reason.getMessage()));
    }

    @OnError
    void onError(WebSocketConnection connection, Throwable error) {
        LOG.debugf("agent connection %s: %s", connection.id(), error.toString());
    }
}
