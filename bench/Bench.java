// Load generator for ClubOS Messages benchmarks. Run through bench/run.sh, which starts the
// packaged service; every request goes to 127.0.0.1 only. Java 17, single-file source launch,
// with the PostgreSQL driver on the class path.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class Bench {

    static String base = System.getenv().getOrDefault("BENCH_URL", "http://127.0.0.1:8090");
    static String jdbc = System.getenv().getOrDefault("BENCH_JDBC", "jdbc:postgresql://127.0.0.1:5432/clubos_messages_bench");
    static String secret = System.getenv().getOrDefault("BENCH_WEBHOOK_SECRET", "YmVuY2gtd2ViaG9vay1zZWNyZXQ=");
    static String jwtSecret = System.getenv().getOrDefault("BENCH_JWT_SECRET", "bench-jwt-secret-0123456789abcdefghij");
    static final String LINE = "+19025550100";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "webhooks" -> webhooks(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "jsonb" -> jsonbBaseline();
            case "sends" -> sends(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "drain" -> drain(Integer.parseInt(args[1]));
            case "websocket" -> websocket(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "storm" -> storm(Integer.parseInt(args[1]), args[2].split(","));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // --- Webhook ingestion -----------------------------------------------------------------------

    /** Signed message.received webhooks, each unique, from {@code concurrency} senders; then the DB is checked. */
    static void webhooks(int count, int concurrency) throws Exception {
        long before = count("select count(*) from messages");
        byte[] key = Base64.getDecoder().decode(secret);
        List<byte[]> bodies = new ArrayList<>(count);
        List<String> signatures = new ArrayList<>(count);
        String ts = String.valueOf(System.currentTimeMillis());
        for (int i = 0; i < count; i++) {
            // 500 customers, so conversations see concurrent messages too.
            String customer = String.format("+1902556%04d", i % 500);
            String body = "{\"id\":\"EVb" + UUID.randomUUID() + "\",\"object\":\"event\",\"apiVersion\":\"v3\",\"createdAt\":\""
                    + Instant.now() + "\",\"type\":\"message.received\",\"data\":{\"object\":{\"id\":\"ACb" + UUID.randomUUID()
                    + "\",\"object\":\"message\",\"from\":\"" + customer + "\",\"to\":[\"" + LINE + "\"],\"direction\":\"incoming\","
                    + "\"text\":\"bench message " + i + " 🏌️\",\"status\":\"received\",\"createdAt\":\"" + Instant.now() + "\"}}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            bodies.add(bytes);
            signatures.add("hmac;1;" + ts + ";" + hmac(key, (ts + ".").getBytes(StandardCharsets.UTF_8), bytes));
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long elapsed = run(count, concurrency, i -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/openphone/webhook"))
                    .header("Content-Type", "application/json").header("openphone-signature", signatures.get(i))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build();
            long start = System.nanoTime();
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            latencies.add(System.nanoTime() - start);
            (status == 200 ? ok : failed).incrementAndGet();
        });
        long stored = count("select count(*) from messages") - before;
        long duplicates = count("select count(*) - count(distinct openphone_id) from messages where openphone_id like 'ACb%'");
        System.out.printf(Locale.ROOT, "webhooks concurrency=%d sent=%d ok=%d failed=%d stored=%d lost=%d duplicated=%d events/s=%.0f p50=%.1fms p99=%.1fms%n",
                concurrency, count, ok.get(), failed.get(), stored, ok.get() - stored, duplicates,
                count / (elapsed / 1e9), percentile(latencies, 50), percentile(latencies, 99));
    }

    /**
     * The plan's design on the same PostgreSQL: one JSONB array per conversation, read by the
     * application, appended to, written back whole. Against one row per message plus an atomic
     * counter update, at 10, 1,000 and 10,000 messages per conversation.
     */
    static void jsonbBaseline() throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            try (Statement s = db.createStatement()) {
                s.execute("DROP TABLE IF EXISTS plan_conversations");
                s.execute("CREATE TABLE plan_conversations (id serial primary key, phone_number text, messages jsonb not null, "
                        + "unread_count int not null default 0, updated_at timestamptz)");
            }
            for (int size : new int[] {10, 1_000, 10_000}) {
                int appends = size >= 10_000 ? 100 : 300;
                double plan = planAppends(db, size, appends);
                double rows = rowAppends(db, size, appends);
                System.out.printf(Locale.ROOT, "jsonb size=%d plan_ms_per_message=%.3f rows_ms_per_message=%.3f ratio=%.1f%n",
                        size, plan, rows, plan / rows);
            }
            try (Statement s = db.createStatement()) {
                s.execute("DROP TABLE plan_conversations");
            }
        }
    }

    static double planAppends(Connection db, int size, int appends) throws Exception {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            array.append(i == 0 ? "" : ",").append(planMessage(i));
        }
        array.append("]");
        int id;
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO plan_conversations (phone_number, messages) VALUES ('+19025559999', ?::jsonb) RETURNING id")) {
            insert.setString(1, array.toString());
            try (ResultSet r = insert.executeQuery()) {
                r.next();
                id = r.getInt(1);
            }
        }
        long start = System.nanoTime();
        for (int i = 0; i < appends; i++) {
            String current;
            try (PreparedStatement read = db.prepareStatement("SELECT messages FROM plan_conversations WHERE id = ?")) {
                read.setInt(1, id);
                try (ResultSet r = read.executeQuery()) {
                    r.next();
                    current = r.getString(1);
                }
            }
            String next = current.substring(0, current.length() - 1) + "," + planMessage(size + i) + "]";
            try (PreparedStatement write = db.prepareStatement(
                    "UPDATE plan_conversations SET messages = ?::jsonb, unread_count = ?, updated_at = now() WHERE id = ?")) {
                write.setString(1, next);
                write.setInt(2, i + 1);
                write.setInt(3, id);
                write.executeUpdate();
            }
        }
        return (System.nanoTime() - start) / 1e6 / appends;
    }

    static String planMessage(int i) {
        return "{\"id\":\"AC" + i + "\",\"text\":\"message number " + i + " with some typical length\",\"from\":\"+19025559999\","
                + "\"to\":\"" + LINE + "\",\"direction\":\"inbound\",\"createdAt\":\"2026-11-27T00:00:00Z\"}";
    }

    static double rowAppends(Connection db, int size, int appends) throws Exception {
        long conversation;
        String customer = String.format("+1782555%04d", size % 10_000);
        try (Statement s = db.createStatement()) {
            s.execute("DELETE FROM openphone_conversations WHERE phone_number = '" + customer + "'");
            try (ResultSet r = s.executeQuery("INSERT INTO openphone_conversations (line_number, phone_number) VALUES ('"
                    + LINE + "', '" + customer + "') RETURNING id")) {
                r.next();
                conversation = r.getLong(1);
            }
            s.execute("INSERT INTO messages (conversation_id, direction, from_number, to_number, body, status) "
                    + "SELECT " + conversation + ", 'inbound', '" + customer + "', '" + LINE + "', 'prefill ' || g, 'received' "
                    + "FROM generate_series(1, " + size + ") g");
        }
        long start = System.nanoTime();
        for (int i = 0; i < appends; i++) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO messages (conversation_id, openphone_id, direction, "
                    + "from_number, to_number, body, status) VALUES (?, ?, 'inbound', ?, ?, ?, 'received') "
                    + "ON CONFLICT DO NOTHING RETURNING id");
                 PreparedStatement count = db.prepareStatement("UPDATE openphone_conversations SET message_count = message_count + 1, "
                         + "unread_count = unread_count + 1, last_message_at = now(), updated_at = now() WHERE id = ?")) {
                insert.setLong(1, conversation);
                insert.setString(2, "ACrow" + UUID.randomUUID());
                insert.setString(3, customer);
                insert.setString(4, LINE);
                insert.setString(5, "message number " + i + " with some typical length");
                insert.executeQuery().close();
                count.setLong(1, conversation);
                count.executeUpdate();
            }
            db.commit();
            db.setAutoCommit(true);
        }
        double perMessage = (System.nanoTime() - start) / 1e6 / appends;
        try (Statement s = db.createStatement()) {
            s.execute("DELETE FROM openphone_conversations WHERE id = " + conversation);
        }
        return perMessage;
    }

    /**
     * Fault scenario 1: {@code unique} signed webhooks plus 30 % duplicates, shuffled, spread over
     * several instances sharing one database; then every unique message must be stored once and the
     * unread counts must add up exactly.
     */
    static void storm(int unique, String[] instances) throws Exception {
        long before = count("select count(*) from messages");
        long unreadBefore = count("select coalesce(sum(unread_count), 0) from openphone_conversations");
        byte[] key = Base64.getDecoder().decode(secret);
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < unique; i++) {
            String customer = String.format("+1902558%04d", i % 200);
            events.add(("{\"id\":\"EVs" + UUID.randomUUID() + "\",\"type\":\"message.received\",\"createdAt\":\"" + Instant.now()
                    + "\",\"data\":{\"object\":{\"id\":\"ACs" + UUID.randomUUID() + "\",\"from\":\"" + customer + "\",\"to\":[\"" + LINE
                    + "\"],\"direction\":\"incoming\",\"text\":\"storm " + i + "\",\"createdAt\":\"" + Instant.now() + "\"}}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        List<byte[]> deliveries = new ArrayList<>(events);
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < unique * 3 / 10; i++) {
            deliveries.add(events.get(random.nextInt(unique)));
        }
        Collections.shuffle(deliveries, random);
        String ts = String.valueOf(System.currentTimeMillis());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong longestRecovery = new java.util.concurrent.atomic.AtomicLong();
        long elapsed = run(deliveries.size(), 32, i -> {
            byte[] body = deliveries.get(i);
            String url = instances[i % instances.length] + "/api/openphone/webhook";
            String signature = "hmac;1;" + ts + ";" + hmac(key, (ts + ".").getBytes(StandardCharsets.UTF_8), body);
            // Like OpenPhone: retry until a 2xx (here for up to a minute).
            long first = System.nanoTime();
            for (int attempt = 0; attempt < 300; attempt++) {
                int status;
                try {
                    status = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                            .header("openphone-signature", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (java.io.IOException e) {
                    status = -1;
                }
                if (status == 200) {
                    ok.incrementAndGet();
                    longestRecovery.accumulateAndGet(System.nanoTime() - first, Math::max);
                    return;
                }
                retried.incrementAndGet();
                Thread.sleep(200);
            }
        });
        long stored = count("select count(*) from messages") - before;
        long unread = count("select coalesce(sum(unread_count), 0) from openphone_conversations") - unreadBefore;
        System.out.printf(Locale.ROOT, "storm instances=%d unique=%d deliveries=%d acknowledged=%d retries=%d stored=%d lost=%d duplicated=%d unread_delta=%d seconds=%.1f max_recovery_s=%.1f%n",
                instances.length, unique, deliveries.size(), ok.get(), retried.get(), stored, Math.max(0, unique - stored),
                Math.max(0, stored - unique), unread, elapsed / 1e9, longestRecovery.get() / 1e9);
    }

    // --- Sends -----------------------------------------------------------------------------------

    /** POST /send acceptance latency with {@code staff} concurrent staff members. */
    static void sends(int count, int staff) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < staff; i++) {
            tokens.add(jwt("bench-staff-" + i));
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger accepted = new AtomicInteger();
        long elapsed = run(count, staff, i -> {
            String body = "{\"to\":\"" + String.format("+1902557%04d", i % 1000) + "\",\"text\":\"bench send " + i + "\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/messages/send"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + tokens.get(i % staff))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long start = System.nanoTime();
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            latencies.add(System.nanoTime() - start);
            if (status == 202) {
                accepted.incrementAndGet();
            }
        });
        System.out.printf(Locale.ROOT, "sends staff=%d sent=%d accepted=%d requests/s=%.0f p50=%.1fms p99=%.1fms%n",
                staff, count, accepted.get(), count / (elapsed / 1e9), percentile(latencies, 50), percentile(latencies, 99));
    }

    /** Waits for every queued/sending message to be sent; reports the drain rate. */
    static void drain(int expected) throws Exception {
        long start = System.nanoTime();
        long first = -1;
        long waiting;
        do {
            Thread.sleep(200);
            waiting = count("select count(*) from messages where status in ('queued','sending')");
            if (first < 0 && waiting < expected) {
                first = System.nanoTime();
            }
        } while (waiting > 0 && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(5));
        double seconds = (System.nanoTime() - (first < 0 ? start : first)) / 1e9;
        long sent = count("select count(*) from messages where status in ('sent','delivered')");
        long failedCount = count("select count(*) from messages where status = 'failed'");
        System.out.printf(Locale.ROOT, "drain messages=%d sent=%d failed=%d left=%d seconds=%.1f requests/s=%.2f%n",
                expected, sent, failedCount, waiting, seconds, expected / seconds);
    }

    // --- WebSocket -------------------------------------------------------------------------------

    /** Webhook POST → event at every connected client: latency with {@code clients} open sockets. */
    static void websocket(int clients, int events) throws Exception {
        String token = jwt("bench-ws");
        Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
        List<WebSocket> sockets = new ArrayList<>();
        CountDownLatch hellos = new CountDownLatch(clients);
        HttpClient wsClient = HttpClient.newHttpClient();
        for (int i = 0; i < clients; i++) {
            sockets.add(wsClient.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create(base.replace("http", "ws") + "/ws/messages"), new WebSocket.Listener() {
                        final StringBuilder partial = new StringBuilder();

                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                String text = partial.toString();
                                partial.setLength(0);
                                if (text.contains("\"hello\"")) {
                                    hellos.countDown();
                                }
                                int at = text.indexOf("ws-bench-");
                                if (at >= 0 && text.contains("message.created")) {
                                    String marker = text.substring(at, text.indexOf(' ', at));
                                    arrivals.computeIfAbsent(marker, k -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime());
                                }
                            }
                            ws.request(1);
                            return null;
                        }
                    }).get(30, TimeUnit.SECONDS));
        }
        hellos.await(60, TimeUnit.SECONDS);
        byte[] key = Base64.getDecoder().decode(secret);
        List<Long> latencies = new ArrayList<>();
        for (int e = 0; e < events; e++) {
            String marker = "ws-bench-" + e + "-" + UUID.randomUUID().toString().substring(0, 8);
            String body = "{\"id\":\"EVws" + UUID.randomUUID() + "\",\"type\":\"message.received\",\"createdAt\":\"" + Instant.now()
                    + "\",\"data\":{\"object\":{\"id\":\"ACws" + UUID.randomUUID() + "\",\"from\":\"+19025558888\",\"to\":[\"" + LINE
                    + "\"],\"direction\":\"incoming\",\"text\":\"" + marker + " hello\",\"createdAt\":\"" + Instant.now() + "\"}}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String ts = String.valueOf(System.currentTimeMillis());
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/openphone/webhook"))
                    .header("Content-Type", "application/json")
                    .header("openphone-signature", "hmac;1;" + ts + ";" + hmac(key, (ts + ".").getBytes(StandardCharsets.UTF_8), bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            long sentAt = System.nanoTime();
            HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (arrivals.getOrDefault(marker, List.of()).size() < clients && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            for (long arrival : arrivals.getOrDefault(marker, List.of())) {
                latencies.add(arrival - sentAt);
            }
            Thread.sleep(50);
        }
        long delivered = latencies.size();
        System.out.printf(Locale.ROOT, "websocket clients=%d events=%d deliveries=%d/%d p50=%.1fms p99=%.1fms%n",
                clients, events, delivered, (long) clients * events, percentile(latencies, 50), percentile(latencies, 99));
        if (System.getenv("BENCH_HOLD_SECONDS") != null) {
            // Lets run.sh read the service's RSS while the sockets are open.
            System.err.println("holding the sockets open");
            Thread.sleep(Long.parseLong(System.getenv("BENCH_HOLD_SECONDS")) * 1000);
        }
        sockets.forEach(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    }

    // --- Helpers ---------------------------------------------------------------------------------

    interface Task {
        void run(int i) throws Exception;
    }

    static long run(int count, int concurrency, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.run(i);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        return elapsed;
    }

    static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    static long count(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "");
             ResultSet r = db.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static String hmac(byte[] key, byte[] prefix, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(prefix);
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    /** A ClubOS-style HS256 staff token. */
    static String jwt(String userId) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = url.encodeToString(("{\"iss\":\"clubosv1\",\"aud\":\"clubosv1-users\",\"userId\":\"" + userId
                + "\",\"role\":\"operator\",\"name\":\"" + userId + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(jwtSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = url.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
        return header + "." + payload + "." + signature;
    }
}
