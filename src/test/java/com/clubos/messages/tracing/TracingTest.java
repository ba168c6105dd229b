package com.clubos.messages.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.openphone.OpenPhoneWireMock;
import com.clubos.messages.realtime.ChangeListener;
import com.clubos.messages.support.Concurrently;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.SocketClient;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One trace follows a text through the service, whichever thread or replica does the next step. */
@QuarkusTest
@TestProfile(TracingTestProfile.class)
class TracingTest {

    private static final String CUSTOMER = "+19025550111";

    @Inject
    TestData data;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    ChangeListener listener;

    @TestHTTPResource("/ws/messages")
    URL socketUrl;

    private WireMockServer openPhone;

    @BeforeEach
    void reset() throws Exception {
        data.reset();
        openPhone = OpenPhoneWireMock.server();
        openPhone.resetAll();
        assertTrue(Concurrently.eventually(listener::listening, 10_000), "listener up");
        spans.reset();
    }

    @Test
    void aCustomersTextIsOneTraceFromTheWebhookThroughItsTransactionToTheWebSocketPush() throws Exception {
        try (SocketClient browser =
                SocketClient.withBearer(SocketClient.socketUri(socketUrl), TestTokens.clubos("support"))) {
            browser.await("hello");
            OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                            OpenPhoneWebhooks.newEventId(),
                            OpenPhoneWebhooks.newMessageId(),
                            CUSTOMER,
                            TestData.LINE,
                            "Is bay 3 free?",
                            Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                    .then()
                    .statusCode(200);
            browser.await(e -> "message.created".equals(e.path("type").asText()), Duration.ofSeconds(5));
        }

        SpanData request =
                awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/api/openphone/webhook"));
        SpanData ingest = awaitSpan(s -> s.getName().equals("webhook ingest"));
        SpanData push = awaitSpan(
                s -> s.getName().equals("websocket push") && s.getTraceId().equals(request.getTraceId()));

        assertEquals(request.getTraceId(), ingest.getTraceId());
        assertEquals(request.getSpanId(), ingest.getParentSpanId(), "the transaction runs inside the request");
        assertEquals(ingest.getSpanId(), push.getParentSpanId(), "the push continues the transaction's trace");
        assertEquals(
                1L,
                push.getAttributes().asMap().entrySet().stream()
                        .filter(a -> a.getKey().getKey().equals("clubos.clients"))
                        .findFirst()
                        .orElseThrow()
                        .getValue());
    }

    @Test
    void aStaffSendIsOneTraceFromTheRequestThroughTheOutboxToOpenPhoneAndThePush() throws Exception {
        openPhone.stubFor(post(urlPathEqualTo("/v1/messages"))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":\"ACtrace0001\",\"status\":\"sent\",\"direction\":\"outgoing\","
                                + "\"to\":[\"+19025550111\"],\"from\":\"+19025550100\"}}")));
        try (SocketClient browser =
                SocketClient.withBearer(SocketClient.socketUri(socketUrl), TestTokens.clubos("operator"))) {
            browser.await("hello");
            given().header("Authorization", TestTokens.bearer("operator"))
                    .contentType("application/json")
                    .body("{\"to\":\"" + CUSTOMER + "\",\"text\":\"Your bay is ready\"}")
                    .post("/api/messages/send")
                    .then()
                    .statusCode(202);
            browser.await(
                    e -> "message.status".equals(e.path("type").asText())
                            && "sent".equals(e.path("data").path("status").asText()),
                    Duration.ofSeconds(10));
        }

        SpanData request =
                awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/api/messages/send"));
        SpanData accept = awaitSpan(s -> s.getName().equals("send accept"));
        SpanData outbox = awaitSpan(s -> s.getName().equals("outbox send"));
        SpanData call =
                awaitSpan(s -> s.getKind() == SpanKind.CLIENT && s.getTraceId().equals(request.getTraceId()));
        List<SpanData> pushes = awaitSpans(
                s -> s.getName().equals("websocket push") && s.getTraceId().equals(request.getTraceId()), 2);

        assertEquals(request.getSpanId(), accept.getParentSpanId());
        assertEquals(request.getTraceId(), outbox.getTraceId(), "the outbox carries on the request's trace");
        assertEquals(accept.getSpanId(), outbox.getParentSpanId());
        assertEquals(outbox.getSpanId(), call.getParentSpanId());
        assertTrue(pushes.stream().anyMatch(p -> p.getParentSpanId().equals(accept.getSpanId())), "created");
        assertTrue(pushes.stream().anyMatch(p -> p.getParentSpanId().equals(outbox.getSpanId())), "sent");

        LoggedRequest atOpenPhone = openPhone
                .findAll(postRequestedFor(urlPathEqualTo("/v1/messages")))
                .get(0);
        assertEquals(
                "00-" + call.getTraceId() + "-" + call.getSpanId() + "-01",
                atOpenPhone.getHeader("traceparent"),
                "OpenPhone is called with our traceparent");
    }

    private SpanData awaitSpan(Predicate<SpanData> match) throws InterruptedException {
        return awaitSpans(match, 1).get(0);
    }

    private List<SpanData> awaitSpans(Predicate<SpanData> match, int count) throws InterruptedException {
        Concurrently.eventually(
                () -> spans.getFinishedSpanItems().stream().filter(match).count() >= count, 10_000);
        List<SpanData> found =
                spans.getFinishedSpanItems().stream().filter(match).toList();
        assertTrue(found.size() >= count, () -> "no such span among " + names());
        return found;
    }

    private List<String> names() {
        return spans.getFinishedSpanItems().stream()
                .map(s -> s.getKind() + " " + s.getName())
                .toList();
    }
}
