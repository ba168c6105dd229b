package com.clubos.messages.campaign;

import static com.clubos.messages.campaign.CampaignApiTest.act;
import static com.clubos.messages.campaign.CampaignApiTest.createDraft;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.message.OutboxTestProfile;
import com.clubos.messages.openphone.OpenPhoneWireMock;
import com.clubos.messages.support.Concurrently;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A marketing campaign text that OpenPhone refused (429, 5xx) is retried when the recipient's quiet
 * hours end, never inside them; a staff text refused the same way keeps its quick backoff.
 */
@QuarkusTest
@TestProfile(OutboxTestProfile.class)
class CampaignRetryQuietHoursTest {

    private static final String SENDS = "/v1/messages";
    /** Numbers around the world: whenever the test runs, quiet hours hold for one of them. */
    private static final List<String> AROUND_THE_WORLD = List.of(
            "+19025550161", // Halifax
            "+18085550161", // Honolulu
            "+442079460161", // London
            "+74951234567", // Moscow
            "+912212345678", // Mumbai
            "+81312345678", // Tokyo
            "+61298765432"); // Sydney

    @Inject
    TestData data;

    @Inject
    QuietHoursPolicy policy;

    private WireMockServer openPhone;

    @BeforeEach
    void reset() {
        data.reset();
        openPhone = OpenPhoneWireMock.server();
        openPhone.resetAll();
    }

    /** The first call with {@code text} is refused with {@code status}, the next ones accepted. */
    private void refuseOnceThenAccept(String text, int status) {
        openPhone.stubFor(post(urlPathEqualTo(SENDS))
                .withRequestBody(containing(text))
                .inScenario(text)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(status))
                .willSetStateTo("open"));
        openPhone.stubFor(post(urlPathEqualTo(SENDS))
                .withRequestBody(containing(text))
                .inScenario(text)
                .whenScenarioStateIs("open")
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":\"AC" + Math.abs(text.hashCode())
                                + "\",\"status\":\"sent\",\"direction\":\"outgoing\"}}")));
    }

    private List<LoggedRequest> sends(String text) {
        return openPhone.findAll(postRequestedFor(urlPathEqualTo(SENDS))).stream()
                .filter(r -> r.getBodyAsString().contains(text))
                .toList();
    }

    private Instant instant(String sql) {
        Object value = data.single(sql);
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return value instanceof java.sql.Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    }

    @Test
    void aRefusedMarketingTextWaitsForTheRecipientsQuietHoursToEndAndStaffRetriesDoNot() throws Exception {
        Instant now = Instant.now();
        String number = AROUND_THE_WORLD.stream()
                .filter(n -> policy.nextAllowed(n, TestData.LINE, now).isAfter(now.plus(Duration.ofMinutes(30))))
                .findFirst()
                .orElseThrow();
        Instant opens = policy.nextOpenFor(number, TestData.LINE, now, CampaignRelease.WINDOW_MARGIN);
        // The campaign clock stands inside the window, so the text is released at once (a text released
        // just before quiet hours began); OpenPhone then refuses it and the retry falls in quiet hours.
        Instant releasedAt = opens.plus(Duration.ofHours(1));
        QuarkusMock.installMockForType(new TestClock(releasedAt), CampaignClock.class);
        refuseOnceThenAccept("Spring offer", 429);
        refuseOnceThenAccept("Staff answer", 503);

        int id = createDraft("{\"name\":\"Offer\",\"text\":\"Spring offer, reply STOP to opt out\","
                + "\"kind\":\"marketing\",\"recipients\":[\"" + number + "\"]}");
        act(id, "start").statusCode(200);
        assertTrue(Concurrently.eventually(
                () -> data.count("select count(*) from messages where campaign_id = " + id
                                + " and status = 'queued' and attempts = 1 and next_attempt_at is not null")
                        == 1,
                15_000));
        Instant refused = sends("Spring offer").get(0).getLoggedDate().toInstant();
        Instant retryAt = instant("select next_attempt_at from messages where campaign_id = " + id);
        assertEquals(opens.getEpochSecond(), retryAt.getEpochSecond(), "retried when the window opens");
        // The retries it had left are kept: the deadline moved with the wait.
        Instant deadline = instant("select give_up_at from messages where campaign_id = " + id);
        Duration moved = Duration.between(releasedAt.plus(Duration.ofHours(1)), deadline);
        assertTrue(
                moved.minus(Duration.between(refused, opens)).abs().compareTo(Duration.ofSeconds(5)) < 0,
                "deadline moved by " + moved);
        assertTrue(((String) data.single("select error_message from messages where campaign_id = " + id))
                .contains("retried when quiet hours end"));

        // A staff text to the same number, refused with a 503, is retried within its backoff.
        given().header("Authorization", TestTokens.bearer("operator"))
                .contentType("application/json")
                .body("{\"to\":\"" + number + "\",\"text\":\"Staff answer\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202);
        assertTrue(Concurrently.eventually(() -> sends("Staff answer").size() == 2, 10_000));
        assertEquals(1, sends("Spring offer").size(), "the campaign text left in quiet hours");

        // When the hours end, the campaign text goes out once.
        data.execute("UPDATE messages SET next_attempt_at = now() WHERE campaign_id = " + id);
        assertTrue(Concurrently.eventually(
                () -> data.count("select count(*) from campaign_recipients where status = 'sent'") == 1, 15_000));
        assertEquals(2, sends("Spring offer").size());
    }
}
