package com.clubos.messages.realtime;

import com.clubos.messages.api.SessionEnded;
import com.clubos.messages.auth.Roles;
import com.clubos.messages.auth.StaffSessions;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Live events for staff browsers. The same JWT as the REST API authenticates the socket: as
 * {@code Authorization: Bearer …}, through {@code Sec-WebSocket-Protocol} (browsers), or as an
 * {@code access_token} query parameter. A missing, bad or expired token, or a role that may not
 * use the messages API, closes the socket with 1008 (policy violation) before anything is sent;
 * so does the token expiring during the session, or its account being deactivated or changed.
 */
@WebSocket(path = "/ws/messages")
public class MessagesSocket {

    static final int POLICY_VIOLATION = 1008;
    private static final Set<String> STAFF = Set.of(Roles.ADMIN, Roles.OPERATOR, Roles.SUPPORT);
    private static final String BEARER = "Bearer ";

    private final RealtimeHub hub;
    private final JWTParser parser;
    private final Vertx vertx;
    private final StaffSessions sessions;

    public MessagesSocket(RealtimeHub hub, JWTParser parser, Vertx vertx, StaffSessions sessions) {
        this.hub = hub;
        this.parser = parser;
        this.vertx = vertx;
        this.sessions = sessions;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        Optional<JsonWebToken> token = token(connection);
        if (token.isEmpty()) {
            refuse(connection, "Invalid or expired token");
            return;
        }
        if (token.get().getGroups().stream().noneMatch(STAFF::contains)) {
            refuse(connection, "Your role may not use this endpoint");
            return;
        }
        if (!sessions.stands(token.get())) {
            refuse(connection, SessionEnded.MESSAGE);
            return;
        }
        closeWhenExpired(connection, token.get());
        hub.register(connection, token.get());
    }

    @OnTextMessage
    public void receive(WebSocketConnection connection, String text) {
        hub.receive(connection, text);
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        hub.unregister(connection);
    }

    /** The verified token of the upgrade request (the subprotocol and query forms arrive as this header). */
    private Optional<JsonWebToken> token(WebSocketConnection connection) {
        String header = connection.handshakeRequest().header("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(header.substring(BEARER.length()).strip()));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static void refuse(WebSocketConnection connection, String reason) {
        connection.close(new CloseReason(POLICY_VIOLATION, reason)).subscribe().with(ok -> {}, e -> {});
    }

    private void closeWhenExpired(WebSocketConnection connection, JsonWebToken token) {
        if (token.getExpirationTime() <= 0) {
            return;
        }
        long millis =
                Math.max(1, token.getExpirationTime() * 1000 - Instant.now().toEpochMilli());
        vertx.setTimer(millis, timer -> {
            if (connection.isOpen()) {
                refuse(connection, "Token expired");
            }
        });
    }
}
