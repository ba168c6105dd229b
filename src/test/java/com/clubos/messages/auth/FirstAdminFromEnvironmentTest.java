package com.clubos.messages.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.support.SetupLinkLog;
import com.clubos.messages.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ADMIN_USERNAME + ADMIN_PASSWORD from a Secret create the first admin, and only while there is none. */
@QuarkusTest
@TestProfile(FirstAdminFromEnvironmentTest.WithAdminSecret.class)
class FirstAdminFromEnvironmentTest {

    static final String PASSWORD = "club-opening-day-2026";

    public static class WithAdminSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clubos.auth.admin-username", "clubowner", "clubos.auth.admin-password", PASSWORD);
        }
    }

    @Inject
    TestData data;

    @Inject
    FirstAdmin firstAdmin;

    @BeforeEach
    void emptyDeployment() {
        data.reset();
    }

    private static int login(String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", "clubowner", "password", password))
                .post("/api/auth/login")
                .then()
                .extract()
                .statusCode();
    }

    @Test
    void anEmptyDeploymentGetsItsAdminFromTheSecretAndPrintsNoLink() {
        try (SetupLinkLog log = SetupLinkLog.capture()) {
            firstAdmin.ensure();
            assertTrue(
                    log.messages().stream().noneMatch(m -> m.contains("/setup?code=")),
                    log.messages().toString());
            assertTrue(log.messages().stream().noneMatch(m -> m.contains(PASSWORD)), "the password is never logged");
        }
        assertEquals(200, login(PASSWORD));
        assertEquals(1, data.count("SELECT count(*) FROM audit_log WHERE action = 'staff.bootstrap'"));
    }

    @Test
    void anExistingAdminIsLeftAloneOnTheNextStart() {
        firstAdmin.ensure();
        changePassword("a-password-changed-later");
        firstAdmin.ensure();
        assertEquals(401, login(PASSWORD), "a restart must not reset the admin's password to the Secret's");
        assertEquals(200, login("a-password-changed-later"));
    }

    @Test
    void withNoActiveAdminTheNamedAccountIsRestoredAsAdmin() {
        data.staff("clubowner", "forgotten-password-1", Roles.SUPPORT);
        data.single("UPDATE staff_users SET active = false RETURNING id");
        firstAdmin.ensure();
        assertEquals(200, login(PASSWORD));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "clubowner", "password", PASSWORD))
                .post("/api/auth/login")
                .then()
                .body("data.user.role", equalTo("admin"));
        assertEquals(1, data.count("SELECT count(*) FROM staff_users"));
    }

    @Transactional
    void changePassword(String password) {
        StaffUser.findActiveByUsername("clubowner").orElseThrow().changePassword(password);
    }
}
