package com.clubos.messages.realtime;

import com.clubos.messages.api.SessionEnded;
import com.clubos.messages.auth.Roles;
import com.clubos.messages.auth.StaffSessions;
import com.clubos.messages.auth.StaffSessionsEnded;
import com.clubos.messages.line.LineAccess;
import com.clubos.messages.line.LineScope;
import com.clubos.messages.tracing.StoredTraceContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The browsers connected to this replica and what each wants: the conversation list (every
 * conversation's changes) and/or particular conversations. Sends never block: a client that falls
 * too far behind is told to resync and gets nothing more until it resumes.
 */
@ApplicationScoped
@Startup // so the sessions gauge exists before the first connection
public class RealtimeHub {

    private static final Logger LOG = Logger.getLogger(RealtimeHub.class);
    private static final int SERVICE_RESTART = 1012;

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final EventRenderer renderer;
    private final RealtimeConfig config;
    private final ObjectMapper mapper;
    private final StaffSessions sessions;
    private final LineAccess lineAccess;
    private final Tracer tracer;

    public RealtimeHub(
            EventRenderer renderer,
            RealtimeConfig config,
            ObjectMapper mapper,
            MeterRegistry metrics,
            StaffSessions sessions,
            LineAccess lineAccess,
            Tracer tracer) {
        this.lineAccess = lineAccess;
        this.tracer = tracer;
        this.renderer = renderer;
        this.config = config;
        this.mapper = mapper;
        this.sessions = sessions;
        metrics.gaugeMapSize("clubos.websocket.sessions", List.of(), clients);
    }

    static final class Client {
        final WebSocketConnection connection;
        final JsonWebToken token;
        /** Admins also receive admin-only events (import progress). */
        final boolean admin;
        /** Admins and operators also receive campaign progress of their lines. */
        final boolean manager;
        /** The lines whose events it may receive; recomputed when an admin changes the account. */
        volatile LineScope scope;

        volatile boolean list = true;
        final Set<Long> conversations = ConcurrentHashMap.newKeySet();
        final AtomicInteger pending = new AtomicInteger();
        final AtomicBoolean overflowed = new AtomicBoolean();
        /** Seqs its last resume replayed: a broadcast of one of them later (a sweep) is not sent again. */
        final Set<Long> replayed = ConcurrentHashMap.newKeySet();

        Client(WebSocketConnection connection, JsonWebToken token, LineScope scope) {
            this.connection = connection;
            this.token = token;
            this.admin = token.getGroups() != null && token.getGroups().contains(Roles.ADMIN);
            this.manager =
                    admin || (token.getGroups() != null && token.getGroups().contains(Roles.OPERATOR));
            this.scope = scope;
        }

        boolean wants(EventRenderer.Rendered event) {
            switch (event.audience()) {
                case ADMINS -> {
                    return admin;
                }
                case MANAGERS -> {
                    return manager && scope.sees(event.line());
                }
                default -> {
                    // a conversation's event: below
                }
            }
            return scope.sees(event.line()) && (list || conversations.contains(event.conversationId()));
        }
    }

    void register(WebSocketConnection connection, JsonWebToken token) {
        clients.put(connection.id(), new Client(connection, token, lineAccess.scopeOf(token)));
        long latest = QuarkusTransaction.requiringNew().call(ChangeEvent::latestSeq);
        send(clients.get(connection.id()), renderer.write(Map.of("type", "hello", "seq", latest)));
    }

    void unregister(WebSocketConnection connection) {
        clients.remove(connection.id());
    }

    public int connected() {
        return clients.size();
    }

    /** A message from the browser: subscribe, resume, or ping. */
    void receive(WebSocketConnection connection, String text) {
        Client client = clients.get(connection.id());
        if (client == null) {
            return;
        }
        JsonNode message;
        try {
            message = mapper.readTree(text);
        } catch (Exception e) {
            send(client, error("Messages must be JSON objects with a type"));
            return;
        }
        switch (message.path("type").asText()) {
            case "subscribe" -> subscribe(client, message);
            case "resume" -> resume(client, message.path("after").asLong(-1));
            case "ping" -> send(client, renderer.write(Map.of("type", "pong")));
            default -> send(client, error("Unknown type; use subscribe, resume or ping"));
        }
    }

    private void subscribe(Client client, JsonNode message) {
        if (message.has("list")) {
            client.list = message.path("list").asBoolean(true);
        }
        if (message.has("conversations")) {
            client.conversations.clear();
            message.path("conversations").forEach(id -> client.conversations.add(id.asLong()));
        }
        send(
                client,
                renderer.write(
                        Map.of("type", "subscribed", "list", client.list, "conversations", client.conversations)));
    }

    /** Replays from the change feed what the client missed since {@code after}. */
    private void resume(Client client, long after) {
        if (after < 0) {
            send(client, error("resume needs \"after\": the last seq received"));
            return;
        }
        List<ChangeEvent> missed =
                QuarkusTransaction.requiringNew().call(() -> ChangeEvent.after(after, config.maxReplay() + 1));
        client.overflowed.set(false);
        if (missed.size() > config.maxReplay()) {
            send(client, renderer.write(Map.of("type", "resync", "reason", "too many missed events")));
            return;
        }
        client.replayed.clear();
        for (EventRenderer.Rendered event : renderer.render(missed)) {
            if (client.wants(event)) {
                client.replayed.add(event.seq());
                send(client, event.json());
            }
        }
        send(client, renderer.write(Map.of("type", "resumed", "after", after, "replayed", missed.size())));
    }

    /** Pushes committed changes to every interested client of this replica. */
    void publish(List<ChangeEvent> changes) {
        if (clients.isEmpty() || changes.isEmpty()) {
            return;
        }
        Map<Long, String> traces = new HashMap<>();
        changes.stream().filter(c -> c.traceParent != null).forEach(c -> traces.put(c.seq, c.traceParent));
        for (EventRenderer.Rendered event : renderer.render(changes)) {
            Span span = pushSpan(event, traces.get(event.seq()));
            try (Scope ignored = span.makeCurrent()) {
                int reached = 0;
                for (Client client : clients.values()) {
                    if (client.wants(event) && !client.replayed.remove(event.seq())) {
                        send(client, event.json());
                        reached++;
                    }
                }
                span.setAttribute("clubos.clients", reached);
            } finally {
                span.end();
            }
        }
    }

    /** A push continues the trace of the request that made the change; changes made outside one are not traced. */
    private Span pushSpan(EventRenderer.Rendered event, String traceParent) {
        if (traceParent == null) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder("websocket push")
                .setParent(StoredTraceContext.parentOf(traceParent))
                .setAttribute("clubos.change.seq", event.seq())
                .startSpan();
    }

    /** On shutdown: tell clients to reconnect (to another replica) and close with 1012, service restart. */
    void closeAll(@Observes ShutdownEvent event) {
        String hint = renderer.write(Map.of("type", "reconnect", "reason", "server restarting"));
        clients.values()
                .forEach(client -> client.connection
                        .sendText(hint)
                        .chain(() -> client.connection.close(new CloseReason(SERVICE_RESTART, "Server restarting")))
                        .subscribe()
                        .with(ok -> {}, failure -> {}));
    }

    /** Closes the sockets whose session just ended (after {@link StaffSessions} forgot the old state). */
    void endSessions(@Observes @Priority(10) StaffSessionsEnded ended) {
        for (Client client : clients.values()) {
            boolean concerned = ended.staffId() == null || ended.staffId().equals(client.token.getName());
            if (!concerned || !StaffSessions.issuedByUs(client.token)) {
                continue;
            }
            if (!sessions.stands(client.token)) {
                client.connection
                        .close(new CloseReason(MessagesSocket.POLICY_VIOLATION, SessionEnded.MESSAGE))
                        .subscribe()
                        .with(ok -> {}, failure -> {});
            } else {
                client.scope = lineAccess.scopeOf(client.token); // e.g. an admin gave them another line
            }
        }
    }

    /** Tells every client to reload: used when this replica may have missed changes. */
    void resyncAll(String reason) {
        clients.values().forEach(client -> send(client, renderer.write(Map.of("type", "resync", "reason", reason))));
    }

    private void send(Client client, String json) {
        if (client.overflowed.get()) {
            return;
        }
        if (client.pending.incrementAndGet() > config.maxPendingPerConnection()) {
            client.overflowed.set(true);
            client.pending.decrementAndGet();
            LOG.debugf("WebSocket %s fell behind: told to resync", client.connection.id());
            // Once the notice is written (and so everything before it: writes complete in order),
            // push again. What was dropped meanwhile committed before the client reads the notice and
            // reloads, so the reload covers it; without this the socket stayed silent until a resume,
            // which the page never sends after a resync.
            client.connection
                    .sendText(renderer.write(Map.of("type", "resync", "reason", "too slow")))
                    .subscribe()
                    .with(ok -> client.overflowed.set(false), failure -> {});
            return;
        }
        client.connection
                .sendText(json)
                .subscribe()
                .with(ok -> client.pending.decrementAndGet(), failure -> client.pending.decrementAndGet());
    }

    private String error(String message) {
        return renderer.write(Map.of("type", "error", "error", message));
    }
}
