package com.clubos.messages.campaign;

import static com.clubos.messages.campaign.CampaignApiTest.act;
import static com.clubos.messages.campaign.CampaignApiTest.createDraft;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.message.OutboxTestProfile;
import com.clubos.messages.openphone.OpenPhoneWireMock;
import com.clubos.messages.support.Concurrently;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Campaigns through the real outbox and the real rate limiter against WireMock playing OpenPhone:
 * campaign texts take what staff leave of the deployment-wide rate, and a STOP mid-campaign stops
 * the rest for that customer.
 */
@QuarkusTest
@TestProfile(OutboxTestProfile.class)
class CampaignOutboxTest {

    private static final Logger LOG = Logger.getLogger(CampaignOutboxTest.class);
    private static final String SENDS = "/v1/messages";
    /** OPENPHONE_RATE_LIMIT's default: calls per second for the whole deployment. */
    private static final double RATE = 9.5;

    @Inject
    TestData data;

    private WireMockServer openPhone;

    @BeforeEach
    void reset() {
        data.reset();
        openPhone = OpenPhoneWireMock.server();
        openPhone.resetAll();
        QuarkusMock.installMockForType(new TestClock(TestClock.middayHalifax()), CampaignClock.class);
    }

    private void acceptAll(int delayMillis) {
        openPhone.stubFor(post(urlPathEqualTo(SENDS))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withFixedDelay(delayMillis)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":\"AC{{randomValue length=24 type='ALPHANUMERIC'}}\","
                                + "\"status\":\"sent\",\"direction\":\"outgoing\"}}")
                        .withTransformers("response-template")));
    }

    private static String recipients(int count, int first) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add("\"+1902555%04d\"".formatted(first + i));
        }
        return numbers.toString();
    }

    private List<LoggedRequest> sends(String content) {
        return openPhone.findAll(postRequestedFor(urlPathEqualTo(SENDS))).stream()
                .filter(r -> r.getBodyAsString().contains(content))
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .toList();
    }

    @Test
    void aStaffReplyOvertakesA500RecipientCampaignWhichUsesTheRestOfTheRate() throws Exception {
        acceptAll(0);
        int campaign = createDraft("{\"name\":\"Big\",\"text\":\"League night campaign\",\"kind\":\"informational\","
                + "\"recipients\":" + recipients(500, 4000) + "}");
        act(campaign, "start").statusCode(200);
        assertTrue(Concurrently.eventually(() -> sends("League night campaign").size() >= 100, 60_000));

        Instant accepted = Instant.now();
        given().header("Authorization", TestTokens.bearer("operator"))
                .contentType("application/json")
                .body("{\"to\":\"+19025550111\",\"text\":\"Staff reply during the campaign\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202);
        assertTrue(Concurrently.eventually(
                () -> sends("Staff reply during the campaign").size() == 1, 10_000));
        Instant reached =
                sends("Staff reply during the campaign").get(0).getLoggedDate().toInstant();
        long campaignTextsStillWaiting =
                data.count("select count(*) from campaign_recipients where status in ('pending', 'queued')");

        assertTrue(Concurrently.eventually(() -> sends("League night campaign").size() == 500, 120_000));
        List<LoggedRequest> campaignSends = sends("League night campaign");
        Instant first = campaignSends.get(0).getLoggedDate().toInstant();
        Instant last = campaignSends.get(499).getLoggedDate().toInstant();
        long after = campaignSends.stream()
                .filter(r -> r.getLoggedDate().toInstant().isAfter(reached))
                .count();
        Duration drain = Duration.between(first, last);
        Duration ideal = Duration.ofMillis((long) (499 / RATE * 1000));
        LOG.infof(
                "500 campaign texts in %d ms (ideal %d ms at %.1f/s); staff reply reached OpenPhone %d ms after it was"
                        + " accepted, ahead of %d campaign texts; load %s",
                drain.toMillis(),
                ideal.toMillis(),
                RATE,
                Duration.between(accepted, reached).toMillis(),
                after,
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                        .strip());

        assertTrue(
                Duration.between(accepted, reached).compareTo(Duration.ofSeconds(2)) <= 0,
                "staff reply waited too long");
        assertTrue(after > 300 && campaignTextsStillWaiting > 300, "the staff reply overtook the campaign's queue");
        // Never above the limit, and no idle gaps: the campaign used what the staff reply left.
        assertTrue(drain.compareTo(ideal.multipliedBy(95).dividedBy(100)) >= 0, "faster than the rate limit: " + drain);
        assertTrue(drain.compareTo(ideal.multipliedBy(13).dividedBy(10)) <= 0, "idle gaps: " + drain);
        assertTrue(Concurrently.eventually(
                () -> data.count("select count(*) from campaign_recipients where status = 'sent'") == 500, 10_000));
    }

    @Test
    void aStopMidCampaignStopsTheRestForThatCustomerAndOnlyThem() throws Exception {
        acceptAll(400);
        int campaign = createDraft("{\"name\":\"Slow\",\"text\":\"Slow campaign text\",\"kind\":\"informational\","
                + "\"recipients\":" + recipients(30, 5000) + "}");
        act(campaign, "start").statusCode(200);
        assertTrue(Concurrently.eventually(() -> sends("Slow campaign text").size() >= 1, 20_000));
        String quitter = "+19025555029"; // the last recipient: released late, or waiting in the outbox
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        quitter,
                        TestData.LINE,
                        "STOP",
                        Instant.now()))
                .then()
                .statusCode(200);

        assertTrue(Concurrently.eventually(
                () -> "completed".equals(data.single("select state from campaigns where id = " + campaign))
                        && data.count("select count(*) from campaign_recipients where status in ('pending', 'queued')")
                                == 0,
                60_000));
        assertEquals(29, sends("Slow campaign text").size());
        assertTrue(sends("Slow campaign text").stream()
                .noneMatch(r -> r.getBodyAsString().contains(quitter)));
        assertEquals(
                "skipped:opted_out",
                data.single("select status || ':' || skip_reason from campaign_recipients where phone_number = '"
                        + quitter + "'"));
        assertEquals(29, data.count("select count(*) from campaign_recipients where status = 'sent'"));
    }
}
