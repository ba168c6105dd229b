package com.clubos.messages.packaged;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.openphone.WebhookSignatures;
import com.clubos.messages.support.Concurrently;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.SocketClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged service on one database, started together with ADMIN_USERNAME /
 * ADMIN_PASSWORD: one first admin; an admin's change on one replica ends the person's sessions (REST
 * and WebSocket) on the other; and staff of one location get only their location's events, whichever
 * replica the webhook and their socket are on.
 */
class TwoReplicasIT {

    static final String JWT_SECRET = "two-instances-jwt-secret-0123456789abcdef";
    static final String OWNER_PASSWORD = "both-replicas-one-admin";
    static final String STAFF_PASSWORD = "front-desk-evening-shift";
    /** How soon the other replica must refuse a token after the change (NOTIFY takes milliseconds). */
    static final long WITHIN_MILLIS = 2_000;

    static final String WEBHOOK_SECRET = "dHdvLXJlcGxpY2FzLXdlYmhvb2stc2VjcmV0";
    static final String HALIFAX = "+19025550100";
    static final String DARTMOUTH = "+19025550199";

    static String database;
    static ServiceProcess a;
    static ServiceProcess b;

    @BeforeAll
    static void startTwoReplicasAtOnce() throws Exception {
        database = ServiceProcess.freshDatabase("pair");
        Map<String, String> env = Map.of(
                "DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/" + database,
                "CLUBOS_JWT_SECRET", JWT_SECRET,
                "ADMIN_USERNAME", "owner",
                "ADMIN_PASSWORD", OWNER_PASSWORD,
                "OPENPHONE_OUTBOX_ENABLED", "false",
                "OPENPHONE_WEBHOOK_SECRET", WEBHOOK_SECRET,
                "OPENPHONE_DEFAULT_NUMBER", HALIFAX,
                "OPENPHONE_NUMBERS", DARTMOUTH,
                "LOCATION_NAMES", HALIFAX + "=Halifax," + DARTMOUTH + "=Dartmouth");
        List<ServiceProcess> started = Concurrently.all(
                List.of(() -> ServiceProcess.start("replica-a", env), () -> ServiceProcess.start("replica-b", env)));
        a = started.get(0);
        b = started.get(1);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess service : new ServiceProcess[] {a, b}) {
            if (service != null) {
                service.close();
            }
        }
    }

    static String login(ServiceProcess on, String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post(on.url("/api/auth/login"))
                .then()
                .statusCode(200)
                .extract()
                .path("data.token");
    }

    static int status(ServiceProcess on, String token) {
        return given().header("Authorization", "Bearer " + token)
                .get(on.url("/api/messages/conversations"))
                .then()
                .extract()
                .statusCode();
    }

    static int createStaff(String admin, String username, String... lines) {
        return given().header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username", username, "role", "operator", "password", STAFF_PASSWORD, "lines", List.of(lines)))
                .post(a.url("/api/admin/staff"))
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
    }

    static void webhook(ServiceProcess on, String customer, String line, String text) {
        byte[] body = OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        customer,
                        line,
                        text,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().toEpochMilli());
        given().contentType(ContentType.JSON)
                .header(
                        "openphone-signature",
                        WebhookSignatures.openPhoneHeader(WebhookSignatures.key(WEBHOOK_SECRET), timestamp, body))
                .body(body)
                .post(on.url("/api/openphone/webhook"))
                .then()
                .statusCode(200);
    }

    static SocketClient socket(ServiceProcess on, String token) throws Exception {
        SocketClient client = SocketClient.withBearer(URI.create("ws://127.0.0.1:" + on.port + "/ws/messages"), token);
        client.await("hello");
        return client;
    }

    static List<String> texts(List<JsonNode> events) {
        return events.stream()
                .filter(e -> "message.created".equals(e.path("type").asText()))
                .map(e -> e.path("data").path("text").asText())
                .toList();
    }

    @Test
    void eachLocationsStaffGetOnlyTheirLocationsEventsOnEitherReplica() throws Exception {
        String admin = login(a, "owner", OWNER_PASSWORD);
        createStaff(admin, "hal", "Halifax");
        createStaff(admin, "dot", DARTMOUTH);
        try (SocketClient halifax = socket(a, login(a, "hal", STAFF_PASSWORD));
                SocketClient dartmouth = socket(b, login(b, "dot", STAFF_PASSWORD));
                SocketClient owner = socket(b, admin)) {
            webhook(b, "+19025550123", HALIFAX, "For Halifax, via replica B");
            webhook(a, "+19025550188", DARTMOUTH, "For Dartmouth, via replica A");
            // The admin sees every line: once both reached them, the others have had theirs pushed too.
            owner.await(
                    e -> "For Halifax, via replica B"
                            .equals(e.path("data").path("text").asText()),
                    Duration.ofSeconds(10));
            owner.await(
                    e -> "For Dartmouth, via replica A"
                            .equals(e.path("data").path("text").asText()),
                    Duration.ofSeconds(10));
            assertEquals(List.of("For Halifax, via replica B"), texts(halifax.drain(Duration.ofSeconds(2))));
            assertEquals(List.of("For Dartmouth, via replica A"), texts(dartmouth.drain(Duration.ofSeconds(1))));
        }
    }

    static void change(String admin, int id, Map<String, Object> changes) {
        given().header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body(changes)
                .patch(a.url("/api/admin/staff/" + id))
                .then()
                .statusCode(200);
    }

    /** Milliseconds until replica B answers the token with 401. */
    static long millisUntilRefusedOnB(String token) throws InterruptedException {
        long start = System.nanoTime();
        assertTrue(Concurrently.eventually(() -> status(b, token) == 401, 10_000), "B refuses the token");
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void replicasStartingTogetherCreateOneAdmin() throws Exception {
        try (Connection db =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
                ResultSet rows =
                        db.createStatement().executeQuery("SELECT count(*) FROM staff_users WHERE role = 'admin'")) {
            rows.next();
            assertEquals(1, rows.getInt(1));
        }
    }

    @Test
    void deactivationOnOneReplicaEndsRestAndSocketSessionsOnTheOther() throws Exception {
        String admin = login(a, "owner", OWNER_PASSWORD);
        int id = createStaff(admin, "olive");
        String token = login(b, "olive", STAFF_PASSWORD);
        assertEquals(200, status(b, token));
        try (SocketClient socket =
                SocketClient.withBearer(URI.create("ws://127.0.0.1:" + b.port + "/ws/messages"), token)) {
            socket.await("hello");
            change(admin, id, Map.of("active", false));
            assertEquals(401, status(a, token), "at once on the replica that made the change");
            long millis = millisUntilRefusedOnB(token);
            assertTrue(millis < WITHIN_MILLIS, "B refused it after " + millis + " ms");
            assertEquals(1008, socket.awaitClose(Duration.ofSeconds(5)), "B closed the open socket");
        }
    }

    @Test
    void aNewRoleOrPasswordOnOneReplicaEndsSessionsOnTheOther() throws Exception {
        String admin = login(a, "owner", OWNER_PASSWORD);
        int rory = createStaff(admin, "rory");
        String roryToken = login(b, "rory", STAFF_PASSWORD);
        change(admin, rory, Map.of("role", "support"));
        assertTrue(millisUntilRefusedOnB(roryToken) < WITHIN_MILLIS);

        int sky = createStaff(admin, "sky");
        String skyToken = login(b, "sky", STAFF_PASSWORD);
        change(admin, sky, Map.of("password", "a-brand-new-password-9"));
        assertTrue(millisUntilRefusedOnB(skyToken) < WITHIN_MILLIS);
        assertEquals(200, status(b, login(b, "sky", "a-brand-new-password-9")));
    }
}
