package com.clubos.messages.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.support.SetupLinkLog;
import com.clubos.messages.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An empty deployment (no ADMIN_USERNAME / ADMIN_PASSWORD): the printed setup link creates the first admin. */
@QuarkusTest
class FirstAdminTest {

    @Inject
    TestData data;

    @Inject
    FirstAdmin firstAdmin;

    @BeforeEach
    void emptyDeployment() {
        data.reset();
    }

    private String printedCode() {
        try (SetupLinkLog log = SetupLinkLog.capture()) {
            firstAdmin.ensure();
            return log.code();
        }
    }

    private static io.restassured.response.ValidatableResponse setup(String code, String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "username", username, "displayName", "Pat Owner", "password", password))
                .post("/api/auth/setup")
                .then();
    }

    @Test
    void theSetupLinkCreatesTheFirstAdminOnceAndSignsThemIn() {
        String code = printedCode();
        given().get("/api/auth/setup?code=" + code)
                .then()
                .body("data.setupRequired", equalTo(true))
                .body("data.codeValid", equalTo(true));
        given().get("/api/auth/setup?code=not-the-code").then().body("data.codeValid", equalTo(false));

        setup(code, "pat", "short").statusCode(400).body("error", containsString("at least 10"));
        setup("wrong-code", "pat", "first-light-range-7")
                .statusCode(403)
                .body("error", containsString("wrong, expired or already used"));
        String token = setup(code, "pat", "first-light-range-7")
                .statusCode(200)
                .body("data.user.role", equalTo("admin"))
                .extract()
                .path("data.token");
        given().header("Authorization", "Bearer " + token)
                .get("/api/admin/staff")
                .then()
                .statusCode(200)
                .body("data[0].username", equalTo("pat"))
                .body("data[0].displayName", equalTo("Pat Owner"));

        setup(code, "someone", "first-light-range-7").statusCode(409).body("error", containsString("already done"));
        given().get("/api/auth/setup?code=" + code).then().body("data.setupRequired", equalTo(false));
        assertEquals(1, data.count("SELECT count(*) FROM audit_log WHERE action = 'staff.setup'"));
    }

    @Test
    void aUsedOrExpiredCodeNoLongerWorks() {
        String code = printedCode();
        setup(code, "pat", "first-light-range-7").statusCode(200);
        // Even if the service somehow has no admin again, the used code stays used.
        data.single("UPDATE staff_users SET role = 'operator' RETURNING id");
        setup(code, "lee", "first-light-range-7").statusCode(403);

        String second = printedCode();
        data.single(
                "UPDATE setup_codes SET expires_at = now() - interval '1 second' WHERE used_at IS NULL RETURNING 1");
        setup(second, "lee", "first-light-range-7").statusCode(403);
        String third = printedCode();
        assertNotEquals(second, third, "a new code each time");
        setup(third, "lee", "first-light-range-7").statusCode(200);
    }

    @Test
    void noCodeIsPrintedWhileAnAdminExists() {
        data.staff("owner", "owner-long-password", Roles.ADMIN);
        try (SetupLinkLog log = SetupLinkLog.capture()) {
            firstAdmin.ensure();
            assertTrue(
                    log.messages().stream().noneMatch(m -> m.contains("/setup?code=")),
                    log.messages().toString());
        }
        assertEquals(0, data.count("SELECT count(*) FROM setup_codes"));
    }

    @Test
    void theLoginPageKnowsWhenSetupIsPending() {
        printedCode();
        given().get("/api/auth/setup")
                .then()
                .body("data.setupRequired", equalTo(true))
                .body("data.codeValid", equalTo(false));
    }
}
