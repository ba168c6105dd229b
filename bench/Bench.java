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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
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
    static String jdbc =
            System.getenv().getOrDefault("BENCH_JDBC", "jdbc:postgresql://127.0.0.1:5432/clubos_messages_bench");
    static String secret = System.getenv().getOrDefault("BENCH_WEBHOOK_SECRET", "YmVuY2gtd2ViaG9vay1zZWNyZXQ=");
    static String jwtSecret = System.getenv().getOrDefault("BENCH_JWT_SECRET", "bench-jwt-secret-0123456789abcdefghij");
    static final String LINE = "+19025550100";
    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "webhooks" -> webhooks(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "jsonb" -> jsonbBaseline();
            case "sends" -> sends(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "drain" -> drain(Integer.parseInt(args[1]));
            case "websocket" -> websocket(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "sendload" -> sendLoad(Integer.parseInt(args[1]), args[2].split(","), args[3], args[4]);
            case "verify-sends" ->
                verifySends(args[1], args[2], args[3], Integer.parseInt(args[4]), Double.parseDouble(args[5]));
            case "watch" -> watch(args[1].split(","), Integer.parseInt(args[2]), args[3], args[4]);
            case "storm" -> storm(Integer.parseInt(args[1]), args[2].split(","), args.length > 3 ? args[3] : "s");
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // --- Webhook ingestion -----------------------------------------------------------------------

    /** Signed message.received webhooks, each unique, from {@code concurrency} senders; then the DB is checked. */
    static void webhooks(int count, int concurrency) throws Exception {
        long before = count("select count(*) from messages");
        List<byte[]> bodies = new ArrayList<>(count);
        List<String> signatures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // 500 customers, so conversations see concurrent messages too.
            String customer = String.format("+1902556%04d", i % 500);
            String body = "{\"id\":\"EVb" + UUID.randomUUID()
                    + "\",\"object\":\"event\",\"apiVersion\":\"v3\",\"createdAt\":\""
                    + Instant.now() + "\",\"type\":\"message.received\",\"data\":{\"object\":{\"id\":\"ACb"
                    + UUID.randomUUID()
                    + "\",\"object\":\"message\",\"from\":\"" + customer + "\",\"to\":[\"" + LINE
                    + "\"],\"direction\":\"incoming\","
                    + "\"text\":\"bench message " + i + " 🏌️\",\"status\":\"received\",\"createdAt\":\""
                    + Instant.now() + "\"}}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            bodies.add(bytes);
            signatures.add(signature(bytes));
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long elapsed = run(count, concurrency, i -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/openphone/webhook"))
                    .header("Content-Type", "application/json")
                    .header("openphone-signature", signatures.get(i))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
                    .build();
            long start = System.nanoTime();
            int status =
                    HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            latencies.add(System.nanoTime() - start);
            (status == 200 ? ok : failed).incrementAndGet();
        });
        long stored = count("select count(*) from messages") - before;
        long duplicates =
                count("select count(*) - count(distinct openphone_id) from messages where openphone_id like 'ACb%'");
        System.out.printf(
                Locale.ROOT,
                "webhooks concurrency=%d sent=%d ok=%d failed=%d stored=%d lost=%d duplicated=%d events/s=%.0f p50=%.1fms p99=%.1fms%n",
                concurrency,
                count,
                ok.get(),
                failed.get(),
                stored,
                ok.get() - stored,
                duplicates,
                count / (elapsed / 1e9),
                percentile(latencies, 50),
                percentile(latencies, 99));
    }

    /**
     * The plan's design on the same PostgreSQL: one JSONB array per conversation, read by the
     * application, appended to, written back whole. Against one row per message plus an atomic
     * counter update, at 10, 1,000 and 10,000 messages per conversation.
     */
    static void jsonbBaseline() throws Exception {
        try (Connection db = db()) {
            try (Statement s = db.createStatement()) {
                s.execute("DROP TABLE IF EXISTS plan_conversations");
                s.execute(
                        "CREATE TABLE plan_conversations (id serial primary key, phone_number text, messages jsonb not null, "
                                + "unread_count int not null default 0, updated_at timestamptz)");
            }
            for (int size : new int[] {10, 1_000, 10_000}) {
                int appends = size >= 10_000 ? 100 : 300;
                double plan = planAppends(db, size, appends);
                double rows = rowAppends(db, size, appends);
                System.out.printf(
                        Locale.ROOT,
                        "jsonb size=%d plan_ms_per_message=%.3f rows_ms_per_message=%.3f ratio=%.1f%n",
                        size,
                        plan,
                        rows,
                        plan / rows);
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
        return "{\"id\":\"AC" + i + "\",\"text\":\"message number " + i
                + " with some typical length\",\"from\":\"+19025559999\"," + "\"to\":\"" + LINE
                + "\",\"direction\":\"inbound\",\"createdAt\":\"2026-11-27T00:00:00Z\"}";
    }

    static double rowAppends(Connection db, int size, int appends) throws Exception {
        long conversation;
        String customer = String.format("+1782555%04d", size % 10_000);
        try (Statement s = db.createStatement()) {
            s.execute("DELETE FROM openphone_conversations WHERE phone_number = '" + customer + "'");
            try (ResultSet r =
                    s.executeQuery("INSERT INTO openphone_conversations (line_number, phone_number) VALUES ('" + LINE
                            + "', '" + customer + "') RETURNING id")) {
                r.next();
                conversation = r.getLong(1);
            }
            s.execute("INSERT INTO messages (conversation_id, direction, from_number, to_number, body, status) "
                    + "SELECT " + conversation + ", 'inbound', '" + customer + "', '" + LINE
                    + "', 'prefill ' || g, 'received' "
                    + "FROM generate_series(1, " + size + ") g");
        }
        long start = System.nanoTime();
        for (int i = 0; i < appends; i++) {
            db.setAutoCommit(false);
            try (PreparedStatement insert =
                            db.prepareStatement("INSERT INTO messages (conversation_id, openphone_id, direction, "
                                    + "from_number, to_number, body, status) VALUES (?, ?, 'inbound', ?, ?, ?, 'received') "
                                    + "ON CONFLICT DO NOTHING RETURNING id");
                    PreparedStatement count = db.prepareStatement(
                            "UPDATE openphone_conversations SET message_count = message_count + 1, "
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
     * Fault scenarios 1-3 and 6: {@code unique} signed webhooks plus 30 % duplicates, shuffled, spread
     * over several instances sharing one database. Like OpenPhone behind a load balancer, a delivery
     * that gets no 2xx is retried (here for up to a minute), on the next instance when the connection
     * failed. Then every acknowledged message must be stored exactly once and the unread counts must
     * add up exactly.
     */
    static void storm(int unique, String[] instances, String tag) throws Exception {
        long unreadBefore = count("select coalesce(sum(unread_count), 0) from openphone_conversations");
        List<byte[]> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < unique; i++) {
            String customer = String.format("+1902558%04d", i % 200);
            String id = "ACs" + UUID.randomUUID();
            ids.add(id);
            events.add(("{\"id\":\"EVs" + UUID.randomUUID() + "\",\"type\":\"message.received\",\"createdAt\":\""
                            + Instant.now()
                            + "\",\"data\":{\"object\":{\"id\":\"" + id + "\",\"from\":\"" + customer + "\",\"to\":[\""
                            + LINE
                            + "\"],\"direction\":\"incoming\",\"text\":\"storm " + tag + " " + i + "\",\"createdAt\":\""
                            + Instant.now() + "\"}}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        List<Integer> deliveries = new ArrayList<>();
        for (int i = 0; i < unique; i++) {
            deliveries.add(i);
        }
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < unique * 3 / 10; i++) {
            deliveries.add(random.nextInt(unique));
        }
        Collections.shuffle(deliveries, random);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicLong longestRecovery = new java.util.concurrent.atomic.AtomicLong();
        long elapsed = run(deliveries.size(), 32, i -> {
            int event = deliveries.get(i);
            byte[] body = events.get(event);
            int instance = i % instances.length;
            long first = System.nanoTime();
            for (int attempt = 0; attempt < 300; attempt++) {
                String outcome;
                try {
                    int status = HTTP.send(
                                    HttpRequest.newBuilder(URI.create(instances[instance] + "/api/openphone/webhook"))
                                            .header("Content-Type", "application/json")
                                            .header("openphone-signature", signature(body))
                                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (status == 200) {
                        ok.incrementAndGet();
                        acknowledged.add(ids.get(event));
                        longestRecovery.accumulateAndGet(System.nanoTime() - first, Math::max);
                        return;
                    }
                    outcome = String.valueOf(status);
                } catch (java.io.IOException e) {
                    // The instance is gone (or going): the load balancer sends the retry elsewhere.
                    outcome = ioKind(e);
                    instance = (instance + 1) % instances.length;
                }
                errors.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                retried.incrementAndGet();
                Thread.sleep(200);
            }
        });
        long stored = countIn("select count(*) from messages where openphone_id = any(?)", ids);
        long storedAcknowledged =
                countIn("select count(*) from messages where openphone_id = any(?)", new ArrayList<>(acknowledged));
        long copies = countIn("select count(*) - count(distinct body) from messages where openphone_id = any(?)", ids);
        long unread = count("select coalesce(sum(unread_count), 0) from openphone_conversations") - unreadBefore;
        System.out.printf(
                Locale.ROOT,
                "storm instances=%d unique=%d deliveries=%d acknowledged=%d unique_acknowledged=%d retries=%d errors=%s "
                        + "stored=%d lost=%d duplicated=%d unread_delta=%d seconds=%.1f max_recovery_s=%.1f%n",
                instances.length,
                unique,
                deliveries.size(),
                ok.get(),
                acknowledged.size(),
                retried.get(),
                new java.util.TreeMap<>(errors),
                stored,
                acknowledged.size() - storedAcknowledged,
                copies + Math.max(0, stored - unique),
                unread,
                elapsed / 1e9,
                longestRecovery.get() / 1e9);
    }

    /** What a failed request met, for the report: refused (nobody listening), reset, timeout… */
    static String ioKind(java.io.IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException) {
                return "refused";
            }
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timeout";
        }
        return "reset"; // closed or reset mid-request: the outcome is unknown to the client
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
            String body =
                    "{\"to\":\"" + String.format("+1902557%04d", i % 1000) + "\",\"text\":\"bench send " + i + "\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/messages/send"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + tokens.get(i % staff))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long start = System.nanoTime();
            int status =
                    HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            latencies.add(System.nanoTime() - start);
            if (status == 202) {
                accepted.incrementAndGet();
            }
        });
        System.out.printf(
                Locale.ROOT,
                "sends staff=%d sent=%d accepted=%d requests/s=%.0f p50=%.1fms p99=%.1fms%n",
                staff,
                count,
                accepted.get(),
                count / (elapsed / 1e9),
                percentile(latencies, 50),
                percentile(latencies, 99));
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
        System.out.printf(
                Locale.ROOT,
                "drain messages=%d sent=%d failed=%d left=%d seconds=%.1f requests/s=%.2f%n",
                expected,
                sent,
                failedCount,
                waiting,
                seconds,
                expected / seconds);
    }

    /**
     * Fault scenarios 2, 4 and 6: {@code count} staff sends, each with a unique text and its own
     * Idempotency-Key, spread over the instances by 16 senders. A send that meets a dead or stopping
     * instance (refused, reset, 503) is retried with the same key on the next one, as a browser would
     * after a reload; 429/5xx are retried too, for up to a minute. The texts that were accepted
     * (202, or 200 for a repeated key) are written to {@code acceptedFile} for verify-sends.
     */
    static void sendLoad(int count, String[] instances, String tag, String acceptedFile) throws Exception {
        int senders = 16;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            tokens.add(jwt("fault-staff-" + i));
        }
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        AtomicInteger repeats = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong longest = new java.util.concurrent.atomic.AtomicLong();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(java.time.Duration.ofSeconds(5))
                .build();
        long elapsed = run(count, senders, i -> {
            String text =
                    tag + " send " + i + " " + UUID.randomUUID().toString().substring(0, 8);
            String body = "{\"to\":\"" + String.format("+1902559%04d", i % 100) + "\",\"text\":\"" + text + "\"}";
            int instance = i % instances.length;
            long first = System.nanoTime();
            for (int attempt = 0; attempt < 300; attempt++) {
                String outcome;
                try {
                    int status = client.send(
                                    HttpRequest.newBuilder(URI.create(instances[instance] + "/api/messages/send"))
                                            .timeout(java.time.Duration.ofSeconds(30))
                                            .header("Content-Type", "application/json")
                                            .header("Authorization", "Bearer " + tokens.get(i % senders))
                                            .header("Idempotency-Key", tag + "-" + i)
                                            .POST(HttpRequest.BodyPublishers.ofString(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (status == 202 || status == 200) {
                        if (status == 200) {
                            repeats.incrementAndGet(); // an earlier try had committed: the key found it
                        }
                        accepted.add(text);
                        longest.accumulateAndGet(System.nanoTime() - first, Math::max);
                        return;
                    }
                    outcome = String.valueOf(status);
                    if (status != 429 && status < 500) {
                        errors.computeIfAbsent(outcome, k -> new AtomicInteger())
                                .incrementAndGet();
                        return; // refused for good: not accepted, must not be sent
                    }
                    if (status == 503) {
                        instance = (instance + 1) % instances.length; // stopping or database away: try elsewhere
                    }
                } catch (java.io.IOException e) {
                    outcome = ioKind(e);
                    instance = (instance + 1) % instances.length;
                }
                errors.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                Thread.sleep(200);
            }
        });
        java.nio.file.Files.write(java.nio.file.Path.of(acceptedFile), accepted);
        System.out.printf(
                Locale.ROOT,
                "sendload tag=%s sends=%d accepted=%d repeated_key_200=%d errors=%s seconds=%.1f max_recovery_s=%.1f%n",
                tag,
                count,
                accepted.size(),
                repeats.get(),
                new java.util.TreeMap<>(errors),
                elapsed / 1e9,
                longest.get() / 1e9);
    }

    /**
     * After a send load: waits (up to {@code timeoutSeconds}) until none of the run's messages is
     * queued or sending, then holds what the OpenPhone stand-in received against what was accepted.
     * Each accepted text must have reached "OpenPhone" exactly once and be {@code sent} with that
     * message's id. Also: how many went through a look-up before any resend ("reconciled"), how many
     * of those were found there ("adopted"), and the most calls "OpenPhone" got in one second.
     * {@code fromEpoch}: when the fault ended, for the drain time.
     */
    static void verifySends(String tag, String fake, String acceptedFile, int timeoutSeconds, double fromEpoch)
            throws Exception {
        Set<String> accepted =
                new java.util.HashSet<>(java.nio.file.Files.readAllLines(java.nio.file.Path.of(acceptedFile)));
        String like = tag.replace("%", "") + " send %";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long waiting;
        while ((waiting = countLike(
                                "select count(*) from messages where body like ? and status in ('queued','sending')",
                                like))
                        > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        double drained = System.currentTimeMillis() / 1000.0;
        // What "OpenPhone" received: t, method, outcome, id, text.
        String received = HTTP.send(
                        HttpRequest.newBuilder(URI.create(fake + "/_received")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, List<String[]>> storedByText = new java.util.HashMap<>();
        Map<Long, Integer> postsPerSecond = new java.util.HashMap<>();
        Map<Long, Integer> callsPerSecond = new java.util.HashMap<>();
        List<Double> callTimes = new ArrayList<>();
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (String line : received.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            double t = Double.parseDouble(f[0]);
            callTimes.add(t);
            callsPerSecond.merge((long) t, 1, Integer::sum);
            if (f[1].equals("POST")) {
                postsPerSecond.merge((long) t, 1, Integer::sum);
                outcomes.merge(f[2], 1, Integer::sum);
            }
            if (f[2].startsWith("stored")) {
                storedByText.computeIfAbsent(f[4], k -> new ArrayList<>()).add(f);
            }
        }
        Collections.sort(callTimes);
        int window = 0;
        for (int i = 0, j = 0; i < callTimes.size(); i++) {
            while (callTimes.get(i) - callTimes.get(j) >= 1.0) {
                j++;
            }
            window = Math.max(window, i - j + 1);
        }
        int lost = 0;
        int duplicated = 0;
        int mismatched = 0;
        int reconciled = 0;
        int adopted = 0;
        int failed = 0;
        int rows = 0;
        try (Connection db = db();
                PreparedStatement query = db.prepareStatement("""
                     SELECT m.body, m.status, m.openphone_id,
                            (SELECT extract(epoch FROM min(s.occurred_at)) FROM message_status s WHERE s.message_id = m.id
                               AND (s.error_message LIKE 'Interrupted%' OR s.error_message LIKE 'OpenPhone did not answer%'))
                     FROM messages m WHERE m.body LIKE ?""")) {
            query.setString(1, like);
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    rows++;
                    String text = r.getString(1);
                    String status = r.getString(2);
                    List<String[]> atOpenPhone = storedByText.getOrDefault(text, List.of());
                    if (!accepted.contains(text)) {
                        continue; // stored but the client never heard: counted below as rows - accepted
                    }
                    if (status.equals("failed")) {
                        failed++;
                    }
                    if (atOpenPhone.isEmpty() || !(status.equals("sent") || status.equals("delivered"))) {
                        lost++;
                    }
                    duplicated += Math.max(0, atOpenPhone.size() - 1);
                    if (atOpenPhone.size() == 1 && !atOpenPhone.get(0)[3].equals(r.getString(3))) {
                        mismatched++;
                    }
                    double lookedUpAt = r.getDouble(4);
                    if (!r.wasNull()) {
                        reconciled++;
                        // Reached OpenPhone before the look-up was called for: found there, not resent.
                        if (atOpenPhone.size() == 1
                                && Double.parseDouble(atOpenPhone.get(0)[0]) < lookedUpAt) {
                            adopted++;
                        }
                    }
                }
            }
        }
        int missingRows = (int)
                accepted.stream().filter(t -> !storedByText.containsKey(t)).count();
        System.out.printf(
                Locale.ROOT,
                "verify-sends tag=%s accepted=%d rows=%d left_waiting=%d at_openphone=%d lost=%d duplicated=%d failed=%d "
                        + "id_mismatch=%d reconciled=%d adopted=%d post_outcomes=%s max_posts_per_s=%d max_calls_per_s=%d "
                        + "max_calls_1s_window=%d busiest_second_at_s=%.0f drained_s=%.1f%n",
                tag,
                accepted.size(),
                rows,
                waiting,
                accepted.size() - missingRows,
                lost,
                duplicated,
                failed,
                mismatched,
                reconciled,
                adopted,
                outcomes,
                postsPerSecond.values().stream().max(Integer::compare).orElse(0),
                callsPerSecond.values().stream().max(Integer::compare).orElse(0),
                window,
                callsPerSecond.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .map(e -> e.getKey() - fromEpoch)
                        .orElse(0.0),
                drained - fromEpoch);
    }

    static long countLike(String sql, String pattern) throws Exception {
        try (Connection db = db();
                PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, pattern);
            try (ResultSet r = statement.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
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
            sockets.add(wsClient.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
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
                                    arrivals.computeIfAbsent(
                                                    marker, k -> Collections.synchronizedList(new ArrayList<>()))
                                            .add(System.nanoTime());
                                }
                            }
                            ws.request(1);
                            return null;
                        }
                    })
                    .get(30, TimeUnit.SECONDS));
        }
        hellos.await(60, TimeUnit.SECONDS);
        List<Long> latencies = new ArrayList<>();
        List<Long> firsts = new ArrayList<>();
        List<Long> spreads = new ArrayList<>();
        for (int e = 0; e < events; e++) {
            String marker = "ws-bench-" + e + "-" + UUID.randomUUID().toString().substring(0, 8);
            String body = "{\"id\":\"EVws" + UUID.randomUUID() + "\",\"type\":\"message.received\",\"createdAt\":\""
                    + Instant.now()
                    + "\",\"data\":{\"object\":{\"id\":\"ACws" + UUID.randomUUID()
                    + "\",\"from\":\"+19025558888\",\"to\":[\"" + LINE
                    + "\"],\"direction\":\"incoming\",\"text\":\"" + marker + " hello\",\"createdAt\":\""
                    + Instant.now() + "\"}}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/openphone/webhook"))
                    .header("Content-Type", "application/json")
                    .header("openphone-signature", signature(bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build();
            long sentAt = System.nanoTime();
            HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (arrivals.getOrDefault(marker, List.of()).size() < clients && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            List<Long> arrived = new ArrayList<>(arrivals.getOrDefault(marker, List.of()));
            for (long arrival : arrived) {
                latencies.add(arrival - sentAt);
            }
            if (!arrived.isEmpty()) {
                // The first client's latency is the pipeline (webhook, commit, NOTIFY, render); the rest is fan-out.
                firsts.add(Collections.min(arrived) - sentAt);
                spreads.add(Collections.max(arrived) - Collections.min(arrived));
            }
            Thread.sleep(50);
        }
        long delivered = latencies.size();
        System.out.printf(
                Locale.ROOT,
                "websocket clients=%d events=%d deliveries=%d/%d p50=%.1fms p99=%.1fms first_p50=%.1fms"
                        + " first_max=%.1fms spread_p50=%.1fms spread_max=%.1fms%n",
                clients,
                events,
                delivered,
                (long) clients * events,
                percentile(latencies, 50),
                percentile(latencies, 99),
                percentile(firsts, 50),
                percentile(firsts, 100),
                percentile(spreads, 50),
                percentile(spreads, 100));
        if (System.getenv("BENCH_HOLD_SECONDS") != null) {
            // Lets run.sh read the service's RSS while the sockets are open.
            System.err.println("holding the sockets open");
            Thread.sleep(Long.parseLong(System.getenv("BENCH_HOLD_SECONDS")) * 1000);
        }
        sockets.forEach(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    }

    /**
     * Fault scenario 5: {@code perInstance} WebSocket clients on each instance watch the change feed
     * while the other scenarios run, until {@code stopFile} exists. Like the chat page, a client
     * whose socket closes (instance killed or stopping) reconnects, to the next instance if need be,
     * and resumes after the highest seq it saw. Then, per client: events of the feed (the
     * change_events rows committed while it watched) it never got, got twice, got out of seq order
     * within a conversation, and message statuses that went backwards (sent or later → earlier).
     */
    static void watch(String[] instances, int perInstance, String stopFile, String label) throws Exception {
        String token = jwt("fault-watcher");
        List<Watcher> watchers = new ArrayList<>();
        for (int i = 0; i < instances.length * perInstance; i++) {
            Watcher w = new Watcher(instances, i % instances.length, token);
            watchers.add(w);
            w.connect();
        }
        for (Watcher w : watchers) {
            w.hello.await(30, TimeUnit.SECONDS);
        }
        System.err.println("watching");
        java.nio.file.Path stop = java.nio.file.Path.of(stopFile);
        while (!java.nio.file.Files.exists(stop)) {
            Thread.sleep(200);
        }
        long last = count("select coalesce(max(seq), 0) from change_events");
        // Let the last events arrive: until every client has (or reloaded) every event up to
        // `last`, at most a minute. The time this takes is how far the push lagged behind the load.
        List<Long> all = new ArrayList<>();
        try (Connection db = db();
                PreparedStatement q = db.prepareStatement("select seq from change_events where seq > ? and seq <= ?")) {
            q.setLong(1, watchers.stream().mapToLong(w -> w.helloSeq).min().orElse(0));
            q.setLong(2, last);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    all.add(r.getLong(1));
                }
            }
        }
        long settleStart = System.nanoTime();
        while (System.nanoTime() - settleStart < TimeUnit.SECONDS.toNanos(60)
                && !watchers.stream().allMatch(w -> w.hasAll(all))) {
            Thread.sleep(200);
        }
        double settle = (System.nanoTime() - settleStart) / 1e9;
        long expected = 0;
        long missing = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        long regressions = 0;
        long reconnects = 0;
        long resyncs = 0;
        long overlap = 0;
        long reloaded = 0;
        for (Watcher w : watchers) {
            synchronized (w) {
                List<Long> feed = new ArrayList<>();
                try (Connection db = db();
                        PreparedStatement q =
                                db.prepareStatement("select seq from change_events where seq > ? and seq <= ?")) {
                    q.setLong(1, w.helloSeq);
                    q.setLong(2, last);
                    try (ResultSet r = q.executeQuery()) {
                        while (r.next()) {
                            feed.add(r.getLong(1));
                        }
                    }
                }
                expected += feed.size();
                missing += feed.stream()
                        .filter(seq -> !w.seen.containsKey(seq) && seq > w.reloadedUpTo)
                        .count();
                reloaded += feed.stream()
                        .filter(seq -> !w.seen.containsKey(seq) && seq <= w.reloadedUpTo)
                        .count();
                duplicated += w.seen.values().stream().mapToLong(n -> n - 1).sum();
                outOfOrder += w.outOfOrder;
                regressions += w.regressions;
                reconnects += w.reconnects;
                resyncs += w.resyncs;
                overlap += w.resumeOverlap;
            }
            w.close();
        }
        System.out.printf(
                Locale.ROOT,
                "watch label=%s clients=%d events=%d missing=%d duplicated=%d out_of_order=%d status_regressions=%d "
                        + "reconnects=%d resume_overlap=%d resyncs=%d not_pushed_but_reloaded=%d last_events_after_s=%.1f%n",
                label,
                watchers.size(),
                expected,
                missing,
                duplicated,
                outOfOrder,
                regressions,
                reconnects,
                overlap,
                resyncs,
                reloaded,
                settle);
        System.exit(0);
    }

    /** One watching client: what it received, checked as it arrives. */
    static final class Watcher implements WebSocket.Listener {
        static final java.util.regex.Pattern TYPE = java.util.regex.Pattern.compile("\"type\":\"([^\"]+)\"");
        static final java.util.regex.Pattern SEQ = java.util.regex.Pattern.compile("\"seq\":(\\d+)");
        static final java.util.regex.Pattern CONVERSATION =
                java.util.regex.Pattern.compile("\"conversationId\":(\\d+)");
        static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("\"id\":(\\d+)");
        static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile("\"status\":\"([a-z]+)\"");
        static final HttpClient CLIENT = HttpClient.newHttpClient();

        final String[] instances;
        final String token;
        int instance;
        final CountDownLatch hello = new CountDownLatch(1);
        final StringBuilder partial = new StringBuilder();
        final Map<Long, Integer> seen = new java.util.HashMap<>();
        final Map<Long, Long> lastSeqOfConversation = new java.util.HashMap<>();
        final Map<Long, Integer> rankOfMessage = new java.util.HashMap<>();
        long helloSeq = -1;
        long maxSeq = -1;
        long outOfOrder;
        long regressions;
        /** Between a reconnect's hello and "resumed": live pushes and the replay overlap (the page drops repeats by seq). */
        boolean resuming;

        long resumeOverlap;
        /** Events up to here are covered by a reload after a resync, received or not. */
        long reloadedUpTo = -1;

        int reconnects;
        int resyncs;
        volatile boolean closing;
        volatile WebSocket socket;

        Watcher(String[] instances, int instance, String token) {
            this.instances = instances;
            this.instance = instance;
            this.token = token;
        }

        synchronized boolean hasAll(List<Long> feed) {
            return feed.stream().allMatch(seq -> seq <= helloSeq || seq <= reloadedUpTo || seen.containsKey(seq));
        }

        void connect() {
            String url = instances[instance].replace("http", "ws") + "/ws/messages";
            CLIENT.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create(url), this)
                    .whenComplete((ws, failure) -> {
                        if (failure != null) {
                            reconnectLater();
                        } else {
                            socket = ws;
                        }
                    });
        }

        void reconnectLater() {
            if (closing) {
                return;
            }
            synchronized (this) {
                reconnects++;
                instance = (instance + 1) % instances.length; // the page would land on any live replica
            }
            java.util.concurrent.CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
                    .execute(this::connect);
        }

        void close() {
            closing = true;
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onEvent(ws, text);
            }
            ws.request(1);
            return null;
        }

        synchronized void onEvent(WebSocket ws, String text) {
            java.util.regex.Matcher type = TYPE.matcher(text);
            java.util.regex.Matcher seq = SEQ.matcher(text);
            if (!type.find()) {
                return;
            }
            switch (type.group(1)) {
                case "hello" -> {
                    seq.find();
                    if (helloSeq < 0) {
                        helloSeq = Long.parseLong(seq.group(1));
                        maxSeq = helloSeq;
                        hello.countDown();
                    } else {
                        resuming = true;
                        ws.sendText("{\"type\":\"resume\",\"after\":" + maxSeq + "}", true);
                    }
                }
                case "resumed" -> resuming = false;
                case "resync" -> {
                    // The page reloads from the REST API here: that shows everything committed so far.
                    resyncs++;
                    try {
                        reloadedUpTo = Math.max(reloadedUpTo, count("select coalesce(max(seq), 0) from change_events"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                case "message.created", "message.status", "conversation.updated", "conversation.read" -> {
                    if (!seq.find()) {
                        return;
                    }
                    long n = Long.parseLong(seq.group(1));
                    if (seen.containsKey(n)) {
                        if (resuming) {
                            resumeOverlap++;
                        } else {
                            seen.merge(n, 1, Integer::sum);
                        }
                        return;
                    }
                    seen.put(n, 1);
                    maxSeq = Math.max(maxSeq, n);
                    java.util.regex.Matcher conversation = CONVERSATION.matcher(text);
                    if (conversation.find()) {
                        long c = Long.parseLong(conversation.group(1));
                        Long previous =
                                lastSeqOfConversation.put(c, Math.max(n, lastSeqOfConversation.getOrDefault(c, 0L)));
                        if (previous != null && previous > n && !resuming) {
                            outOfOrder++;
                        }
                    }
                    if (type.group(1).startsWith("message.")) {
                        int data = text.indexOf("\"data\":{");
                        java.util.regex.Matcher id = ID.matcher(text);
                        java.util.regex.Matcher status = STATUS.matcher(text);
                        if (data >= 0 && id.find(data) && status.find(data)) {
                            int rank = switch (status.group(1)) {
                                case "queued", "sending" -> 0; // sending → queued is a retry, by design
                                case "sent" -> 1;
                                default -> 2; // delivered, undelivered, failed, received
                            };
                            Integer before = rankOfMessage.put(Long.parseLong(id.group(1)), rank);
                            if (before != null && before > rank) {
                                regressions++;
                                rankOfMessage.put(Long.parseLong(id.group(1)), before);
                            }
                        }
                    }
                }
                default -> {}
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            reconnectLater();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            reconnectLater();
        }
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

    /** A connection to the bench database; waits out a PostgreSQL restart (up to a minute). */
    static Connection db() throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return DriverManager.getConnection(jdbc, "postgres", "");
            } catch (java.sql.SQLException e) {
                if (attempt >= 120) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** A count over a list bound as a text[] parameter. */
    static long countIn(String sql, List<String> values) throws Exception {
        try (Connection db = db();
                PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setArray(1, db.createArrayOf("text", values.toArray()));
            try (ResultSet r = statement.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static long count(String sql) throws Exception {
        try (Connection db = db();
                ResultSet r = db.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** OpenPhone's {@code openphone-signature} header for {@code body}: {@code hmac;1;<ts ms>;<base64 HMAC of "ts." + body>}. */
    static String signature(byte[] body) throws Exception {
        String ts = String.valueOf(System.currentTimeMillis());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256"));
        mac.update((ts + ".").getBytes(StandardCharsets.UTF_8));
        return "hmac;1;" + ts + ";" + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    /** A ClubOS-style HS256 staff token. */
    static String jwt(String userId) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = url.encodeToString(("{\"iss\":\"clubosv1\",\"aud\":\"clubosv1-users\",\"userId\":\"" + userId
                        + "\",\"role\":\"operator\",\"name\":\"" + userId + "\",\"iat\":" + now + ",\"exp\":"
                        + (now + 3600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(jwtSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = url.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
        return header + "." + payload + "." + signature;
    }
}
