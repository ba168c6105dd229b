package com.clubos.messages.packaged;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.support.Concurrently;
import com.clubos.messages.support.TestTokens;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A campaign run by two replicas of the packaged service against one shared "OpenPhone"
 * (bench/fake_openphone.py, which lists what it accepted, so interrupted sends are looked up, not
 * resent). One replica is killed with SIGKILL mid-campaign: every recipient still gets exactly one text.
 */
class CampaignReplicasIT {

    static final int RECIPIENTS = 150;

    static String database;
    static FakeOpenPhone fake;
    static ServiceProcess a;
    static ServiceProcess b;

    @BeforeAll
    static void start() throws Exception {
        database = ServiceProcess.freshDatabase("campaign_pair");
        // Listening before the replicas pick their ports, so that none of them can take the fake's.
        fake = FakeOpenPhone.start();
        Map<String, String> env = new HashMap<>(Map.of(
                "DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/" + database,
                "CLUBOS_JWT_SECRET", TestTokens.SECRET,
                "OPENPHONE_API_KEY", "replicas-key",
                "OPENPHONE_BASE_URL", fake.baseUrl(),
                "OPENPHONE_DEFAULT_NUMBER", "+19025550100",
                "OPENPHONE_OUTBOX_STUCK_AFTER", "PT5S",
                "OPENPHONE_CONTACTS_REFRESH", "off",
                "CAMPAIGN_QUIET_HOURS", "00:00-24:00",
                "LOG_JSON", "false"));
        // A starved fake may refuse connections now and then: retry within seconds, not minutes.
        env.put("OPENPHONE_RETRY_INITIAL_BACKOFF", "PT0.5S");
        env.put("OPENPHONE_RETRY_MAX_BACKOFF", "PT2S");
        // One after the other: two JVMs starting at once on a busy 2-core machine can take minutes.
        a = ServiceProcess.start("campaign-a", env);
        b = ServiceProcess.start("campaign-b", env);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess service : new ServiceProcess[] {a, b}) {
            if (service != null) {
                service.close();
            }
        }
        if (fake != null) {
            fake.close();
        }
    }

    static long count(String sql) throws Exception {
        return ServiceProcess.count(database, sql);
    }

    @Test
    void aCampaignSurvivesTheKillOfOneReplicaAndTextsEveryRecipientOnce() throws Exception {
        StringBuilder csv = new StringBuilder("number,first_name\n");
        for (int i = 0; i < RECIPIENTS; i++) {
            csv.append(String.format("+1902556%04d,R%d%n", i, i));
        }
        String token = TestTokens.bearer("operator");
        int id = given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Replicas\",\"text\":\"Hi {first_name}\",\"kind\":\"marketing\"}")
                .post(a.url("/api/messages/campaigns"))
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
        given().header("Authorization", token)
                .contentType("text/csv")
                .body(csv.toString())
                .post(b.url("/api/messages/campaigns/" + id + "/recipients"))
                .then()
                .statusCode(200);
        given().header("Authorization", token)
                .post(a.url("/api/messages/campaigns/" + id + "/start"))
                .then()
                .statusCode(200);

        assertTrue(
                Concurrently.eventually(() -> quietly(() -> fake.acceptedTexts().size() >= 40), 60_000));
        a.kill();
        a = null;

        assertTrue(
                Concurrently.eventually(
                        () -> quietly(
                                () -> fake.acceptedTexts().stream().distinct().count() == RECIPIENTS
                                        && count("select count(*) from campaigns where state = 'completed'") == 1),
                        240_000),
                "the surviving replica finished the campaign");
        Thread.sleep(6_000); // past OPENPHONE_OUTBOX_STUCK_AFTER: anything interrupted has been looked up by now
        Map<String, Long> perText =
                fake.acceptedTexts().stream().collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        assertEquals(RECIPIENTS, perText.size());
        assertEquals(
                Map.of(),
                perText.entrySet().stream()
                        .filter(e -> e.getValue() > 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertEquals(RECIPIENTS, count("select count(*) from messages where campaign_id = " + id));
        assertEquals(
                RECIPIENTS, count("select count(*) from campaign_recipients where status in ('sent', 'delivered')"));
    }

    interface Check {
        boolean test() throws Exception;
    }

    static boolean quietly(Check check) {
        try {
            return check.test();
        } catch (Exception e) {
            return false;
        }
    }
}
