package com.clubos.messages.openphone.simulator;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** The default configuration: the simulator is off and its endpoints do not exist. */
@QuarkusTest
class OpenPhoneSimulatorDisabledTest {

    @Test
    void everySimulatorEndpointIs404() {
        given().header("Authorization", "any")
                .contentType(ContentType.JSON)
                .body("{\"content\":\"hi\",\"from\":\"+19025550100\",\"to\":[\"+19025550123\"]}")
                .post("/openphone-simulator/v1/messages")
                .then()
                .statusCode(404);
        given().header("Authorization", "any")
                .get("/openphone-simulator/v1/messages/AC1")
                .then()
                .statusCode(404);
        given().header("Authorization", "any")
                .get("/openphone-simulator/v1/phone-numbers")
                .then()
                .statusCode(404);
        given().header("Authorization", "any")
                .get("/openphone-simulator/v1/contacts")
                .then()
                .statusCode(404);
        given().contentType(ContentType.JSON)
                .body("{\"from\":\"+19025550123\",\"to\":\"+19025550100\",\"text\":\"hi\"}")
                .post("/openphone-simulator/customer-reply")
                .then()
                .statusCode(404);
    }
}
