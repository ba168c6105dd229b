package com.clubos.messages.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PlatformEndpointsTest {

    @Test
    void readinessIncludesTheDatabaseAndLivenessIsUp() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiDescribesEveryEndpoint() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/messages/conversations"))
                .body(containsString("/api/messages/conversations/{phoneNumber}"))
                .body(containsString("/api/messages/conversations/{phoneNumber}/read"))
                .body(containsString("/api/messages/conversations/{phoneNumber}/messages"))
                .body(containsString("/api/messages/unread-count"))
                .body(containsString("/api/messages/send"))
                .body(containsString("/api/auth/login"));
    }

    @Test
    void unknownApiPathIsA404Envelope() {
        given().get("/api/no-such-thing")
                .then()
                .statusCode(404)
                .body("success", equalTo(false))
                .body("error", equalTo("Not found"));
    }

    @Test
    void everyResponseCarriesARequestIdAndASaneOneIsKept() {
        String generated =
                given().get("/q/health/live").then().statusCode(200).extract().header("X-Request-Id");
        org.junit.jupiter.api.Assertions.assertTrue(generated != null && generated.length() >= 32, generated);
        given().header("X-Request-Id", "trace-123")
                .get("/api/no-such-thing")
                .then()
                .header("X-Request-Id", equalTo("trace-123"));
        String replaced = given().header("X-Request-Id", "<script>")
                .get("/q/health/live")
                .then()
                .extract()
                .header("X-Request-Id");
        org.junit.jupiter.api.Assertions.assertNotEquals("<script>", replaced);
    }

    @Test
    void metricsExposeTheServicesOwnGauges() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("clubos_websocket_sessions"))
                .body(containsString("http_server_requests_seconds_bucket"));
    }
}
