package com.clubos.messages.campaign;

import static com.clubos.messages.campaign.CampaignApiTest.BASE;
import static com.clubos.messages.campaign.CampaignApiTest.act;
import static com.clubos.messages.campaign.CampaignApiTest.createDraft;
import static com.clubos.messages.campaign.CampaignApiTest.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.support.Concurrently;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Releasing recipients into the outbox (switched off here, so released texts stay queued):
 * placeholders, the timeline, opt-outs and the cap at send time, quiet hours, pause and cancel,
 * exactly once under concurrent dispatchers.
 */
@QuarkusTest
class CampaignReleaseTest {

    private static final ZoneId HALIFAX = ZoneId.of("America/Halifax");

    @Inject
    TestData data;

    @Inject
    CampaignRelease release;

    TestClock clock;

    @BeforeEach
    void reset() {
        data.reset();
        clock = new TestClock(TestClock.middayHalifax());
        QuarkusMock.installMockForType(clock, CampaignClock.class);
    }

    private long released(int campaign) {
        return data.count("select count(*) from messages where campaign_id = " + campaign);
    }

    private String recipientStatus(String number) {
        return (String) data.single("select status || coalesce(':' || skip_reason, '') from campaign_recipients"
                + " where phone_number = '" + number + "'");
    }

    private boolean settled(int campaign) throws InterruptedException {
        return Concurrently.eventually(
                () -> "completed".equals(data.single("select state from campaigns where id = " + campaign)), 15_000);
    }

    @Test
    void eachRecipientGetsItsOwnTextInItsTimelineMarkedWithTheCampaign() throws Exception {
        int id = createDraft("""
                {"name":"Spring league","text":"Hi {first_name}, leagues start Monday at {club}!","kind":"informational"}""");
        upload(id, "number,first_name,last_name\n+19025550111,Mary,Smith\n+19025550112,,Nobody\n")
                .statusCode(200);
        act(id, "start").statusCode(200);

        assertTrue(settled(id));
        assertEquals(
                "Hi Mary, leagues start Monday at Fairway Golf Sim!",
                data.single("select body from messages where to_number = '+19025550111'"));
        assertEquals("skipped:missing_placeholder", recipientStatus("+19025550112"));
        assertEquals(0, data.count("select count(*) from messages where body like '%{%'"));
        given().header("Authorization", TestTokens.bearer("support"))
                .get("/api/messages/conversations/+19025550111/messages")
                .then()
                .statusCode(200)
                .body("data[0].campaign", equalTo("Spring league"))
                .body("data[0].origin", equalTo("campaign"))
                .body("data[0].status", equalTo("queued"));
        assertEquals(
                "Mary Smith",
                data.single("select customer_name from openphone_conversations where phone_number = '+19025550111'"));

        // Statuses flow back from the message to the campaign's counts.
        long message = data.count("select id from messages where to_number = '+19025550111'");
        data.advanceAndPublish(message, MessageStatus.SENT);
        data.advanceAndPublish(message, MessageStatus.DELIVERED);
        given().header("Authorization", TestTokens.bearer("operator"))
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .body("data.state", equalTo("completed"))
                .body("data.counts.total", equalTo(2))
                .body("data.counts.delivered", equalTo(1))
                .body("data.counts.queued", equalTo(0))
                .body("data.counts.skipped", equalTo(1))
                .body("data.counts.skippedByReason.missing_placeholder", equalTo(1));
        given().header("Authorization", TestTokens.bearer("operator"))
                .get(BASE + "/" + id + "/recipients?status=skipped")
                .then()
                .body("data[0].detail", equalTo("No value for {first_name}"))
                .body("nextCursor", nullValue());
    }

