package com.clubos.messages.openphone;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stops the real PostgreSQL server under the running service: a webhook gets 503 (so OpenPhone
 * retries) and nothing half-written, readiness is down and liveness stays up; once the database is
 * back, the retried webhook is stored once and the service is ready again without a restart.
 */
@QuarkusTest
class DatabaseOutageTest {

    @Inject
    TestData data;

    @Test
    void webhooksAre503WhileTheDatabaseIsDownAndSucceedOnRetry() throws Exception {
        data.reset();
        String event = OpenPhoneWebhooks.received(
                OpenPhoneWebhooks.newEventId(),
                OpenPhoneWebhooks.newMessageId(),
                "+19025550111",
                TestData.LINE,
                "sent during the outage",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        cluster("stop");
        try {
            OpenPhoneWebhooks.post(event)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "5")
                    .body("success", equalTo(false))
                    .body("error", equalTo("Database unavailable; retry shortly"));
            // Kubernetes stops routing to the pod, but must not restart it: the database is what is down.
            given().get("/q/health/ready").then().statusCode(503);
            for (int probe = 0; probe < 3; probe++) {
                given().get("/q/health/live").then().statusCode(200);
                Thread.sleep(300);
            }
        } finally {
            cluster("start");
        }
        // OpenPhone retries until it gets a 2xx.
        int status = 0;
        for (int attempt = 0; attempt < 20 && status != 200; attempt++) {
            status = OpenPhoneWebhooks.post(event).statusCode();
            if (status != 200) {
                assertEquals(503, status, "only 503 while the pool recovers");
                Thread.sleep(500);
            }
        }
        assertEquals(200, status);
        given().get("/q/health/ready").then().statusCode(200);
        assertEquals(1, data.count("select count(*) from messages where body = 'sent during the outage'"));
        assertEquals(1, data.count("select unread_count from openphone_conversations"));
    }

    private static void cluster(String action) throws IOException, InterruptedException {
        String version;
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString())
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow();
        }
        var command = new java.util.ArrayList<>(
                java.util.List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action));
        if (action.equals("stop")) {
            command.addAll(java.util.List.of("-m", "fast"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "pg_ctlcluster " + action + " finished");
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(
                process.exitValue() == 0 || output.contains("already running"),
                "pg_ctlcluster " + action + ": " + output);
    }
}
