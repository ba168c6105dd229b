package com.clubos.messages.history;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin imports API without a ClubOS database configured: who may call it, and what it refuses. */
@QuarkusTest
class ImportApiTest {

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void onlyAdminsMayStartWatchOrCancelImports() {
        for (String role : new String[] {"operator", "support"}) {
            given().header("Authorization", TestTokens.bearer(role))
                    .contentType("application/json")
                    .body("{\"source\":\"clubos\"}")
                    .post(Imports.PATH)
                    .then()
                    .statusCode(403)
                    .body("success", equalTo(false));
            given().header("Authorization", TestTokens.bearer(role))
                    .get(Imports.PATH)
                    .then()
                    .statusCode(403);
            given().header("Authorization", TestTokens.bearer(role))
                    .get(Imports.PATH + "/1")
                    .then()
                    .statusCode(403);
            given().header("Authorization", TestTokens.bearer(role))
                    .post(Imports.PATH + "/1/cancel")
                    .then()
                    .statusCode(403);
        }
        given().contentType("application/json")
                .body("{\"source\":\"clubos\"}")
                .post(Imports.PATH)
                .then()
                .statusCode(401);
        given().get(Imports.PATH).then().statusCode(401);
    }

    @Test
    void badRequestsAreRefusedNamingWhatIsWrong() {
        refused("{}", 400, "source must be 'clubos' or 'openphone'");
        refused("{\"source\":\"excel\"}", 400, "source must be 'clubos' or 'openphone'");
        refused(
                "{\"source\":\"openphone\",\"since\":\"yesterday\"}",
                400,
                "since must be an ISO-8601 time such as 2025-01-01T00:00:00Z");
        refused(
                "{\"source\":\"openphone\",\"since\":\"2999-01-01T00:00:00Z\"}",
                400,
                "since must not be in the future");
        refused("{\"source\":\"clubos\",\"since\":\"2025-01-01\"}", 400, "since applies to the openphone source only");
        refused("{\"source\":", 400, "Request body is not valid JSON");
        refused("{\"source\":[1]}", 400, "Field 'source' has the wrong type");
        given().header("Authorization", TestTokens.bearer("admin"))
                .get(Imports.PATH + "/999")
                .then()
                .statusCode(404)
                .body("error", equalTo("Import not found"));
        given().header("Authorization", TestTokens.bearer("admin"))
                .post(Imports.PATH + "/999/cancel")
                .then()
                .statusCode(404);
        given().header("Authorization", TestTokens.bearer("admin"))
                .get(Imports.PATH + "?limit=abc")
                .then()
                .statusCode(400)
                .body("error", equalTo("limit must be a whole number"));
    }

    @Test
    void withoutLegacyDatabaseUrlTheClubosImportIsUnavailableAndNothingIsCreated() {
        refused("{\"source\":\"clubos\"}", 503, "The ClubOS import is not configured: set LEGACY_DATABASE_URL");
        given().header("Authorization", TestTokens.bearer("admin"))
                .get(Imports.PATH)
                .then()
                .statusCode(200)
                .body("data.size()", equalTo(0));
    }

    static void refused(String body, int status, String error) {
        given().header("Authorization", TestTokens.bearer("admin"))
                .contentType("application/json")
                .body(body)
                .post(Imports.PATH)
                .then()
                .statusCode(status)
                .body("success", equalTo(false))
                .body("error", equalTo(error));
    }
}
