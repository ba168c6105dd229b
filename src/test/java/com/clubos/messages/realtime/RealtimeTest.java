package com.clubos.messages.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.support.Concurrently;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.SocketClient;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RealtimeTest {

    private static final String CUSTOMER = "+19025550111";

    @Inject
    TestData data;

    @Inject
    ChangeListener listener;

    @TestHTTPResource("/ws/messages")
    URL socketUrl;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private URI uri;

    @BeforeEach
    void reset() throws Exception {
        data.reset();
        uri = SocketClient.socketUri(socketUrl);
        assertTrue(Concurrently.eventually(listener::listening, 10_000), "listener up");
    }

    private static void textFrom(String customer, String text) {
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        customer,
                        TestData.LINE,
                        text,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .then()
                .statusCode(200);
    }

    private static boolean created(JsonNode event, String text) {
        return "message.created".equals(event.path("type").asText())
                && text.equals(event.path("data").path("text").asText());
    }

    @Test
    void aCustomersTextReachesAConnectedBrowserAtOnce() throws Exception {
        try (SocketClient client = SocketClient.withBearer(uri, TestTokens.clubos("support"))) {
            client.await("hello");
            textFrom(CUSTOMER, "Is bay 3 free?");
            JsonNode event = client.await(e -> created(e, "Is bay 3 free?"), Duration.ofSeconds(5));
            assertEquals("inbound", event.path("data").path("direction").asText());
            assertEquals(CUSTOMER, event.path("phoneNumber").asText());
            assertEquals(1, event.path("conversation").path("unread_count").asInt());
            assertTrue(event.path("seq").asLong() > 0);
        }
    }

    @Test
    void browsersCanPassTheTokenAsSubprotocolOrQueryParameter() throws Exception {
        String token = TestTokens.clubos("operator");
        try (SocketClient viaProtocol = SocketClient.connect(
                        uri,
                        List.of(),
                        "bearer-token-carrier",
                        "quarkus-http-upgrade#Authorization#Bearer%20" + token);
                SocketClient viaQuery = SocketClient.connect(URI.create(uri + "?access_token=" + token), List.of())) {
            viaProtocol.await("hello");
            viaQuery.await("hello");
        }
    }

    @Test
    void aNotifyFromAnotherReplicaReachesClientsHere() throws Exception {
        long messageId = data.inbound(CUSTOMER, "stored by replica B", Instant.now());
        long conversationId = data.count("select conversation_id from messages where id = " + messageId);
        try (SocketClient client = SocketClient.withBearer(uri, TestTokens.clubos("support"))) {
            client.await("hello");
            // Replica B's transaction: a change row and a NOTIFY, on its own connection.
            try (Connection replicaB = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
                replicaB.setAutoCommit(false);
                long seq;
                try (PreparedStatement insert = replicaB.prepareStatement(
                        "INSERT INTO change_events (type, conversation_id, message_id) VALUES ('message.created', ?, ?) RETURNING seq")) {
                    insert.setLong(1, conversationId);
                    insert.setLong(2, messageId);
                    try (ResultSet row = insert.executeQuery()) {
                        row.next();
                        seq = row.getLong(1);
                    }
                }
                replicaB.commit();
                // Replica B announces it after commit, as ChangeNotifier does.
                replicaB.createStatement().execute("NOTIFY clubos_changes, '" + seq + "'");
                replicaB.commit();
            }
            client.await(e -> created(e, "stored by replica B"), Duration.ofSeconds(5));
        }
    }

    @Test
    void aChangeWhoseReplicaDiedBeforeItsNotifyStillReachesClientsOnce() throws Exception {
        long messageId = data.inbound(CUSTOMER, "committed, then kill -9", Instant.now());
        long conversationId = data.count("select conversation_id from messages where id = " + messageId);
        try (SocketClient client = SocketClient.withBearer(uri, TestTokens.clubos("support"))) {
            client.await("hello");
            // Replica B committed its change and was killed before its batched NOTIFY went out.
            long seq = data.count("insert into change_events (type, conversation_id, message_id) values "
                    + "('message.created', " + conversationId + ", " + messageId + ") returning seq");
            JsonNode event = client.await(e -> created(e, "committed, then kill -9"), Duration.ofSeconds(15));
            assertEquals(seq, event.path("seq").asLong());
            assertTrue(
                    client.drain(Duration.ofSeconds(6)).stream()
                            .noneMatch(e -> e.path("seq").asLong() == seq),
                    "pushed once, not again by the next sweep");
        }
    }

    @Test
    void aChangeReplayedByAResumeIsNotPushedAgainByTheSweep() throws Exception {
        long messageId = data.inbound(CUSTOMER, "replayed once", Instant.now());
        long conversationId = data.count("select conversation_id from messages where id = " + messageId);
        long seq = data.count("insert into change_events (type, conversation_id, message_id) values "
                + "('message.created', " + conversationId + ", " + messageId + ") returning seq");
        try (SocketClient client = SocketClient.withBearer(uri, TestTokens.clubos("support"))) {
            client.await("hello");
            // A browser that was connected to a replica that died comes back and resumes.
            client.send("{\"type\":\"resume\",\"after\":" + (seq - 1) + "}");
            JsonNode replayed = client.await(e -> created(e, "replayed once"), Duration.ofSeconds(5));
            assertEquals(seq, replayed.path("seq").asLong());
            client.await("resumed");
            assertTrue(
                    client.drain(Duration.ofSeconds(8)).stream()
                            .noneMatch(e -> e.path("seq").asLong() == seq),
                    "the sweep found the unannounced change but this client already had it");
        }
    }

    @Test
    void statusUpdatesArriveInOrderForEachMessage() throws Exception {
        long id = data.sent(CUSTOMER, "hello", null);
        data.single("update messages set status = 'queued' where id = " + id + " returning id");
        try (SocketClient client = SocketClient.withBearer(uri, TestTokens.clubos("support"))) {
            client.await("hello");
            for (MessageStatus status : List.of(MessageStatus.SENDING, MessageStatus.SENT, MessageStatus.DELIVERED)) {
                assertTrue(data.advanceAndPublish(id, status));
            }
            List<String> seen = new java.util.ArrayList<>();
            long lastSeq = 0;
            for (int i = 0; i < 3; i++) {
                JsonNode event = client.await("message.status");
                assertTrue(event.path("seq").asLong() > lastSeq, "sequence increases");
                lastSeq = event.path("seq").asLong();
                seen.add(event.path("data").path("status").asText());
            }
            // Each event carries the row as loaded when pushed, so it may already show a later
            // status, but never an earlier one than the one before it.
            List<String> order = List.of("sending", "sent", "delivered");
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(order.indexOf(seen.get(i)) >= order.indexOf(seen.get(i - 1)), "in order: " + seen);
            }
            assertEquals("delivered", seen.get(2));
        }
    }

    @Test
    void aClientSubscribedToOneConversationGetsOnlyThatOne() throws Exception {
        data.inbound(CUSTOMER, "first", Instant.now());
        long mine = data.count("select id from openphone_conversations where phone_number = '" + CUSTOMER + "'");
        try (SocketClient client = SocketClient.withBearer(uri, TestTokens.clubos("support"))) {
            client.await("hello");
            client.send("{\"type\":\"subscribe\",\"list\":false,\"conversations\":[" + mine + "]}");
            client.await("subscribed");
            textFrom("+17825550142", "someone else");
            textFrom(CUSTOMER, "mine");
            client.await(e -> created(e, "mine"), Duration.ofSeconds(5));
            assertTrue(client.drain(Duration.ofMillis(300)).stream().noneMatch(e -> created(e, "someone else")));
        }
    }

    @Test
    void aClientThatResumesGetsExactlyWhatItMissed() throws Exception {
        long lastSeen;
        try (SocketClient client = SocketClient.withBearer(uri, TestTokens.clubos("support"))) {
            textFrom(CUSTOMER, "before the disconnect");
            lastSeen = client.await(e -> created(e, "before the disconnect"), Duration.ofSeconds(5))
                    .path("seq")
                    .asLong();
        }
        textFrom(CUSTOMER, "missed 1");
        textFrom(CUSTOMER, "missed 2");
        long expected = data.count("select count(*) from change_events where seq > " + lastSeen);
        try (SocketClient client = SocketClient.withBearer(uri, TestTokens.clubos("support"))) {
            client.await("hello");
            client.send("{\"type\":\"resume\",\"after\":" + lastSeen + "}");
            JsonNode first = client.await(
                    e -> e.has("seq") && !"hello".equals(e.path("type").asText()), Duration.ofSeconds(5));
            assertTrue(created(first, "missed 1"), "replay starts with the first missed event: " + first);
            JsonNode second = client.await(e -> created(e, "missed 2"), Duration.ofSeconds(5));
            assertTrue(second.path("seq").asLong() > first.path("seq").asLong());
            JsonNode resumed = client.await("resumed");
            assertEquals(expected, resumed.path("replayed").asLong());
        }
    }

    @Test
    void theListenerSurvivesItsConnectionBeingKilled() throws Exception {
        try (SocketClient client = SocketClient.withBearer(uri, TestTokens.clubos("support"))) {
            client.await("hello");
            data.single("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = '"
                    + ChangeListener.APPLICATION_NAME + "'");
            // Committed while the listener is away: pushed once it is back.
            textFrom(CUSTOMER, "during the outage");
            client.await(e -> created(e, "during the outage"), Duration.ofSeconds(10));
            assertTrue(Concurrently.eventually(listener::listening, 10_000));
            textFrom(CUSTOMER, "after the outage");
            client.await(e -> created(e, "after the outage"), Duration.ofSeconds(10));
        }
    }

    @Test
    void socketsWithoutAValidStaffTokenAreClosedWithPolicyViolationAndGetNothing() throws Exception {
        String expired = TestTokens.sign(
                TestTokens.claims("admin").expiresAt(Instant.now().minusSeconds(600)));
        String otherSecret = TestTokens.claims("admin").jws().signWithSecret("another-secret-0123456789-abcdefghij");
        List<SocketClient> refused = List.of(
                SocketClient.connect(uri, List.of()),
                SocketClient.withBearer(uri, "not-a-jwt"),
                SocketClient.withBearer(uri, expired),
                SocketClient.withBearer(uri, otherSecret),
                SocketClient.withBearer(uri, TestTokens.clubos("kiosk")),
                SocketClient.connect(URI.create(uri + "?access_token=garbage"), List.of()));
        for (SocketClient client : refused) {
            assertEquals(1008, client.awaitClose(Duration.ofSeconds(5)));
            assertTrue(client.drain(Duration.ofMillis(50)).isEmpty(), "nothing is sent before the close");
        }
    }

    @Test
    void theSocketClosesWithPolicyViolationWhenTheTokenExpires() throws Exception {
        String shortLived = TestTokens.sign(
                TestTokens.claims("admin").expiresAt(Instant.now().plusSeconds(2)));
        try (SocketClient client = SocketClient.withBearer(uri, shortLived)) {
            client.await("hello");
            assertEquals(1008, client.awaitClose(Duration.ofSeconds(10)));
        }
    }
}
