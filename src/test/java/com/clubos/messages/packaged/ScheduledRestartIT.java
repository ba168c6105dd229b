package com.clubos.messages.packaged;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.support.Concurrently;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scheduled texts leave once across two replicas of the packaged service even when replicas are killed
 * with SIGKILL before and during the due time: the release is a claim in PostgreSQL, and a send cut off
 * mid-call is looked up at OpenPhone (the fault harness's stand-in, which keeps what it accepted)
 * before any resend.
 */
class ScheduledRestartIT {

    static final String JWT_SECRET = "scheduled-restart-jwt-secret-0123456789abcdef";
    static final String LINE = "+19025550100";

    static FakeOpenPhone openPhone;
    static String database;
    static Map<String, String> env;
    static ServiceProcess a;
    static ServiceProcess b;

    @BeforeAll
    static void start() throws Exception {
        openPhone = FakeOpenPhone.start();
        database = ServiceProcess.freshDatabase("scheduled");
        env = new HashMap<>(Map.of(
                "DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/" + database,
                "CLUBOS_JWT_SECRET", JWT_SECRET,
                "OPENPHONE_API_KEY", "fake-openphone-key",
                "OPENPHONE_BASE_URL", openPhone.baseUrl(),
                "OPENPHONE_DEFAULT_NUMBER", LINE,
                "OPENPHONE_OUTBOX_STUCK_AFTER", "PT5S",
                "OPENPHONE_RETRY_MAX_BACKOFF", "PT2S",
                "OPENPHONE_READ_TIMEOUT", "PT20S",
                "SCHEDULED_MIN_LEAD", "PT5S"));
        env.put("OPENPHONE_SEND_LIMIT_PER_MINUTE", "1000");
        env.put("LOG_JSON", "false");
        // One after the other: a start that fails then leaves no replica behind unclosed.
        a = ServiceProcess.start("sched-a", env);
        b = ServiceProcess.start("sched-b", env);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess service : new ServiceProcess[] {a, b}) {
            if (service != null) {
                service.close();
            }
        }
        if (openPhone != null) {
            openPhone.close();
        }
    }

    private static String token() {
        return Jwt.issuer("clubosv1")
                .audience("clubosv1-users")
                .claim("userId", "u-scheduler")
                .claim("name", "Sam Scheduler")
                .claim("role", "operator")
                .claim("sessionId", UUID.randomUUID().toString())
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(3600))
                .jws()
                .signWithSecret(JWT_SECRET);
    }

    private static void schedule(ServiceProcess on, String customer, String text, Instant at) {
        given().header("Authorization", "Bearer " + token())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "to",
                        customer,
                        "text",
                        text,
                        "sendAt",
                        OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString()))
                .post(on.url("/api/messages/send"))
                .then()
                .log()
                .ifValidationFails()
                .statusCode(202);
    }

    /** Text → how many times OpenPhone accepted it. */
    private static Map<String, Long> acceptedAtOpenPhone() throws Exception {
        return openPhone.acceptedTexts().stream().collect(Collectors.groupingBy(t -> t, Collectors.counting()));
    }

    private static long count(String sql) throws Exception {
        return ServiceProcess.count(database, sql);
    }

    @Test
    void killedBeforeAndDuringTheDueTimeEachTextStillLeavesOnce() throws Exception {
        // Before: ten texts scheduled on A, which dies long before they are due; B sends them.
        Instant due = Instant.now().plusSeconds(25);
        for (int i = 0; i < 10; i++) {
            schedule(a, "+1902555" + (1000 + i), "Before " + i, due);
        }
        a.kill();
        assertTrue(Concurrently.eventually(() -> sentCount("Before %") == 10, 90_000), "the first ten left");
        a = ServiceProcess.start("sched-a2", env);

        // During: OpenPhone answers slowly; A is killed before the due time, so B alone releases and
        // sends, and B is killed while its calls are in flight. Restarted, they finish, looking up the
        // cut-off calls at OpenPhone before any resend.
        openPhone.mode("slow", 3);
        due = Instant.now().plusSeconds(20);
        for (int i = 0; i < 10; i++) {
            schedule(b, "+1902555" + (2000 + i), "During " + i, due);
        }
        a.kill();
        while (Instant.now().isBefore(due.plusMillis(2_000))) {
            Thread.sleep(100);
        }
        long inFlight = count("select count(*) from messages where body like 'During %' and status = 'sending'");
        b.kill();
        assertTrue(inFlight > 0, "B was killed with sends in flight");
        openPhone.mode("ok", 0);
        a = ServiceProcess.start("sched-a3", env);
        b = ServiceProcess.start("sched-b2", env);
        assertTrue(Concurrently.eventually(() -> sentCount("During %") == 10, 120_000), "the second ten left");

        Map<String, Long> accepted = acceptedAtOpenPhone();
        for (int i = 0; i < 10; i++) {
            assertEquals(1L, accepted.getOrDefault("Before " + i, 0L), "Before " + i);
            assertEquals(1L, accepted.getOrDefault("During " + i, 0L), "During " + i);
        }
        assertEquals(
                0, count("select count(*) from messages where status in ('scheduled', 'queued', 'sending', 'failed')"));
        assertEquals(
                20,
                count("select count(*) from message_status where status = 'queued' and error_message is null"),
                "released once each (a requeue after a cut-off call is recorded with its reason)");
    }

    private static long sentCount(String like) {
        try {
            return count("select count(*) from messages where status = 'sent' and body like '" + like + "'");
        } catch (Exception e) {
            return -1;
        }
    }
}
