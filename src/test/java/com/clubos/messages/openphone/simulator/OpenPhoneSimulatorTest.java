package com.clubos.messages.openphone.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.openphone.OpenPhoneClients;
import com.clubos.messages.openphone.OpenPhoneContact;
import com.clubos.messages.openphone.OpenPhoneMessage;
import com.clubos.messages.openphone.OpenPhoneMessagePage;
import com.clubos.messages.openphone.OpenPhoneNumber;
import com.clubos.messages.openphone.OpenPhoneWireMock;
import com.clubos.messages.openphone.SendMessageRequest;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SimulatorProfile.class)
class OpenPhoneSimulatorTest {

    static final String LINE = "+19025550100";
    static final String CUSTOMER = "+19025550123";

    @Inject
    OpenPhoneClients clients;

    @Inject
    SimulatorRateLimiter limiter;

    WireMockServer capture;

    @BeforeEach
    void reset() {
        limiter.reset();
        capture = OpenPhoneWireMock.server();
        capture.resetAll();
        capture.stubFor(
                post(OpenPhoneWireMock.WEBHOOK_PATH).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void theClientIsPointedAtTheSimulatorOnTheTestPort() {
        // Under @QuarkusTest, quarkus.http.port reads as the port the test server listens on.
        assertEquals(
                "http://127.0.0.1:" + RestAssured.port + "/openphone-simulator",
                clients.baseUri().toString());
    }

    @Test
    void aSendIsAnswered202InOpenPhonesShape() {
        given().header("Authorization", "any-key")
                .contentType(ContentType.JSON)
                .body("{\"content\":\"Your bay is ready\",\"from\":\"" + LINE + "\",\"to\":[\"" + CUSTOMER + "\"]}")
                .post("/openphone-simulator/v1/messages")
                .then()
                .statusCode(202)
                .body("data.id", startsWith("AC"))
                .body("data.to", equalTo(List.of(CUSTOMER)))
                .body("data.from", equalTo(LINE))
                .body("data.text", equalTo("Your bay is ready"))
                .body("data.phoneNumberId", nullValue())
                .body("data.direction", equalTo("outgoing"))
                .body("data.userId", equalTo("USsim"))
                .body("data.status", equalTo("sent"))
                .body("data.createdAt", startsWith("20"))
                .body("data.updatedAt", startsWith("20"));
    }

    @Test
    void anInvalidSendIsAnswered400InOpenPhonesErrorShape() {
        // The old ClubOS shape: text instead of content, to as a string.
        given().header("Authorization", "any-key")
                .contentType(ContentType.JSON)
                .body("{\"text\":\"hi\",\"from\":\"" + LINE + "\",\"to\":\"" + CUSTOMER + "\"}")
                .post("/openphone-simulator/v1/messages")
                .then()
                .statusCode(400)
                .body("status", equalTo(400))
                .body("code", equalTo("0100400"))
                .body("title", equalTo("Bad Request"))
                .body("message", equalTo("Invalid request"))
                .body("docs", startsWith("https://"))
                .body("errors.path", hasItem("/content"))
                .body("errors.path", hasItem("/to"));

        for (String content : List.of("   ", "x".repeat(1601))) {
            given().header("Authorization", "any-key")
                    .contentType(ContentType.JSON)
                    .body("{\"content\":\"" + content + "\",\"from\":\"" + LINE + "\",\"to\":[\"" + CUSTOMER + "\"]}")
                    .post("/openphone-simulator/v1/messages")
                    .then()
                    .statusCode(400)
                    .body("errors[0].path", equalTo("/content"));
        }
    }

    @Test
    void withoutAnAuthorizationHeaderItIs401() {
        given().get("/openphone-simulator/v1/phone-numbers")
                .then()
                .statusCode(401)
                .body("code", equalTo("0200401"));
    }

    @Test
    void moreThanTenRequestsInASecondAre429WithRetryAfter() {
        // Requests of earlier tests may still sit in the one-second window.
        limiter.reset();
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(given().header("Authorization", "any-key").get("/openphone-simulator/v1/phone-numbers"));
        }
        limiter.reset();

        for (int i = 0; i < SimulatorRateLimiter.REQUESTS_PER_SECOND; i++) {
            assertEquals(200, answers.get(i).statusCode(), "request " + i);
        }
        Response limited = answers.stream()
                .filter(r -> r.statusCode() == 429)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no 429 among 20 requests"));
        assertEquals("1", limited.header("Retry-After"));
        assertEquals(429, limited.jsonPath().getInt("status"));
        assertEquals("Too Many Requests", limited.jsonPath().getString("title"));
    }

    @Test
    void aSendThroughTheTypedClientIsDeliveredWithASignedWebhook() throws Exception {
        OpenPhoneMessage sent = clients.client()
                .send(SendMessageRequest.text("Bay 3 at 6pm", LINE, CUSTOMER))
                .data();

        LoggedRequest webhook = Webhooks.await(capture, "message.delivered", sent.id());
        Webhooks.assertSigned(webhook, SimulatorProfile.SECRET);
        var event = Webhooks.json(webhook);
        assertTrue(event.path("id").asText().startsWith("EV"));
        assertEquals("event", event.path("object").asText());
        assertEquals("v3", event.path("apiVersion").asText());
        assertTrue(event.path("createdAt").asText().endsWith("Z"));
        var message = event.path("data").path("object");
        assertEquals("message", message.path("object").asText());
        assertEquals(LINE, message.path("from").asText());
        assertEquals(CUSTOMER, message.path("to").get(0).asText());
        assertEquals("outgoing", message.path("direction").asText());
        assertEquals("Bay 3 at 6pm", message.path("text").asText());
        assertEquals("delivered", message.path("status").asText());
        assertEquals("USsim", message.path("userId").asText());
        assertEquals("PNsim", message.path("phoneNumberId").asText());
        assertEquals("CNsim", message.path("conversationId").asText());

        assertEquals("delivered", clients.client().message(sent.id()).data().status());
        OpenPhoneMessagePage page = clients.client().messages(null, List.of(CUSTOMER), 100, null, null);
        assertTrue(page.data().stream().anyMatch(m -> m.id().equals(sent.id())), "listed by participant");
    }

    @Test
    void aFailedWebhookIsRetried() throws Exception {
        capture.resetAll();
        capture.stubFor(post(OpenPhoneWireMock.WEBHOOK_PATH)
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        capture.stubFor(post(OpenPhoneWireMock.WEBHOOK_PATH)
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));

        OpenPhoneMessage sent = clients.client()
                .send(SendMessageRequest.text("Retry me", LINE, CUSTOMER))
                .data();

        Webhooks.awaitCount(capture, sent.id(), 2);
        List<LoggedRequest> posts = capture.findAll(postRequestedFor(urlPathEqualTo(OpenPhoneWireMock.WEBHOOK_PATH)));
        assertEquals(
                Webhooks.json(posts.get(0)).path("id"),
                Webhooks.json(posts.get(1)).path("id"),
                "same event");
        Webhooks.assertSigned(posts.get(1), SimulatorProfile.SECRET);
    }

    @Test
    void aCustomerReplyArrivesAsASignedMessageReceived() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body("{\"from\":\"" + CUSTOMER + "\",\"to\":\"" + LINE + "\",\"text\":\"On my way\"}")
                .post("/openphone-simulator/customer-reply")
                .then()
                .statusCode(202)
                .body("data.direction", equalTo("incoming"))
                .extract()
                .path("data.id");

        LoggedRequest webhook = Webhooks.await(capture, "message.received", id);
        Webhooks.assertSigned(webhook, SimulatorProfile.SECRET);
        var message = Webhooks.json(webhook).path("data").path("object");
        assertEquals(CUSTOMER, message.path("from").asText());
        assertEquals(LINE, message.path("to").asText(), "to is a plain string in this payload");
        assertEquals("On my way", message.path("body").asText());
        assertEquals("incoming", message.path("direction").asText());
        assertEquals("received", message.path("status").asText());
    }

    @Test
    void contactsAndPhoneNumbersComeInOpenPhonesShapes() {
        List<OpenPhoneContact> contacts = clients.client().contacts(null, null).data();
        Optional<String> jordan = contacts.stream()
                .filter(c -> c.phoneNumbers().contains(CUSTOMER))
                .findFirst()
                .flatMap(OpenPhoneContact::displayName);
        assertEquals(Optional.of("Jordan Lee"), jordan);

        List<OpenPhoneNumber> numbers = clients.client().phoneNumbers().data();
        assertEquals("PNsim", numbers.get(0).id());
        assertEquals(LINE, numbers.get(0).number());
    }
}
