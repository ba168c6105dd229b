package com.clubos.messages.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.auth.Roles;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Nothing runs off the screen or over its neighbour, at desktop and phone width: the admin page with
 * real audit entries and two locations, and the conversation list with long texts.
 */
@QuarkusTest
@TestProfile(BrowserTestProfile.class)
class PageLayoutTest extends PageTest {

    static final String HALIFAX = "+19025550100";
    static final String ADMIN = TestTokens.sign(TestTokens.claims(Roles.ADMIN).claim("name", "Alex Admin"));

    /** Accounts made through the API, so the audit log holds their (long, unbroken) JSON details. */
    private static void addStaff(String username, String role) {
        given().header("Authorization", "Bearer " + ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username",
                        username,
                        "displayName",
                        "Front desk at the Halifax club",
                        "role",
                        role,
                        "password",
                        "evening-shift-bays-9",
                        "lines",
                        List.of(HALIFAX)))
                .post("/api/admin/staff")
                .then()
                .statusCode(201);
    }

    private void openAdminPage(int width) {
        addStaff("desk", Roles.OPERATOR);
        addStaff("boss", Roles.ADMIN);
        driver.manage().window().setSize(new Dimension(width, 844));
        driver.get(url("/login"));
        driver.executeScript("sessionStorage.setItem('clubos_token', arguments[0])", ADMIN);
        driver.get(url("/admin"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#staff-rows tr[data-username='boss']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#audit-rows tr")));
    }

    @ParameterizedTest
    @ValueSource(ints = {1280, 390})
    void everyAdminSectionFitsTheScreen(int width) {
        openAdminPage(width);
        Browser.screenshot(driver, "50-admin-" + width);
        long screen = (Long) driver.executeScript("return document.documentElement.clientWidth");
        List<WebElement> sections = driver.findElements(By.cssSelector("main.admin > section"));
        for (int i = 0; i < sections.size(); i++) {
            Rectangle box = sections.get(i).getRect();
            String name = sections.get(i).getAttribute("aria-labelledby");
            assertTrue(
                    box.getX() >= 0 && box.getX() + box.getWidth() <= screen,
                    name + " is " + box.getWidth() + " px wide at x=" + box.getX() + " on a " + screen + " px screen");
            for (int j = i + 1; j < sections.size(); j++) {
                Rectangle other = sections.get(j).getRect();
                boolean apart = box.getY() + box.getHeight() <= other.getY()
                        || other.getY() + other.getHeight() <= box.getY()
                        || box.getX() + box.getWidth() <= other.getX()
                        || other.getX() + other.getWidth() <= box.getX();
                assertTrue(apart, name + " overlaps " + sections.get(j).getAttribute("aria-labelledby"));
            }
        }
        assertEquals(
                Boolean.TRUE,
                driver.executeScript(
                        "const m = document.querySelector('main.admin');" + " return m.scrollWidth <= m.clientWidth"),
                "the admin page does not scroll sideways");
    }

    @Test
    void eachAccountsLocationsStayInTheirColumnAndAdminsHaveNoneToTick() {
        openAdminPage(1280);
        WebElement desk = driver.findElement(By.cssSelector("#staff-rows tr[data-username='desk']"));
        Rectangle column = desk.findElement(By.cssSelector(".staff-lines")).getRect();
        Rectangle status = desk.findElement(By.cssSelector(".staff-status")).getRect();
        for (WebElement label : desk.findElements(By.cssSelector(".staff-line"))) {
            // Where the box and the name really end, even where they overflow their label.
            double end = ((Number) driver.executeScript(
                            "const r = document.createRange(); r.selectNodeContents(arguments[0]);"
                                    + " return r.getBoundingClientRect().right",
                            label))
                    .doubleValue();
            assertTrue(
                    end <= column.getX() + column.getWidth() && end <= status.getX(),
                    "'" + label.getText() + "' ends at " + end + ", its column at "
                            + (column.getX() + column.getWidth()) + ", the status column starts at " + status.getX());
        }
        assertTrue(desk.findElement(By.cssSelector("input[value='" + HALIFAX + "']"))
                .isSelected());
        WebElement boss = driver.findElement(By.cssSelector("#staff-rows tr[data-username='boss']"));
        assertTrue(boss.findElements(By.cssSelector(".staff-lines input")).isEmpty(), "an admin sees every location");
        assertTrue(boss.findElement(By.cssSelector(".staff-lines")).getText().contains("All locations"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1280, 390})
    void aLongTextIsCutShortInTheListInsteadOfWideningIt(int width) {
        data.inbound(
                HALIFAX,
                "+19025550123",
                "Hi there, I was wondering whether bay number three is free this Saturday evening for a party of six",
                Instant.now());
        driver.manage().window().setSize(new Dimension(width, 844));
        signedInAs(ADMIN, 1);
        Browser.screenshot(driver, "51-long-preview-" + width);
        assertEquals(
                Boolean.TRUE,
                driver.executeScript(
                        "const p = document.getElementById('list-pane');" + " return p.scrollWidth <= p.clientWidth"),
                "the list does not scroll sideways");
        WebElement preview = driver.findElement(By.cssSelector(".conversation .preview"));
        Rectangle pane = driver.findElement(By.id("list-pane")).getRect();
        assertTrue(preview.getRect().getX() + preview.getRect().getWidth() <= pane.getX() + pane.getWidth());
    }
    /** A local admin, the account with every link (Password too), signed in as the login page does. */
    private void signedInLocally(int width) {
        addStaff("owner", Roles.ADMIN);
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", "owner", "password", "evening-shift-bays-9"))
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("data.token");
        driver.manage().window().setSize(new Dimension(width, 844));
        driver.get(url("/login"));
        driver.executeScript("sessionStorage.setItem('clubos_token', arguments[0])", token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/messages", "/admin", "/reports", "/campaigns"})
    void everyLinkOfTheTopBarIsOnAPhoneScreen(String page) {
        data.inbound(HALIFAX, "+19025550123", "Is bay 3 free tonight?", Instant.now());
        signedInLocally(390);
        driver.get(url(page));
        // A local admin sees every link once the page knows who is signed in.
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".topnav [hidden]"), 0));
        Browser.screenshot(driver, "52-top-bar" + page.replace('/', '-'));
        long screen = (Long) driver.executeScript("return document.documentElement.clientWidth");
        for (WebElement link : driver.findElements(By.cssSelector(".topnav a, .topnav button"))) {
            if (!link.isDisplayed()) {
                continue;
            }
            Rectangle box = link.getRect();
            assertTrue(
                    box.getX() >= 0 && box.getX() + box.getWidth() <= screen,
                    "'" + link.getText() + "' ends at " + (box.getX() + box.getWidth()) + " on a " + screen
                            + " px screen");
            assertEquals(1L, lines(link), "'" + link.getText() + "' is on one line");
        }
        assertEquals(
                Boolean.TRUE,
                driver.executeScript(
                        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
                page + " does not scroll sideways");
    }

    @Test
    void theComposersButtonsStayReadableOnAPhone() {
        data.inbound(HALIFAX, "+19025550123", "Is bay 3 free tonight?", Instant.now());
        signedInLocally(390);
        driver.get(url("/messages"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".conversation"), 1));
        open("+19025550123");
        Browser.screenshot(driver, "53-composer-390");
        for (String id : List.of("schedule", "send-done", "send")) {
            assertEquals(1L, lines(driver.findElement(By.id(id))), id + " is on one line");
        }
    }

    /** How many lines an element's text takes. */
    private long lines(WebElement element) {
        return (Long) driver.executeScript(
                "const r = document.createRange(); r.selectNodeContents(arguments[0]);"
                        + " return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size",
                element);
    }
}
