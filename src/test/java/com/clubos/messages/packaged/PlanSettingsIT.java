package com.clubos.messages.packaged;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.openphone.WebhookSignatures;
import com.clubos.messages.support.Concurrently;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deployment configured the way the ClubOS plan (section 5.2) says, and nothing else: OPENPHONE_API_KEY,
 * OPENPHONE_WEBHOOK_SECRET and OPENPHONE_DEFAULT_NUMBER, plus the database URL (in the postgres:// form
 * ClubOS's backend uses) and CLUBOS_JWT_SECRET. OpenPhone is WireMock (OPENPHONE_BASE_URL).
 */
class PlanSettingsIT {

    static final String API_KEY = "plan-openphone-api-key-123";
    static final String WEBHOOK_SECRET =
            Base64.getEncoder().encodeToString("the-plans-one-webhook-secret".getBytes(StandardCharsets.UTF_8));
    static final String JWT_SECRET = "plan-clubos-jwt-secret-0123456789abcdef";
    static final String LINE = "+19025550100";
    static final String CUSTOMER = "+19025550177";

    static WireMockServer openPhone;
    static ServiceProcess service;

    @BeforeAll
    static void deployWithThePlansVariables() throws Exception {
        openPhone =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        openPhone.start();
        openPhone.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":[],\"totalItems\":0,\"nextPageToken\":null}")));
        openPhone.stubFor(post(urlEqualTo("/v1/messages"))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":\"ACplan0001\",\"to\":[\"" + CUSTOMER + "\"],\"from\":\"" + LINE
                                + "\",\"text\":\"Your bay is ready\",\"direction\":\"outgoing\",\"status\":\"queued\","
                                + "\"createdAt\":\"" + Instant.now() + "\",\"updatedAt\":\"" + Instant.now()
                                + "\"}}")));
        String database = ServiceProcess.freshDatabase("plan");
        service = ServiceProcess.start(
                "plan",
                Map.of(
                        "OPENPHONE_API_KEY", API_KEY,
                        "OPENPHONE_WEBHOOK_SECRET", WEBHOOK_SECRET,
                        "OPENPHONE_DEFAULT_NUMBER", LINE,
                        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/" + database + "?sslmode=disable",
                        "CLUBOS_JWT_SECRET", JWT_SECRET,
                        "OPENPHONE_BASE_URL", openPhone.baseUrl()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (openPhone != null) {
            openPhone.stop();
        }
    }

    static String clubosToken(String role) {
        return "Bearer " + TestTokens.claims(role).jws().signWithSecret(JWT_SECRET);
    }

    @Test
    void startUpSaysWhichSecretsAreConfiguredButNeverTheirValues() throws Exception {
        String log = service.output();
        assertTrue(log.contains("verified with 1 signing secret(s): OpenPhone (base64)"), log);
        assertFalse(log.contains(WEBHOOK_SECRET), "the webhook secret is never logged");
        assertFalse(log.contains(API_KEY), "the API key is never logged");
        assertFalse(log.contains(JWT_SECRET), "the JWT secret is never logged");
    }

    @Test
    void aSignedWebhookIsStoredAndAClubosTokenReadsIt() {
        byte[] body = OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        CUSTOMER,
                        LINE,
                        "Is bay 2 free at 6?",
                        Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().toEpochMilli());
        given().contentType(ContentType.JSON)
                .header(
                        "openphone-signature",
                        WebhookSignatures.openPhoneHeader(WebhookSignatures.key(WEBHOOK_SECRET), timestamp, body))
                .body(body)
                .post(service.url("/api/openphone/webhook"))
                .then()
                .statusCode(200);
        given().header("Authorization", clubosToken("operator"))
                .get(service.url("/api/messages/conversations"))
                .then()
                .statusCode(200)
                .body("data.lastMessage.text", hasItem("Is bay 2 free at 6?"));
    }

    @Test
    void aSendFromAClubosTokenReachesOpenPhoneFromTheDefaultNumber() throws Exception {
        given().header("Authorization", clubosToken("support"))
                .contentType(ContentType.JSON)
                .body(Map.of("to", CUSTOMER, "text", "Your bay is ready"))
                .post(service.url("/api/messages/send"))
                .then()
                .statusCode(202);
        assertTrue(
                Concurrently.eventually(
                        () -> !openPhone
                                .findAll(postRequestedFor(urlEqualTo("/v1/messages")))
                                .isEmpty(),
                        15_000),
                "the outbox called OpenPhone");
        openPhone.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("Authorization", equalTo(API_KEY))
                .withRequestBody(equalToJson(
                        "{\"content\":\"Your bay is ready\",\"from\":\"" + LINE + "\",\"to\":[\"" + CUSTOMER + "\"]}",
                        true,
                        true)));
    }

    @Test
    void theSetupLinkInTheLogCreatesTheFirstAdmin() throws Exception {
        Matcher link = Pattern.compile("/setup\\?code=([A-Za-z0-9_-]+)").matcher(service.output());
        assertTrue(link.find(), "an empty deployment prints a setup link");
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("code", link.group(1), "username", "owner", "password", "opening-night-at-the-club"))
                .post(service.url("/api/auth/setup"))
                .then()
                .statusCode(200)
                .extract()
                .path("data.token");
        given().header("Authorization", "Bearer " + token)
                .get(service.url("/api/admin/staff"))
                .then()
                .statusCode(200)
                .body("data.username", hasItem("owner"));
    }
}
