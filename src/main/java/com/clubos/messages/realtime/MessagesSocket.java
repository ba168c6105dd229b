package com.clubos.messages.realtime;

import com.clubos.messages.auth.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Live events for staff browsers. The same JWT as the REST API authenticates the upgrade: as
 * {@code Authorization: Bearer …}, through {@code Sec-WebSocket-Protocol} (browsers), or as an
 * {@code access_token} query parameter. The socket closes with 1008 when the token expires.
 */
@WebSocket(path = "/ws/messages")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SUPPORT})
public class MessagesSocket {

    static final int POLICY_VIOLATION = 1008;

    private final RealtimeHub hub;
    private final SecurityIdentity identity;
    private final Vertx vertx;

    public MessagesSocket(RealtimeHub hub, SecurityIdentity identity, Vertx vertx) {
        this.hub = hub;
        this.identity = identity;
        this.vertx = vertx;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        closeWhenTokenExpires(connection);
        hub.register(connection);
    }

    @OnTextMessage
    public void receive(WebSocketConnection connection, String text) {
        hub.receive(connection, text);
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        hub.unregister(connection);
    }

    private void closeWhenTokenExpires(WebSocketConnection connection) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        long millis = Math.max(1, jwt.getExpirationTime() * 1000 - Instant.now().toEpochMilli());
        vertx.setTimer(millis, timer -> {
            if (connection.isOpen()) {
                connection.close(new CloseReason(POLICY_VIOLATION, "Token expired")).subscribe().with(ok -> { }, e -> { });
            }
        });
    }
}
