package com.clubos.messages.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.auth.FirstAdmin;
import com.clubos.messages.auth.Roles;
import com.clubos.messages.support.SetupLinkLog;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** Going live in the browser: first-admin setup, the Staff section, one's own password, sign-in from ClubOS. */
@QuarkusTest
@TestProfile(BrowserTestProfile.class)
class StaffPagesTest extends PageTest {

    static final String STRONG = "fairway-bay-lights-42";

    @Inject
    FirstAdmin firstAdmin;

    private void signInWithTheForm(String username, String password) {
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.urlContains("/messages"));
    }

    private static String role(String username) {
        return given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .get("/api/admin/staff")
                .then()
                .extract()
                .path("data.find { it.username == '" + username + "' }.role");
    }

    @Test
    void theFirstAdminOpensTheSetupLinkAndLandsOnTheStaffSection() {
        driver.get(url("/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("setup-hint")));
        String code;
        try (SetupLinkLog log = SetupLinkLog.capture()) {
            firstAdmin.ensure();
            code = log.code();
        }
        driver.get(url("/setup?code=" + code));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("setup-form")));
        driver.findElement(By.id("username")).sendKeys("pat");
        driver.findElement(By.id("display-name")).sendKeys("Pat Owner");
        driver.findElement(By.id("password")).sendKeys("password1234");
        driver.findElement(By.id("confirm")).sendKeys("password1234");
        driver.findElement(By.id("setup-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("setup-error"), "too common"));
        driver.findElement(By.id("password")).clear();
        driver.findElement(By.id("password")).sendKeys(STRONG);
        driver.findElement(By.id("confirm")).clear();
        driver.findElement(By.id("confirm")).sendKeys(STRONG);
        driver.findElement(By.id("setup-button")).click();
        wait.until(ExpectedConditions.urlContains("/admin"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#staff-rows tr[data-username='pat']")));
        Browser.screenshot(driver, "30-setup-done");

        driver.get(url("/setup?code=" + code));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("setup-state"), "already done"));
        assertFalse(driver.findElement(By.id("setup-form")).isDisplayed());
    }

    @Test
    void anAdminAddsChangesResetsAndDeactivatesStaff() {
        data.staff("owner", STRONG, Roles.ADMIN);
        signInWithTheForm("owner", STRONG);
        driver.get(url("/admin#staff"));
        wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#staff-rows tr[data-username='owner']")));

        driver.findElement(By.id("staff-username")).sendKeys("jamie");
        driver.findElement(By.id("staff-name")).sendKeys("Jamie Front Desk");
        new Select(driver.findElement(By.id("staff-role"))).selectByValue("operator");
        driver.findElement(By.id("staff-password")).sendKeys("qwertyuiop");
        driver.findElement(By.id("staff-add")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "too common"));
        driver.findElement(By.id("staff-password")).clear();
        driver.findElement(By.id("staff-password")).sendKeys("evening-shift-bays-9");
        driver.findElement(By.id("staff-add")).click();
        By jamie = By.cssSelector("#staff-rows tr[data-username='jamie']");
        wait.until(ExpectedConditions.presenceOfElementLocated(jamie));

        new Select(driver.findElement(jamie).findElement(By.cssSelector("select.staff-role"))).selectByValue("support");
        wait.until(d -> "support".equals(role("jamie")));

        driver.findElement(jamie).findElement(By.cssSelector(".staff-reset")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-password")));
        driver.findElement(By.id("reset-password")).sendKeys("short");
        driver.findElement(By.id("reset-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reset-error"), "at least 10"));
        driver.findElement(By.id("reset-password")).clear();
        driver.findElement(By.id("reset-password")).sendKeys("jamies-new-password-3");
        driver.findElement(By.id("reset-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Password of jamie changed"));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "jamie", "password", "jamies-new-password-3"))
                .post("/api/auth/login")
                .then()
                .statusCode(200);

        driver.findElement(jamie).findElement(By.cssSelector(".staff-toggle")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#staff-rows tr[data-username='jamie'] .staff-status"), "Deactivated"));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "jamie", "password", "jamies-new-password-3"))
                .post("/api/auth/login")
                .then()
                .statusCode(401);
        Browser.screenshot(driver, "31-admin-staff");

        // The last admin cannot be demoted: the page shows why and keeps the role.
        new Select(driver.findElement(By.cssSelector("#staff-rows tr[data-username='owner'] select.staff-role")))
                .selectByValue("operator");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "last active admin"));
        assertEquals("admin", role("owner"));
        driver.manage().window().setSize(new Dimension(390, 844));
        Browser.screenshot(driver, "32-admin-staff-phone");
    }

    @Test
    void someoneDeactivatedWhileSignedInIsSentToSignInSayingWhy() {
        data.staff("olive", STRONG, Roles.OPERATOR);
        signInWithTheForm("olive", STRONG);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("offline-banner")));
        long id = ((Number) data.single("SELECT id FROM staff_users WHERE username = 'olive'")).longValue();
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .contentType(ContentType.JSON)
                .body(Map.of("active", false))
                .patch("/api/admin/staff/" + id)
                .then()
                .statusCode(200);
        wait.until(ExpectedConditions.urlContains("/login"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-notice"), "session has ended"));
    }

    @Test
    void staffChangeTheirOwnPassword() {
        data.staff("casey", STRONG, Roles.SUPPORT);
        signInWithTheForm("casey", STRONG);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account-link")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-form")));
        driver.findElement(By.id("current")).sendKeys(STRONG);
        driver.findElement(By.id("new-password")).sendKeys("caseys-second-password");
        driver.findElement(By.id("confirm")).sendKeys("caseys-second-password");
        driver.findElement(By.id("password-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-done")));
        // This session goes on with its new token.
        driver.get(url("/messages"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account-link")));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "casey", "password", "caseys-second-password"))
                .post("/api/auth/login")
                .then()
                .statusCode(200);
    }

    @Test
    void aClubosLinkSignsStaffInWithoutASecondPassword() {
        data.inbound("+19025550123", "Hi from a customer", Instant.now());
        String jwt = TestTokens.sign(TestTokens.claims(Roles.OPERATOR).claim("name", "Olivia Operator"));
        driver.get(url("/#clubos_token=" + jwt));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".conversation"), 1));
        assertTrue(
                driver.getCurrentUrl().endsWith("/messages"),
                "the token left the address bar: " + driver.getCurrentUrl());
        assertEquals(jwt, driver.executeScript("return sessionStorage.getItem('clubos_token')"));
        assertFalse(driver.findElement(By.id("account-link")).isDisplayed(), "ClubOS users change passwords in ClubOS");
    }

    @Test
    void aBadExpiredOrWrongRoleClubosLinkLandsOnSignInSayingWhy() {
        String expired = TestTokens.sign(TestTokens.claims(Roles.OPERATOR)
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)));
        driver.get(url("/#clubos_token=" + expired));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-notice"), "invalid or has expired"));
        assertFalse(driver.getCurrentUrl().contains("clubos_token"));

        driver.get(url("/messages#clubos_token=" + TestTokens.clubos("kiosk")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("login-notice"), "role (kiosk) cannot use Messages"));

        driver.get("about:blank");
        driver.get(url("/login#clubos_token=not.a.token"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-notice"), "invalid or has expired"));
        assertEquals(null, driver.executeScript("return sessionStorage.getItem('clubos_token')"));
    }
}