    @Test
    void aStopAfterCreationAndTheCapAreCheckedWhenTheTextIsReleased() throws Exception {
        data.execute("""
                INSERT INTO campaigns (name, body, line_number, kind, state) VALUES ('Earlier', 'x', '+19025550100', 'marketing', 'completed')""");
        long conversation = data.conversation("+19025550113", "Often Texted");
        for (int i = 0; i < 3; i++) {
            data.execute("""
                    INSERT INTO messages (conversation_id, direction, from_number, to_number, body, status, origin, campaign_id,
                        created_at, updated_at)
                    SELECT %d, 'outbound', '+19025550100', '+19025550113', 'offer', 'delivered', 'campaign',
                        (SELECT id FROM campaigns WHERE name = 'Earlier'), now() - interval '20 hours', now()""".formatted(conversation));
        }
        int marketing = createDraft("""
                {"name":"Offer","text":"20% off bays today","kind":"marketing",
                 "recipients":["+19025550111","+19025550113","+19025550114"]}""");
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        "+19025550114",
                        TestData.LINE,
                        "Stop",
                        Instant.now()))
                .then()
                .statusCode(200);
        act(marketing, "start").statusCode(200);

        assertTrue(settled(marketing));
        assertEquals("queued", recipientStatus("+19025550111"));
        assertEquals("skipped:frequency_cap", recipientStatus("+19025550113"));
        assertEquals("skipped:opted_out", recipientStatus("+19025550114"));
        assertEquals(
                0,
                data.count("select count(*) from messages where to_number = '+19025550114' and direction = 'outbound'"
                        + " and origin is distinct from 'auto'")); // the opt-out confirmation is all they get

        // The cap is for marketing; an informational text still reaches them.
        int informational = createDraft("""
                {"name":"Closed today","text":"The club is closed today","kind":"informational","recipients":["+19025550113"]}""");
        act(informational, "start").statusCode(200);
        assertTrue(settled(informational));
        assertEquals(1, released(informational));
    }

    @Test
    void aMarketingTextDueInQuietHoursWaitsForTheNextAllowedMinuteNeverEarlier() throws Exception {
        LocalDate today = LocalDate.now(HALIFAX);
        Instant twoAm = today.atTime(2, 0).atZone(HALIFAX).toInstant();
        Instant opening = today.atTime(8, 0).atZone(HALIFAX).toInstant();
        clock.set(twoAm);
        int id = createDraft("""
                {"name":"Morning offer","text":"Bays half price until noon","kind":"marketing","recipients":["+19025550111"]}""");
        act(id, "start").statusCode(200);

        assertTrue(Concurrently.eventually(
                () -> data.count("select count(*) from campaign_recipients where not_before is not null") == 1,
                10_000));
        assertEquals(opening, data.single("select not_before from campaign_recipients"));
        given().header("Authorization", TestTokens.bearer("operator"))
                .get(BASE + "/" + id)
                .then()
                .body("data.counts.waitingForQuietHours", equalTo(1))
                .body("data.state", equalTo("running"));

        clock.set(opening.minusSeconds(1));
        Thread.sleep(2_500); // two dispatcher passes at 07:59:59
        assertEquals(0, released(id));

        clock.set(opening);
        assertTrue(Concurrently.eventually(() -> released(id) == 1, 10_000));
        assertTrue(settled(id));
    }

    @Test
    void pauseAndCancelStopEveryRecipientNotYetReleased() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            numbers.add("\"+1902555%04d\"".formatted(2000 + i));
        }
        int id = createDraft(
                "{\"name\":\"Forty\",\"text\":\"Hi\",\"kind\":\"informational\",\"recipients\":" + numbers + "}");
        act(id, "start").statusCode(200);
        // With the outbox off nothing leaves: the campaign keeps CAMPAIGN_RELEASE_AHEAD (25) waiting.
        assertTrue(Concurrently.eventually(() -> released(id) == 25, 10_000));
        act(id, "pause").statusCode(200);
        data.execute("UPDATE messages SET status = 'sent' WHERE campaign_id = " + id);
        data.execute("UPDATE campaign_recipients SET status = 'sent' WHERE status = 'queued'");
        Thread.sleep(2_500);
        assertEquals(25, released(id));

        act(id, "cancel").statusCode(200).body("data.counts.cancelled", equalTo(15));
        Thread.sleep(2_000);
        assertEquals(25, released(id));
        assertEquals("cancelled", data.single("select state from campaigns where id = " + id));
    }

    @Test
    void concurrentDispatchersReleaseEachRecipientExactlyOnce() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            numbers.add("\"+1902555%04d\"".formatted(3000 + i));
        }
        int id = createDraft(
                "{\"name\":\"Many\",\"text\":\"Hi\",\"kind\":\"informational\",\"recipients\":" + numbers + "}");
        act(id, "start").statusCode(200);
        List<Callable<Integer>> dispatchers = new ArrayList<>();
        for (int d = 0; d < 6; d++) {
            dispatchers.add(() -> {
                int total = 0;
                // Until done (or a minute): a dispatcher that finds the campaign locked by another skips it.
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
                while (!"completed".equals(state(id)) && System.nanoTime() < deadline) {
                    total += release.releaseDue();
                    // Play the outbox: what was released has left, which makes room for more.
                    data.execute("UPDATE campaign_recipients SET status = 'sent' WHERE status = 'queued'");
                    Thread.sleep(5);
                }
                return total;
            });
        }
        List<Integer> perDispatcher = Concurrently.all(dispatchers);
        assertTrue(settled(id));
        assertEquals(300, released(id));
        assertEquals(300, data.count("select count(distinct to_number) from messages where campaign_id = " + id));
        assertTrue(perDispatcher.stream().mapToInt(Integer::intValue).sum() <= 300);
    }

    private Object state(int id) {
        return data.single("select state from campaigns where id = " + id);
    }
}
