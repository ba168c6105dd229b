package com.clubos.messages.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class AuthTest {

    private static final String CONVERSATIONS = "/api/messages/conversations";

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void requestWithoutTokenIsRefusedWith401Envelope() {
        given().get(CONVERSATIONS)
                .then()
                .statusCode(401)
                .body("success", equalTo(false))
                .body("error", equalTo("Authentication required: send a valid Bearer token"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "operator", "support"})
    void staffRolesMayUseTheApi(String role) {
        given().header("Authorization", TestTokens.bearer(role))
                .get(CONVERSATIONS)
                .then()
                .statusCode(200)
                .body("success", equalTo(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiosk", "customer", "superuser"})
    void otherClubosRolesAreForbidden(String role) {
        given().header("Authorization", TestTokens.bearer(role))
                .get(CONVERSATIONS)
                .then()
                .statusCode(403)
                .body("success", equalTo(false))
                .body("error", equalTo("Your role may not use this endpoint"));
    }

    @Test
    void expiredTokenIsRefused() {
        String token = TestTokens.sign(TestTokens.claims("admin")
                .issuedAt(Instant.now().minusSeconds(5 * 3600))
                .expiresAt(Instant.now().minusSeconds(600)));
        assertRefused(token);
    }

    @Test
    void tokenWithAlteredClaimsIsRefused() {
        String[] parts = TestTokens.clubos("kiosk").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"kiosk\"", "\"admin\"");
        String tampered = parts[0] + "." + base64Url(payload) + "." + parts[2];
        assertRefused(tampered);
    }

    @Test
    void tokenSignedWithAnotherSecretIsRefused() {
        assertRefused(TestTokens.claims("admin").jws().signWithSecret("some-other-secret-0123456789-abcdefgh"));
    }

    @Test
    void tokenFromAnotherIssuerOrAudienceIsRefused() {
        assertRefused(TestTokens.sign(TestTokens.claims("admin").issuer("someone-else")));
        assertRefused(TestTokens.sign(TestTokens.claims("admin").audience("other-audience")));
    }

    @Test
    void unsignedAlgNoneTokenIsRefused() {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload =
                base64Url("{\"iss\":\"clubosv1\",\"aud\":\"clubosv1-users\",\"userId\":\"x\",\"role\":\"admin\","
                        + "\"exp\":" + (Instant.now().getEpochSecond() + 3600) + "}");
        assertRefused(header + "." + payload + ".");
    }

    @Test
    void aTokenSignedWithSomeoneElsesRsaKeyIsRefused() throws Exception {
        // HS/RS confusion: the service only trusts HS256 with the shared secret, whatever alg a token names.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey attackerKey = generator.generateKeyPair().getPrivate();
        assertRefused(TestTokens.claims("admin")
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .sign(attackerKey));
    }

    @Test
    void aTokenNotValidYetIsRefused() {
        long inAnHour = Instant.now().plusSeconds(3600).getEpochSecond();
        assertRefused(TestTokens.sign(TestTokens.claims("admin").claim("nbf", inAnHour)));
    }

    @Test
    void aRoleOutsideTheRoleClaimGrantsNothing() {
        // Only the role claim counts: a signed token of a ClubOS kiosk that also says "groups": ["admin"]
        // or "admin": true is still a kiosk.
        given().header(
                        "Authorization",
                        "Bearer "
                                + TestTokens.sign(TestTokens.claims("kiosk")
                                        .claim("groups", java.util.List.of("admin"))
                                        .claim("admin", true)
                                        .claim("scope", "admin")))
                .get(CONVERSATIONS)
                .then()
                .statusCode(403);
        given().header("Authorization", "Bearer " + TestTokens.sign(TestTokens.claims("Admin ")))
                .get("/api/audit")
                .then()
                .statusCode(403);
    }

    @Test
    void tokenInQueryStringIsNotAcceptedOnRest() {
        given().queryParam("access_token", TestTokens.clubos("admin"))
                .get(CONVERSATIONS)
                .then()
                .statusCode(401);
    }

    @Test
    void loginAnswersATokenThatTheApiAccepts() {
        data.staff("dana", "correct horse battery", Roles.OPERATOR);
        String token = given().contentType(ContentType.JSON)
                .body("{\"username\":\"Dana\",\"password\":\"correct horse battery\"}")
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("data.token", notNullValue())
                .body("data.user.username", equalTo("dana"))
                .body("data.user.role", equalTo("operator"))
                .extract()
                .path("data.token");

        given().header("Authorization", "Bearer " + token)
                .get(CONVERSATIONS)
                .then()
                .statusCode(200);
        org.junit.jupiter.api.Assertions.assertEquals(
                1, data.count("select count(*) from audit_log where action = 'login' and actor = 'dana'"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameGenericAnswer() {
        data.staff("erin", "right-password", Roles.SUPPORT);
        login("erin", "wrong-password")
                .then()
                .statusCode(401)
                .body("success", equalTo(false))
                .body("error", equalTo("Invalid username or password"));
        login("nobody-here", "whatever").then().statusCode(401).body("error", equalTo("Invalid username or password"));
    }

    @Test
    void repeatedFailuresLockTheUsernameOut() {
        data.staff("frank", "the-real-one", Roles.ADMIN);
        for (int i = 0; i < 3; i++) {
            login("frank", "guess-" + i).then().statusCode(401);
        }
        // Locked even with the right password, until the window passes.
        login("frank", "the-real-one")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error", org.hamcrest.Matchers.startsWith("Too many failed logins"));
    }

    @Test
    void loginWithMissingFieldsNamesThem() {
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"\"}")
                .post("/api/auth/login")
                .then()
                .statusCode(400)
                .body("error", equalTo("password: is required; username: is required"));
    }

    private static io.restassured.response.Response login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("/api/auth/login");
    }

    private static void assertRefused(String token) {
        given().header("Authorization", "Bearer " + token)
                .get(CONVERSATIONS)
                .then()
                .statusCode(401)
                .body("success", equalTo(false))
                .body("error", equalTo("Invalid or expired token"));
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
