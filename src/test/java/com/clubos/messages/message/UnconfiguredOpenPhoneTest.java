package com.clubos.messages.message;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without an OpenPhone key (and no simulator) the service still runs; only sending is unavailable. */
@QuarkusTest
@TestProfile(UnconfiguredOpenPhoneTest.NoOpenPhone.class)
class UnconfiguredOpenPhoneTest {

    public static class NoOpenPhone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("openphone.api-key", "", "openphone.simulator", "false");
        }
    }

    @Test
    void sendAnswers503AndTheRestOfTheApiWorks() {
        given().header("Authorization", TestTokens.bearer("admin"))
                .contentType("application/json")
                .body("{\"to\":\"+19025550111\",\"text\":\"hello\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(503)
                .body("success", equalTo(false))
                .body("error", equalTo("OpenPhone is not configured"));
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/messages/unread-count")
                .then()
                .statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
