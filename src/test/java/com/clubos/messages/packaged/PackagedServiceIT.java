package com.clubos.messages.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.SocketClient;
import com.clubos.messages.support.TestTokens;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same flows against the packaged artifact (target/quarkus-app/quarkus-run.jar, or the native
 * binary with -Dnative): login, send, webhook and WebSocket push. No injection here: the service
 * runs in its own process, so the database is prepared over JDBC.
 */
@QuarkusIntegrationTest
class PackagedServiceIT {

    private static final String DB =
            System.getenv().getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/clubos_messages_test");
    private static final String CUSTOMER = "+19025550111";

    @TestHTTPResource("/ws/messages")
    URL socketUrl;

    @BeforeEach
    void reset() throws Exception {
        try (Connection db = DriverManager.getConnection(DB, "postgres", "")) {
            db.createStatement()
                    .execute("TRUNCATE openphone_conversations, messages, message_status, audit_log, "
                            + "staff_users, webhook_events RESTART IDENTITY CASCADE");
            try (PreparedStatement staff = db.prepareStatement("INSERT INTO staff_users (username, display_name, role, "
                    + "password_hash) VALUES ('packaged', 'Packaged Admin', 'admin', ?)")) {
                staff.setString(1, BcryptUtil.bcryptHash("packaged-password"));
                staff.executeUpdate();
            }
        }
    }

    @Test
    void staffLogInAndSendAText() {
        String token = given().contentType("application/json")
                .body("{\"username\":\"packaged\",\"password\":\"packaged-password\"}")
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .body("data.token", notNullValue())
                .extract()
                .path("data.token");
        given().header("Authorization", "Bearer " + token)
                .contentType("application/json")
                .body("{\"to\":\"" + CUSTOMER + "\",\"text\":\"From the packaged jar\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .body("data.status", equalTo("queued"));
        given().header("Authorization", "Bearer " + token)
                .get("/api/messages/conversations")
                .then()
                .body("data[0].lastMessage.text", equalTo("From the packaged jar"));
    }

    @Test
    void aSignedWebhookIsStoredAndPushedToAConnectedBrowser() throws Exception {
        try (SocketClient client =
                SocketClient.withBearer(SocketClient.socketUri(socketUrl), TestTokens.clubos("support"))) {
            client.await("hello");
            OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                            OpenPhoneWebhooks.newEventId(),
                            OpenPhoneWebhooks.newMessageId(),
                            CUSTOMER,
                            "+19025550100",
                            "Hello from a customer",
                            Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                    .then()
                    .statusCode(200);
            var event =
                    client.await(e -> "message.created".equals(e.path("type").asText()), Duration.ofSeconds(10));
            assertEquals(
                    "Hello from a customer", event.path("data").path("text").asText());
        }
        given().header("Authorization", TestTokens.bearer("support"))
                .get("/api/messages/unread-count")
                .then()
                .body("data.totalUnread", equalTo(1));
    }

    @Test
    void forgedWebhooksAndBadTokensAreRefused() {
        given().contentType("application/json")
                .body("{\"id\":\"EVx\",\"type\":\"message.received\"}")
                .post(OpenPhoneWebhooks.PATH)
                .then()
                .statusCode(401);
        given().header("Authorization", "Bearer not-a-token")
                .get("/api/messages/conversations")
                .then()
                .statusCode(401);
    }
}
