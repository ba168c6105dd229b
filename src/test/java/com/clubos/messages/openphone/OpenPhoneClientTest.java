package com.clubos.messages.openphone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(OpenPhoneWireMock.class)
class OpenPhoneClientTest {

    static final String JSON = "application/json";
    static final String CUSTOMER = "+19025550123";
    static final String LINE = "+19025550100";

    @Inject
    OpenPhoneClients clients;

    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock = OpenPhoneWireMock.server();
        wireMock.resetAll();
    }

    @Test
    void sendPostsOpenPhonesShapeWithTheRawKeyAndReadsTheTypedAnswer() {
        wireMock.stubFor(post("/v1/messages")
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", JSON)
                        .withBody("""
                        {"data":{"id":"AC123abc","to":["+19025550123"],"from":"+19025550100","text":"Bay 3 is ready",
                         "phoneNumberId":"PN123","direction":"outgoing","userId":"US123","status":"queued",
                         "createdAt":"2025-06-01T12:00:00.000Z","updatedAt":"2025-06-01T12:00:01Z",
                         "somethingNew":{"nested":true},"media":[]},"alsoNew":1}""")));

        OpenPhoneMessage sent = clients.client()
                .send(SendMessageRequest.text("Bay 3 is ready", LINE, CUSTOMER))
                .data();

        assertEquals("AC123abc", sent.id());
        assertEquals("queued", sent.status());
        assertEquals(List.of(CUSTOMER), sent.to());
        assertEquals("outgoing", sent.direction());
        assertEquals(Instant.parse("2025-06-01T12:00:00Z"), sent.createdAt());
        wireMock.verify(postRequestedFor(urlPathEqualTo("/v1/messages"))
                .withHeader("Authorization", equalTo(OpenPhoneWireMock.API_KEY))
                .withRequestBody(equalToJson("""
                        {"content":"Bay 3 is ready","from":"+19025550100","to":["+19025550123"]}""")));
    }

    @Test
    void aMessageWhoseToIsAStringAndTextIsBodyStillParses() {
        wireMock.stubFor(get("/v1/messages/AC9")
                .willReturn(aResponse().withHeader("Content-Type", JSON).withBody("""
                {"data":{"id":"AC9","to":"+19025550100","from":"+19025550123","body":"hi","direction":"incoming",
                 "status":"received","createdAt":"2025-06-01T12:00:00Z"}}""")));

        OpenPhoneMessage message = clients.client().message("AC9").data();

        assertEquals(List.of(LINE), message.to());
        assertEquals("hi", message.text());
        assertNull(message.updatedAt());
    }

    @Test
    void notEnoughCreditsIsPermanentWithOpenPhonesCodeAndMessage() {
        stubSendError(402, """
                {"message":"Not enough credits","code":"0200402","status":402,
                 "docs":"https://openphone.com/docs","title":"Payment Required"}""", null);

        OpenPhoneException e = assertThrows(OpenPhoneException.class, this::send);

        assertEquals(402, e.httpStatus());
        assertEquals("0200402", e.code());
        assertEquals("Not enough credits", e.getMessage());
        assertFalse(e.retryable());
        assertFalse(e.rateLimited());
        assertEquals(Optional.of("Payment Required"), e.error().map(OpenPhoneError::title));
    }

    @Test
    void fieldErrorsNameTheFieldButNotTheRejectedValue() {
        stubSendError(400, """
                {"message":"Invalid input","code":"0100400","status":400,"title":"Bad Request",
                 "errors":[{"path":"/content","message":"Expected string length less than 1600","value":"secret text"}]}""", null);

        OpenPhoneException e = assertThrows(OpenPhoneException.class, this::send);

        assertEquals("Invalid input (/content: Expected string length less than 1600)", e.getMessage());
        assertFalse(e.getMessage().contains("secret text"));
        assertFalse(e.retryable());
    }

    @Test
    void rateLimitedWithRetryAfterSeconds() {
        stubSendError(429, "{\"message\":\"Too many requests\",\"code\":\"0200429\",\"status\":429}", "3");

        OpenPhoneException e = assertThrows(OpenPhoneException.class, this::send);

        assertTrue(e.rateLimited());
        assertTrue(e.retryable());
        assertEquals(Optional.of(Duration.ofSeconds(3)), e.retryAfter());
    }

    @Test
    void rateLimitedWithoutRetryAfter() {
        stubSendError(429, "{\"message\":\"Too many requests\"}", null);

        OpenPhoneException e = assertThrows(OpenPhoneException.class, this::send);

        assertTrue(e.rateLimited());
        assertEquals(Optional.empty(), e.retryAfter());
    }

    @Test
    void serverErrorsAreRetryableEvenWithoutAJsonBody() {
        wireMock.stubFor(post("/v1/messages")
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html>Service Unavailable</html>")));

        OpenPhoneException e = assertThrows(OpenPhoneException.class, this::send);

        assertEquals(503, e.httpStatus());
        assertEquals("OpenPhone answered 503", e.getMessage());
        assertNull(e.code());
        assertTrue(e.retryable());
        assertFalse(e.rateLimited());
    }

    @Test
    void internalErrorIsRetryable() {
        stubSendError(500, "{\"message\":\"Internal error\",\"code\":\"0201500\",\"status\":500}", null);

        OpenPhoneException e = assertThrows(OpenPhoneException.class, this::send);

        assertTrue(e.retryable());
        assertEquals("0201500", e.code());
    }

    @Test
    void aSlowAnswerSurfacesAsProcessingException() {
        long readTimeout = Duration.parse(OpenPhoneWireMock.READ_TIMEOUT).toMillis();
        wireMock.stubFor(post("/v1/messages")
                .willReturn(aResponse()
                        .withStatus(202)
                        .withFixedDelay((int) readTimeout + 2_000)
                        .withHeader("Content-Type", JSON)
                        .withBody("{\"data\":{}}")));

        assertThrows(ProcessingException.class, this::send);
    }

    @Test
    void listMessagesPassesParticipantsAndPageTokenAndReadsTheNextToken() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages"))
                .willReturn(aResponse().withHeader("Content-Type", JSON).withBody("""
                        {"data":[{"id":"AC1","to":["+19025550123"],"from":"+19025550100","text":"a",
                                  "direction":"outgoing","status":"delivered","createdAt":"2025-06-01T12:00:00Z"}],
                         "totalItems":41,"nextPageToken":"page-3"}""")));

        OpenPhoneMessagePage page =
                clients.client().messages("PN123", List.of(CUSTOMER), 50, "page-2", "2025-06-01T00:00:00Z");

        assertEquals(1, page.data().size());
        assertEquals("AC1", page.data().get(0).id());
        assertEquals(41, page.totalItems());
        assertEquals("page-3", page.nextPageToken());
        assertTrue(page.hasMore());
        wireMock.verify(getRequestedFor(urlPathEqualTo("/v1/messages"))
                .withQueryParam("participants[]", equalTo(CUSTOMER))
                .withQueryParam("pageToken", equalTo("page-2"))
                .withQueryParam("phoneNumberId", equalTo("PN123"))
                .withQueryParam("maxResults", equalTo("50"))
                .withQueryParam("createdAfter", equalTo("2025-06-01T00:00:00Z"))
                .withHeader("Authorization", equalTo(OpenPhoneWireMock.API_KEY)));
    }

    @Test
    void phoneNumbersParse() {
        wireMock.stubFor(get("/v1/phone-numbers")
                .willReturn(aResponse().withHeader("Content-Type", JSON).withBody("""
                {"data":[{"id":"PN123","groupId":"GR1","name":"Front desk","number":"+19025550100",
                          "formattedNumber":"(902) 555-0100","symbol":"⛳","portingStatus":"completed",
                          "users":[{"id":"US1","email":"a@example.com","firstName":"Ana","lastName":"Q","role":"owner"}],
                          "restrictions":{"messaging":{"US":"unrestricted"}},
                          "createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-01-02T00:00:00Z"}]}""")));

        List<OpenPhoneNumber> numbers = clients.client().phoneNumbers().data();

        assertEquals(1, numbers.size());
        assertEquals("PN123", numbers.get(0).id());
        assertEquals(LINE, numbers.get(0).number());
        assertEquals("Front desk", numbers.get(0).name());
        assertEquals("US1", numbers.get(0).users().get(0).id());
    }

    @Test
    void contactsParseBothTheV1AndTheFlatShape() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .willReturn(aResponse().withHeader("Content-Type", JSON).withBody("""
                        {"data":[
                          {"id":"c1","externalId":null,"source":"public-api",
                           "defaultFields":{"firstName":"Jordan","lastName":"Lee","company":null,"role":null,
                             "emails":[{"name":"work","value":"jordan@example.com","id":"e1"}],
                             "phoneNumbers":[{"name":"mobile","value":"+19025550123","id":"p1"}]},
                           "customFields":[{"name":"Tier","type":"string","value":"gold","key":"tier"}],
                           "createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-01-01T00:00:00Z","createdByUserId":"US1"},
                          {"id":"c2","firstName":"Casey","lastName":null,"company":"Fairway Inc"},
                          {"id":"c3","defaultFields":{"company":"Only A Company"}},
                          {"id":"c4"}],
                         "totalItems":4,"nextPageToken":null}""")));

        OpenPhoneContactPage page = clients.client().contacts(50, "tok");

        assertEquals(4, page.data().size());
        assertEquals(Optional.of("Jordan Lee"), page.data().get(0).displayName());
        assertEquals(List.of(CUSTOMER), page.data().get(0).phoneNumbers());
        assertEquals(Optional.of("Casey"), page.data().get(1).displayName());
        assertEquals(Optional.of("Only A Company"), page.data().get(2).displayName());
        assertEquals(Optional.empty(), page.data().get(3).displayName());
        assertEquals(List.of(), page.data().get(3).phoneNumbers());
        assertFalse(page.hasMore());
        wireMock.verify(getRequestedFor(urlPathEqualTo("/v1/contacts"))
                .withQueryParam("pageToken", equalTo("tok"))
                .withQueryParam("maxResults", equalTo("50")));
    }

    private void send() {
        clients.client().send(SendMessageRequest.text("Bay 3 is ready", LINE, CUSTOMER));
    }

    private void stubSendError(int status, String body, String retryAfter) {
        var response =
                aResponse().withStatus(status).withHeader("Content-Type", JSON).withBody(body);
        if (retryAfter != null) {
            response = response.withHeader("Retry-After", retryAfter);
        }
        wireMock.stubFor(post("/v1/messages").willReturn(response));
    }
}
