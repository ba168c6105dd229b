package com.clubos.messages.hostile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeded random parameters for every report, as JSON and as CSV: a 4xx naming the problem, never a 500. */
@QuarkusTest
class ReportsHostileInputTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261127L);
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 150) / 3;
    private static final List<String> DATES = List.of(
            "2025-03-09",
            "2025-03-09T02:30:00",
            "2025-03-09T02:30:00-04:00",
            "2025-11-02T01:30:00Z",
            "0001-01-01",
            "9999-12-31",
            "2025-02-30",
            "");
    private static final List<String> PATHS = List.of(
            "/api/reports/summary",
            "/api/reports/staff",
            "/api/reports/heatmap",
            "/api/reports/timeseries?metric=inbound",
            "/api/reports/timeseries?metric=first_response&groupBy=hour");

    @Inject
    TestData data;

    private static String odd(HostileInput input, List<String> usual) {
        if (input.chance(60)) {
            return input.pick(usual);
        }
        String value = input.string();
        return value.length() > 500 ? value.substring(0, 500) : value;
    }

    @Test
    void randomReportParametersNeverBreakTheService() {
        HostileInput input = new HostileInput(SEED + 18);
        data.inbound("+19025550111", "hello", Instant.now());
        String admin = TestTokens.bearer("admin");
        for (int i = 0; i < ROUNDS; i++) {
            String path = input.pick(PATHS);
            Response response = given().header("Authorization", admin)
                    .header("Accept", input.chance(30) ? "text/csv" : "application/json")
                    .queryParam("from", odd(input, DATES))
                    .queryParam("to", odd(input, DATES))
                    .queryParam("tz", odd(input, List.of("America/Halifax", "UTC", "Asia/Kolkata", "")))
                    .queryParam("line", odd(input, List.of("", "Halifax", "+19025550199", "PN1")))
                    .queryParam("businessHours", odd(input, List.of("true", "false", "")))
                    .queryParam("groupBy", odd(input, List.of("hour", "day", "week")))
                    .get(path);
            int status = response.statusCode();
            String what = path + " round " + i;
            assertTrue(status < 500, what + " answered " + status + ": " + response.asString());
            if (status >= 400 && status != 414 && status != 431) {
                assertTrue(
                        response.asString().startsWith("{\"success\":false,\"error\":\""),
                        what + " " + response.asString());
            }
        }
    }
}
