package com.clubos.messages.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) that collects the JSON events the server pushes. */
public final class SocketClient implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private WebSocket socket;

    private SocketClient() {}

    /** Connects with optional headers (name, value, …) and subprotocols; fails if the upgrade is refused. */
    public static SocketClient connect(URI uri, List<String> headers, String... subprotocols) throws Exception {
        SocketClient client = new SocketClient();
        WebSocket.Builder builder =
                HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            builder.header(headers.get(i), headers.get(i + 1));
        }
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        client.socket = builder.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    public static SocketClient withBearer(URI uri, String token) throws Exception {
        return connect(uri, List.of("Authorization", "Bearer " + token));
    }

    public static URI socketUri(java.net.URL httpUrl) {
        return URI.create(httpUrl.toString().replaceFirst("^http", "ws"));
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                events.add(MAPPER.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException("Server sent something that is not JSON: " + partial, e);
            } finally {
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next event matching {@code match}, skipping others; fails after the timeout. */
    public JsonNode await(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event =
                    events.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (event != null && match.test(event)) {
                return event;
            }
        }
        throw new AssertionError("No matching event within " + timeout);
    }

    public JsonNode await(String type) throws InterruptedException {
        return await(e -> type.equals(e.path("type").asText()), Duration.ofSeconds(10));
    }

    /** Everything received within {@code window}. */
    public List<JsonNode> drain(Duration window) throws InterruptedException {
        List<JsonNode> received = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = events.poll(10, TimeUnit.MILLISECONDS);
            if (event != null) {
                received.add(event);
            }
        }
        return received;
    }

    public int awaitClose(Duration timeout) throws Exception {
        return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
