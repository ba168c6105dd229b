package com.clubos.messages.line;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clubos.messages.auth.Roles;
import com.clubos.messages.message.OutboxTestProfile;
import com.clubos.messages.openphone.OpenPhoneWireMock;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lines learnt from OpenPhone (GET /v1/phone-numbers), and the pictures customers send, fetched from OpenPhone. */
@QuarkusTest
@TestProfile(OutboxTestProfile.class)
class LinesFromOpenPhoneTest {

    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};

    @Inject
    TestData data;

    @Inject
    LineSync sync;

    @Inject
    LineDirectory lines;

    @BeforeEach
    void reset() {
        data.reset();
        OpenPhoneWireMock.server().resetAll();
    }

    @Test
    void linesComeFromOpenPhoneWithTheirIdsAndLocationNamesWin() throws Exception {
        OpenPhoneWireMock.server()
                .stubFor(get(urlEqualTo("/v1/phone-numbers"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("""
                        {"data":[
                          {"id":"PNhalifax01","groupId":"GR1","name":"Halifax front desk","number":"+19025550100",
                           "formattedNumber":"(902) 555-0100","users":[]},
                          {"id":"PNbedford02","groupId":"GR1","name":"Bedford","number":"+19025550300",
                           "formattedNumber":"(902) 555-0300","users":[]}
                        ],"totalItems":2,"nextPageToken":null}""")));
        assertEquals(2, sync.sync());
        OpenPhoneWireMock.server()
                .verify(getRequestedFor(urlEqualTo("/v1/phone-numbers"))
                        .withHeader("Authorization", equalTo(OpenPhoneWireMock.API_KEY)));
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .get("/api/messages/lines")
                .then()
                .body("data.number", contains("+19025550100", "+19025550300", "+19025550199"))
                .body("data.name", contains("Halifax", "Bedford", "Dartmouth"))
                .body("data.openphoneId", contains("PNhalifax01", "PNbedford02", null));
        // Known by the OpenPhone id too, and stored for a replica that cannot reach OpenPhone at start.
        assertEquals("+19025550300", lines.resolve("PNbedford02").orElseThrow());
        assertEquals(2, data.count("SELECT count(*) FROM openphone_lines"));
        given().header(
                        "Authorization",
                        "Bearer "
                                + TestTokens.sign(TestTokens.claims(Roles.OPERATOR)
                                        .claim("locations", java.util.List.of("bedford"))))
                .get("/api/messages/lines")
                .then()
                .body("data.name", contains("Bedford"));

        // A line removed from the workspace is gone after the next sync.
        OpenPhoneWireMock.server()
                .stubFor(get(urlEqualTo("/v1/phone-numbers"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("""
                        {"data":[{"id":"PNhalifax01","name":"Halifax front desk","number":"+19025550100"}],
                         "totalItems":1,"nextPageToken":null}""")));
        assertEquals(1, sync.sync());
        assertEquals(1, data.count("SELECT count(*) FROM openphone_lines"));
        assertEquals(java.util.Optional.empty(), lines.resolve("PNbedford02"));
    }

    @Test
    void aPictureACustomerSentIsServedToStaffFromOurOwnOrigin() {
        OpenPhoneWireMock.server()
                .stubFor(get(urlEqualTo("/media/receipt.jpg"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "image/jpeg")
                                .withBody(JPEG)));
        OpenPhoneWireMock.server()
                .stubFor(get(urlEqualTo("/media/page.html"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "text/html")
                                .withBody("<script>alert(1)</script>")));
        String base = OpenPhoneWireMock.server().baseUrl();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String event =
                """
                {"id":"%s","object":"event","apiVersion":"v3","createdAt":"%s","type":"message.received",
                 "data":{"object":{"id":"%s","object":"message","from":"+19025550123","to":["+19025550100"],
                 "direction":"incoming","text":"","media":[{"url":"%s/media/receipt.jpg","type":"image/jpeg"},
                 {"url":"%s/media/page.html","type":"text/html"}],"status":"received","createdAt":"%s"}}}""".formatted(OpenPhoneWebhooks.newEventId(), at, OpenPhoneWebhooks.newMessageId(), base, base, at);
        OpenPhoneWebhooks.post(event).then().statusCode(200);
        int id = given().header("Authorization", TestTokens.bearer(Roles.SUPPORT))
                .get("/api/messages/conversations")
                .then()
                .body("data[0].lastMessage.media.type", hasItem("image/jpeg"))
                .extract()
                .path("data[0].lastMessage.id");

        byte[] picture = given().header("Authorization", TestTokens.bearer(Roles.SUPPORT))
                .get("/api/messages/" + id + "/media/0")
                .then()
                .statusCode(200)
                .contentType("image/jpeg")
                .header("Content-Disposition", "inline")
                .extract()
                .asByteArray();
        assertArrayEquals(JPEG, picture);
        given().header("Authorization", TestTokens.bearer(Roles.SUPPORT))
                .get("/api/messages/" + id + "/media/1")
                .then()
                .statusCode(200)
                .contentType("application/octet-stream")
                .header("Content-Disposition", "attachment")
                .header("Content-Security-Policy", containsString("sandbox"));
        given().header("Authorization", TestTokens.bearer(Roles.SUPPORT))
                .get("/api/messages/" + id + "/media/2")
                .then()
                .statusCode(404);
        given().get("/api/messages/" + id + "/media/0").then().statusCode(401);
        OpenPhoneWireMock.server()
                .stubFor(get(urlEqualTo("/media/receipt.jpg"))
                        .willReturn(aResponse().withStatus(404)));
        given().header("Authorization", TestTokens.bearer(Roles.SUPPORT))
                .get("/api/messages/" + id + "/media/0")
                .then()
                .statusCode(502)
                .body("error", containsString("no longer has"));
    }
}
