package com.clubos.messages.history;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.support.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 in the middle of an import: the packaged service (target/quarkus-app/quarkus-run.jar) is
 * started as a process of its own, killed with SIGKILL mid-import, and a second instance (another
 * "replica", on another port) takes the import over once its lease expires and finishes it from the
 * checkpoint, to exactly the counts an uninterrupted run gives.
 */
class ImportResumeIT {

    private static final String DB =
            System.getenv().getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/clubos_messages_test");
    private static final String JAR = "target/quarkus-app/quarkus-run.jar";
    private static final String LEGACY = "resume";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Process> started = new ArrayList<>();
    private WireMockServer openPhone;

    @BeforeEach
    void openPhone() {
        openPhone =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        openPhone.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor();
        }
        openPhone.stop();
    }

    @Test
    void aClubosImportKilledMidwayIsFinishedByAnotherInstanceWithExactCounts() throws Exception {
        int conversations = 2_000;
        int perConversation = 30;
        try (LegacyClubos legacy = LegacyClubos.create(LEGACY)) {
            legacy.generate(conversations, perConversation);
            // Rows no run may count twice: skipped elements, a bad number, duplicates inside a big array.
            legacy.row("+19025550177", "Mixed", null, """
                    [{"direction":"inbound","text":"ok","createdAt":"2025-03-01T10:00:00Z"},
                     {"direction":"inbound","text":"ok","createdAt":"2025-03-01T10:00:00Z"},
                     "not an object", {"text":"no direction"}]""", 1, null, null);
            legacy.row(
                    "12",
                    "Bad number",
                    null,
                    "[{\"direction\":\"inbound\",\"text\":\"x\"},{\"direction\":\"inbound\",\"text\":\"y\"}]",
                    0,
                    null,
                    null);
        }
        int expectedImported = conversations * perConversation + 1;
        Map<String, String> env = Map.of(
                "LEGACY_DATABASE_URL",
                        "postgres://postgres@127.0.0.1:5432/" + LegacyClubos.name(LEGACY) + "?sslmode=disable",
                "HISTORY_BATCH_SIZE", "200",
                "HISTORY_BATCH_PAUSE", "PT0.02S");
        String first = start(port(2), env);
        resetDatabase();

        long id = startImport(first, "{\"source\":\"clubos\"}");
        awaitImported(id, expectedImported / 4);
        kill9();
        Map<String, Object> killed = importRow(id);
        assertEquals("running", killed.get("state"), "killed mid-import: " + killed);
        assertTrue(
                ((Number) killed.get("messages_imported")).longValue() < expectedImported,
                "killed before the end: " + killed);

        start(port(3), env);
        Map<String, Object> done = awaitFinished(id, Duration.ofMinutes(3));

        assertEquals("done", done.get("state"), done.toString());
        assertEquals((long) expectedImported, ((Number) done.get("messages_imported")).longValue(), done.toString());
        assertEquals(1L, ((Number) done.get("messages_duplicates")).longValue(), done.toString());
        assertEquals(4L, ((Number) done.get("messages_skipped")).longValue(), done.toString());
        assertEquals(conversations + 2, ((Number) done.get("conversations_done")).intValue(), done.toString());
        assertEquals((long) expectedImported, count("select count(*) from messages"));
        assertEquals(
                count("select count(*) from messages"),
                count("select sum(message_count) from openphone_conversations"));
        assertEquals(3L, count("select count(*) from history_import_errors where import_id = " + id));
        assertEquals(
                count("select count(*) from openphone_conversations"),
                count("select count(*) from history_legacy_rows"));
    }

    @Test
    void anOpenPhoneBackfillKilledMidwayResumesFromItsPageTokens() throws Exception {
        int conversations = 30;
        int pages = 3;
        int perPage = 40;
        workspace(conversations, pages, perPage);
        Map<String, String> env = Map.of(
                "OPENPHONE_BASE_URL", openPhone.baseUrl(),
                "OPENPHONE_API_KEY", "resume-test-key",
                "HISTORY_OPENPHONE_PAGE_SIZE", String.valueOf(perPage));
        String first = start(port(2), env);
        resetDatabase();

        long id = startImport(first, "{\"source\":\"openphone\"}");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (openPhone
                                .findAll(getRequestedFor(urlPathEqualTo("/v1/messages")))
                                .size()
                        < conversations * pages / 3
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        kill9();
        assertEquals("running", importRow(id).get("state"));

        start(port(3), env);
        Map<String, Object> done = awaitFinished(id, Duration.ofMinutes(3));

        assertEquals("done", done.get("state"), done.toString());
        assertEquals(
                (long) conversations * pages * perPage,
                ((Number) done.get("messages_imported")).longValue(),
                done.toString());
        assertEquals(0L, ((Number) done.get("messages_duplicates")).longValue(), done.toString());
        assertEquals(conversations, ((Number) done.get("conversations_done")).intValue());
        assertEquals((long) conversations * pages * perPage, count("select count(*) from messages"));
        // Only pages in flight at the kill were asked for twice.
        int calls = openPhone
                .findAll(getRequestedFor(urlPathEqualTo("/v1/messages")))
                .size();
        assertTrue(
                calls >= conversations * pages && calls <= conversations * pages + 4,
                calls + " message pages requested");
    }

    private void workspace(int conversations, int pages, int perPage) {
        openPhone.stubFor(get(urlPathEqualTo("/v1/phone-numbers"))
                .willReturn(okJson("{\"data\":[{\"id\":\"PN1\",\"number\":\"+19025550100\"}]}")));
        List<String> items = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            items.add(OpenPhoneBackfillTest.conversation("CN" + c, "PN1", "Customer " + c, customer(c)));
        }
        openPhone.stubFor(get(urlPathEqualTo("/v1/conversations"))
                .willReturn(okJson(OpenPhoneBackfillTest.page(null, items.toArray(String[]::new)))));
        for (int c = 0; c < conversations; c++) {
            for (int p = 0; p < pages; p++) {
                List<String> messages = new ArrayList<>();
                for (int m = 0; m < perPage; m++) {
                    int n = p * perPage + m;
                    messages.add(OpenPhoneBackfillTest.message(
                            "ACr" + c + "x" + n,
                            n % 2 == 0 ? "incoming" : "outgoing",
                            customer(c),
                            "+19025550100",
                            "Text " + n,
                            n % 2 == 0 ? "received" : "delivered",
                            String.format("2025-02-01T%02d:%02d:%02dZ", c % 24, n / 60, n % 60)));
                }
                openPhone.stubFor(get(urlPathEqualTo("/v1/messages"))
                        .withQueryParam("participants[]", equalTo(customer(c)))
                        .withQueryParam("pageToken", p == 0 ? absent() : equalTo("p" + p))
                        .willReturn(okJson(OpenPhoneBackfillTest.page(
                                p + 1 < pages ? "p" + (p + 1) : null, messages.toArray(String[]::new)))));
            }
        }
    }

    private static String customer(int c) {
        return "+1902800" + String.format("%04d", c);
    }

    /** Starts the packaged service as a separate process and waits until it is ready; answers its base URL. */
    private String start(int port, Map<String, String> extra) throws Exception {
        File jar = new File(JAR);
        assertTrue(jar.isFile(), "package the service first (" + JAR + ")");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.getPath())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/import-resume-" + port + ".log")));
        Map<String, String> env = builder.environment();
        env.put("PORT", String.valueOf(port));
        env.put("DATABASE_URL", DB);
        env.put("CLUBOS_JWT_SECRET", TestTokens.SECRET);
        env.put("OPENPHONE_DEFAULT_NUMBER", "+19025550100");
        env.put("OPENPHONE_OUTBOX_ENABLED", "false");
        env.put("OPENPHONE_CONTACTS_REFRESH", "off");
        env.put("HISTORY_IMPORT_LEASE", "PT3S");
        env.put("HISTORY_IMPORT_HEARTBEAT", "1s");
        env.put("SHUTDOWN_DELAY", "PT0S");
        env.put("LOG_JSON", "false");
        env.putAll(extra);
        started.add(builder.start());
        String base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(
                                        HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return base;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service on port " + port + " did not become ready");
    }

    private void kill9() throws InterruptedException {
        Process last = started.get(started.size() - 1);
        last.destroyForcibly(); // SIGKILL: no shutdown hook, no lease released
        last.waitFor();
    }

    private static long startImport(String base, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + Imports.PATH))
                        .header("Authorization", TestTokens.bearer("admin"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(response.body());
        assertTrue(id.find(), response.body());
        return Long.parseLong(id.group(1));
    }

    private static void awaitImported(long id, long messages) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (((Number) importRow(id).get("messages_imported")).longValue() < messages
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static Map<String, Object> awaitFinished(long id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> row = importRow(id);
        while ("running".equals(row.get("state")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            row = importRow(id);
        }
        return row;
    }

    private static Map<String, Object> importRow(long id) throws Exception {
        try (Connection db = DriverManager.getConnection(DB, "postgres", "");
                Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT state, messages_imported, messages_duplicates, messages_skipped, "
                                + "conversations_done, owner, checkpoint::text AS checkpoint FROM history_imports WHERE id = "
                                + id)) {
            Map<String, Object> values = new HashMap<>();
            if (row.next()) {
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    values.put(row.getMetaData().getColumnLabel(i), row.getObject(i));
                }
            }
            return values;
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(DB, "postgres", "");
                Statement statement = db.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void resetDatabase() throws Exception {
        try (Connection db = DriverManager.getConnection(DB, "postgres", "");
                Statement statement = db.createStatement()) {
            statement.execute("TRUNCATE openphone_conversations, messages, message_status, audit_log, webhook_events, "
                    + "change_events, history_imports, history_import_errors, history_import_conversations, history_legacy_rows "
                    + "RESTART IDENTITY CASCADE");
        }
    }

    /** Our ports: next to the test port (8291 → 8293, 8294), or free ones. */
    private static int port(int offset) throws IOException {
        String testPort = System.getenv("QUARKUS_HTTP_TEST_PORT");
        if (testPort != null && !testPort.isBlank()) {
            return Integer.parseInt(testPort.strip()) + offset;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
