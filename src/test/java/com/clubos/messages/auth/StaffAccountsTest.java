package com.clubos.messages.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.support.Concurrently;
import com.clubos.messages.support.SocketClient;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StaffAccountsTest {

    static final String STRONG = "fairway-bay-lights-42";

    @Inject
    TestData data;

    @TestHTTPResource("/ws/messages")
    URL socketUrl;

    String admin;

    @BeforeEach
    void reset() {
        data.reset();
        data.staff("owner", STRONG, Roles.ADMIN);
        admin = login("owner", STRONG);
    }

    static String login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("data.token");
    }

    static int create(String token, String username, String role, String password) {
        return given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username", username, "displayName", "Staff " + username, "role", role, "password", password))
                .post("/api/admin/staff")
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
    }

    private io.restassured.response.ValidatableResponse patch(String token, int id, Map<String, Object> body) {
        return given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(body)
                .patch("/api/admin/staff/" + id)
                .then();
    }

    private static void listWorks(String token, int status) {
        given().header("Authorization", "Bearer " + token)
                .get("/api/messages/conversations")
                .then()
                .statusCode(status);
    }

    @Test
    void anAdminAddsAnAccountThatCanSignInAndNeverSeesItsHash() {
        given().header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username", "jamie", "displayName", "Jamie Front Desk", "role", "operator", "password", STRONG))
                .post("/api/admin/staff")
                .then()
                .statusCode(201)
                .body("success", equalTo(true))
                .body("data.username", equalTo("jamie"))
                .body("data.displayName", equalTo("Jamie Front Desk"))
                .body("data.role", equalTo("operator"))
                .body("data.active", equalTo(true))
                .body("data.id", notNullValue())
                .body("data.passwordHash", nullValue())
                .body(not(containsString("$2a$")));
        String jamie = login("jamie", STRONG);
        listWorks(jamie, 200);
        given().header("Authorization", "Bearer " + admin)
                .get("/api/admin/staff")
                .then()
                .statusCode(200)
                .body("data.username", hasItems("owner", "jamie"))
                .body(not(containsString("$2a$")));
        assertEquals(
                1,
                data.count("SELECT count(*) FROM audit_log WHERE action = 'staff.create' AND target LIKE 'staff-%'"));
        // Appears among the staff a conversation can be assigned to.
        given().header("Authorization", "Bearer " + jamie)
                .get("/api/messages/staff")
                .then()
                .body("data.name", hasItems("Jamie Front Desk"));
    }

    @Test
    void onlyAdminsManageAccounts() {
        for (String role : List.of("operator", "support")) {
            given().header("Authorization", TestTokens.bearer(role))
                    .get("/api/admin/staff")
                    .then()
                    .statusCode(403);
            given().header("Authorization", TestTokens.bearer(role))
                    .contentType(ContentType.JSON)
                    .body(Map.of("username", "x" + role, "role", "support", "password", STRONG))
                    .post("/api/admin/staff")
                    .then()
                    .statusCode(403);
        }
        given().get("/api/admin/staff").then().statusCode(401).body("success", equalTo(false));
        // A ClubOS admin is an admin here too.
        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/admin/staff")
                .then()
                .statusCode(200);
    }

    @Test
    void badAccountsAreRefusedSayingWhy() {
        record Case(Map<String, Object> body, int status, String error) {}
        List<Case> cases = List.of(
                new Case(Map.of("username", "owner", "role", "operator", "password", STRONG), 409, "already taken"),
                new Case(Map.of("username", "OWNER", "role", "operator", "password", STRONG), 409, "already taken"),
                new Case(
                        Map.of("username", "sam", "role", "manager", "password", STRONG),
                        400,
                        "role must be one of admin, operator, support"),
                new Case(Map.of("username", "sam", "password", STRONG), 400, "role"),
                new Case(
                        Map.of("username", "sam", "role", "support", "password", "short-pw"),
                        400,
                        "at least 10 characters"),
                new Case(Map.of("username", "sam", "role", "support", "password", "password123"), 400, "too common"),
                new Case(Map.of("username", "sam", "role", "support", "password", "Football2024!"), 400, "too common"),
                new Case(
                        Map.of("username", "samantha99", "role", "support", "password", "SAMANTHA99"),
                        400,
                        "must not be the username"),
                new Case(Map.of("username", "sam smith", "role", "support", "password", STRONG), 400, "no spaces"),
                new Case(Map.of("role", "support", "password", STRONG), 400, "username"));
        for (Case c : cases) {
            given().header("Authorization", "Bearer " + admin)
                    .contentType(ContentType.JSON)
                    .body(c.body())
                    .post("/api/admin/staff")
                    .then()
                    .statusCode(c.status())
                    .body("success", equalTo(false))
                    .body("error", containsString(c.error()));
        }
        assertEquals(1, data.count("SELECT count(*) FROM staff_users"), "nothing half-written");
    }

    @Test
    void aNewRoleEndsTheOldSessionAtOnce() {
        int id = create(admin, "casey", "operator", STRONG);
        String old = login("casey", STRONG);
        listWorks(old, 200);
        patch(admin, id, Map.of("role", "support")).statusCode(200).body("data.role", equalTo("support"));
        given().header("Authorization", "Bearer " + old)
                .get("/api/messages/conversations")
                .then()
                .statusCode(401)
                .body("error", containsString("session has ended"));
        String fresh = login("casey", STRONG);
        given().header("Authorization", "Bearer " + fresh)
                .get("/api/auth/me")
                .then()
                .body("data.role", equalTo("support"))
                .body("data.account", equalTo("local"));
    }

    @Test
    void deactivationEndsSessionsAndSignInUntilReactivated() throws Exception {
        int id = create(admin, "drew", "support", STRONG);
        String token = login("drew", STRONG);
        try (SocketClient socket = SocketClient.withBearer(SocketClient.socketUri(socketUrl), token)) {
            socket.await("hello");
            patch(admin, id, Map.of("active", false)).statusCode(200).body("data.active", equalTo(false));
            listWorks(token, 401);
            assertEquals(1008, socket.awaitClose(Duration.ofSeconds(5)), "the open socket is closed");
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "drew", "password", STRONG))
                .post("/api/auth/login")
                .then()
                .statusCode(401);
        patch(admin, id, Map.of("active", true)).statusCode(200);
        listWorks(token, 401); // an old token stays dead
        listWorks(login("drew", STRONG), 200);
    }

    @Test
    void aPasswordResetEndsSessionsAndTheNewPasswordWorks() {
        int id = create(admin, "erin", "operator", STRONG);
        String token = login("erin", STRONG);
        patch(admin, id, Map.of("password", "weak")).statusCode(400).body("error", containsString("at least 10"));
        listWorks(token, 200);
        patch(admin, id, Map.of("password", "second-tee-time-77")).statusCode(200);
        listWorks(token, 401);
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "erin", "password", STRONG))
                .post("/api/auth/login")
                .then()
                .statusCode(401);
        listWorks(login("erin", "second-tee-time-77"), 200);
        String audit = data.single(
                        "SELECT details::text FROM audit_log WHERE action = 'staff.update' ORDER BY id DESC LIMIT 1")
                .toString();
        assertTrue(audit.contains("reset") && !audit.contains("second-tee-time-77"), audit);
    }

    @Test
    void aNameChangeKeepsTheSession() {
        int id = create(admin, "fran", "operator", STRONG);
        String token = login("fran", STRONG);
        patch(admin, id, Map.of("displayName", "Fran at the desk"))
                .statusCode(200)
                .body("data.displayName", equalTo("Fran at the desk"));
        listWorks(token, 200);
        patch(admin, id, Map.of()).statusCode(400).body("error", containsString("Nothing to change"));
        patch(admin, id, Map.of("role", "owner"))
                .statusCode(400)
                .body("error", containsString("admin, operator, support"));
        patch(admin, 999_999, Map.of("displayName", "Nobody")).statusCode(404);
    }

    @Test
    void theLastActiveAdminCannotBeDemotedOrDeactivated() {
        long ownerId = ((Number) data.single("SELECT id FROM staff_users WHERE username = 'owner'")).longValue();
        int id = (int) ownerId;
        String viaClubos = "Bearer " + TestTokens.clubos("admin");
        given().header("Authorization", viaClubos)
                .contentType(ContentType.JSON)
                .body(Map.of("role", "operator"))
                .patch("/api/admin/staff/" + id)
                .then()
                .statusCode(409)
                .body("error", containsString("last active admin"));
        given().header("Authorization", viaClubos)
                .contentType(ContentType.JSON)
                .body(Map.of("active", false))
                .patch("/api/admin/staff/" + id)
                .then()
                .statusCode(409)
                .body("error", containsString("last active admin"));
        patch(admin, id, Map.of("active", false)).statusCode(409);
        listWorks(admin, 200);
        // With a second admin, one may step down.
        create(admin, "gale", "admin", STRONG);
        patch(admin, id, Map.of("role", "operator")).statusCode(200);
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        int first = create(admin, "hana", "admin", STRONG);
        String hana = login("hana", STRONG);
        long ownerId = ((Number) data.single("SELECT id FROM staff_users WHERE username = 'owner'")).longValue();
        List<Integer> statuses = Concurrently.all(List.of(
                () -> patch(admin, first, Map.of("role", "support")).extract().statusCode(),
                () -> patch(hana, (int) ownerId, Map.of("role", "support"))
                        .extract()
                        .statusCode()));
        assertEquals(
                1,
                data.count("SELECT count(*) FROM staff_users WHERE role = 'admin' AND active"),
                "statuses " + statuses);
        // The loser is refused: 409 if it waited for the lock, 401 if its own admin session had already ended.
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "statuses " + statuses);
        assertTrue(statuses.contains(409) || statuses.contains(401), "statuses " + statuses);
    }

    @Test
    void anAdminCannotDeactivateThemselves() {
        create(admin, "ira", "admin", STRONG);
        long ownerId = ((Number) data.single("SELECT id FROM staff_users WHERE username = 'owner'")).longValue();
        patch(admin, (int) ownerId, Map.of("active", false))
                .statusCode(409)
                .body("error", containsString("your own account"));
    }

    @Test
    void staffChangeTheirOwnPasswordAndOtherSessionsEnd() {
        create(admin, "jo", "support", STRONG);
        String desk = login("jo", STRONG);
        String phone = login("jo", STRONG);
        given().header("Authorization", "Bearer " + desk)
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "not-my-password", "newPassword", "a-new-long-secret-9"))
                .put("/api/auth/password")
                .then()
                .statusCode(400)
                .body("error", containsString("currentPassword"));
        given().header("Authorization", "Bearer " + desk)
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", STRONG, "newPassword", "qwertyuiop"))
                .put("/api/auth/password")
                .then()
                .statusCode(400)
                .body("error", containsString("too common"));
        given().header("Authorization", "Bearer " + desk)
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", STRONG, "newPassword", STRONG))
                .put("/api/auth/password")
                .then()
                .statusCode(400)
                .body("error", containsString("differ"));
        String renewed = given().header("Authorization", "Bearer " + desk)
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", STRONG, "newPassword", "a-new-long-secret-9"))
                .put("/api/auth/password")
                .then()
                .statusCode(200)
                .extract()
                .path("data.token");
        listWorks(renewed, 200);
        listWorks(desk, 401);
        listWorks(phone, 401);
        listWorks(login("jo", "a-new-long-secret-9"), 200);
        assertEquals(1, data.count("SELECT count(*) FROM audit_log WHERE action = 'staff.password'"));
    }

    @Test
    void clubosUsersChangeTheirPasswordInClubos() {
        given().header("Authorization", TestTokens.bearer("operator"))
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "whatever-it-is", "newPassword", "a-new-long-secret-9"))
                .put("/api/auth/password")
                .then()
                .statusCode(400)
                .body("error", containsString("ClubOS"));
        given().header("Authorization", TestTokens.bearer("operator"))
                .get("/api/auth/me")
                .then()
                .statusCode(200)
                .body("data.account", equalTo("clubos"))
                .body("data.role", equalTo("operator"));
        given().header("Authorization", TestTokens.bearer("kiosk"))
                .get("/api/auth/me")
                .then()
                .statusCode(403);
    }

    @Test
    void aTokenOfOursForAnAccountThatDoesNotExistIsRefused() {
        String forged = TestTokens.sign(
                TestTokens.claims("admin").claim("userId", "staff-424242").claim("issuedBy", "clubos-messages"));
        given().header("Authorization", "Bearer " + forged)
                .get("/api/auth/me")
                .then()
                .statusCode(401);
    }
}
