package com.clubos.messages.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.auth.Roles;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The team-inbox features in a real browser: snippets, assignment, open/done, notes, opt-out, admin page. */
@QuarkusTest
@TestProfile(BrowserTestProfile.class)
class TeamInboxPageTest extends PageTest {

    private static final String JORDAN = "+19025550123";
    private static final String PRIYA = "+19025550188";
    private static final String STRANGER = "+17825550142";
    private static final String OLIVIA = TestTokens.sign(
            TestTokens.claims(Roles.OPERATOR).claim("userId", "u-olivia").claim("name", "Olivia Operator"));
    private static final String SUE = TestTokens.bearerFor("u-sue", "Sue Support", Roles.SUPPORT);
    private static final String ALEX = TestTokens.bearerFor("u-alex", "Alex Admin", Roles.ADMIN);

    @BeforeEach
    void seed() {
        data.conversation(JORDAN, "Jordan Lee");
        data.inbound(JORDAN, "Is bay 3 free tonight?", Instant.now().minus(5, ChronoUnit.MINUTES));
        data.conversation(PRIYA, "Priya Shah");
        data.inbound(PRIYA, "Left-handed clubs?", Instant.now().minus(2, ChronoUnit.HOURS));
        given().header("Authorization", SUE)
                .get("/api/messages/unread-count")
                .then()
                .statusCode(200);
    }

    /** Read in one step in the page: the list re-renders on every live event. */
    @SuppressWarnings("unchecked")
    private List<String> listed() {
        return (List<String>) driver.executeScript(
                "return [...document.querySelectorAll('.conversation')].map((e) => e.dataset.phone);");
    }

    private static void snippet(String name, String body) {
        given().header("Authorization", ALEX)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"body\":\"" + body + "\"}")
                .post("/api/messages/templates")
                .then()
                .statusCode(201);
    }

    private static void webhook(String customer, String text) {
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        customer,
                        TestData.LINE,
                        text,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .then()
                .statusCode(200);
    }

    @Test
    void slashOpensTheSnippetPickerAndFillsTheSnippetForThisCustomer() {
        snippet("Bay ready", "Hi {{first_name}}, your bay at {{club}} is ready");
        snippet("Hours", "Open 9 to 11 every day");
        signedInAs(OLIVIA, 2);
        open(JORDAN);
        WebElement text = driver.findElement(By.id("text"));
        text.sendKeys("/");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#snippets li[role=option]"), 2));
        text.sendKeys("bay");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#snippets li[role=option]"), 1));
        Browser.screenshot(driver, "20-snippet-picker");
        text.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.attributeToBe(
                By.id("text"), "value", "Hi Jordan, your bay at Fairway Golf Sim is ready"));
        assertTrue(driver.findElement(By.id("snippets")).getAttribute("hidden") != null, "the picker closed");
        text.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".bubble.outbound"), "Hi Jordan, your bay at Fairway Golf Sim is ready"));
    }

    @Test
    void aSnippetThatCannotBeFilledIsRefusedAndNothingWithBracesIsLeftToSend() {
        snippet("Bay ready", "Hi {{first_name}}, your bay is ready");
        webhook(STRANGER, "What are your hours?");
        signedInAs(OLIVIA, 3);
        open(STRANGER);
        WebElement text = driver.findElement(By.id("text"));
        text.sendKeys("/bay");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#snippets li[role=option]"), 1));
        // The picker re-renders as each typed key is handled: click the option as it is now.
        wait.until(d -> {
            d.findElement(By.cssSelector("#snippets li[role=option]")).click();
            return true;
        });
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("toast")));
        assertEquals(
                "Snippet \"Bay ready\" cannot be used here: {{first_name}} (the customer's name is unknown)",
                driver.findElement(By.id("toast")).getText());
        assertEquals("", text.getAttribute("value"));
        assertFalse(driver.findElement(By.id("send")).isEnabled());
        Browser.screenshot(driver, "21-snippet-refused");
    }

    @Test
    void assigningShowsTheAssigneeAndTheMineAndUnassignedFiltersFollowLive() {
        signedInAs(OLIVIA, 2);
        open(JORDAN);
        new Select(driver.findElement(By.id("assignee"))).selectByValue("u-olivia");
        wait.until(ExpectedConditions.textToBe(
                By.cssSelector(".conversation[data-phone='" + JORDAN + "'] .tag.assignee"), "→ You"));

        driver.findElement(By.cssSelector(".filter[data-assigned=me]")).click();
        wait.until(d -> listed().equals(List.of(JORDAN)));
        // Sue hands Priya's conversation to Olivia from her own screen: it appears under "Mine" at once.
        given().header("Authorization", SUE)
                .contentType(ContentType.JSON)
                .body("{\"assigneeId\":\"u-olivia\"}")
                .put("/api/messages/conversations/{p}/assignee", PRIYA)
                .then()
                .statusCode(200);
        wait.until(d -> listed().equals(List.of(JORDAN, PRIYA)));
        Browser.screenshot(driver, "22-mine");

        driver.findElement(By.cssSelector(".filter[data-assigned=unassigned]")).click();
        wait.until(d -> listed().isEmpty());
        given().header("Authorization", SUE)
                .contentType(ContentType.JSON)
                .body("{\"assigneeId\":\"u-sue\"}")
                .put("/api/messages/conversations/{p}/assignee", JORDAN)
                .then()
                .statusCode(200);
        wait.until(ExpectedConditions.textToBe(By.id("thread-name"), "Jordan Lee"));
        wait.until(d -> "u-sue"
                .equals(new Select(driver.findElement(By.id("assignee")))
                        .getFirstSelectedOption()
                        .getAttribute("value")));
    }

    @Test
    void markingDoneHidesItFromOpenAndTheCustomersNextTextBringsItBack() {
        signedInAs(OLIVIA, 2);
        open(JORDAN);
        new Select(driver.findElement(By.id("state-filter"))).selectByValue("open");
        driver.findElement(By.id("inbox-status")).click();
        wait.until(d -> listed().equals(List.of(PRIYA)));
        assertEquals("Reopen", driver.findElement(By.id("inbox-status")).getText());
        webhook(JORDAN, "Actually, one more thing");
        wait.until(d -> listed().equals(List.of(JORDAN, PRIYA)));
        wait.until(ExpectedConditions.textToBe(By.id("inbox-status"), "Mark done"));
        Browser.screenshot(driver, "23-reopened");
    }

    @Test
    void internalNotesLookDifferentArriveLiveAndAreNeverTexted() {
        signedInAs(OLIVIA, 2);
        open(JORDAN);
        driver.findElement(By.id("mode-note")).click();
        assertEquals("Add note", driver.findElement(By.id("send")).getText());
        driver.findElement(By.id("text")).sendKeys("Prefers bay 3, pays by card", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".bubble.note"), "Prefers bay 3, pays by card"));
        assertEquals(
                "Internal note · Olivia Operator",
                driver.findElement(By.cssSelector(".bubble.note .label")).getText());

        given().header("Authorization", SUE)
                .contentType(ContentType.JSON)
                .body("{\"text\":\"Called him back\"}")
                .post("/api/messages/conversations/{p}/notes", JORDAN)
                .then()
                .statusCode(201);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".bubble.note"), 2));
        assertEquals(0, driver.findElements(By.cssSelector(".bubble.outbound")).size());
        assertEquals(0, data.count("select count(*) from messages where direction = 'outbound'"));
        Browser.screenshot(driver, "24-notes");
    }

    @Test
    void aStopClosesTheComposerAtOnceAndAStartOpensItAgain() {
        signedInAs(OLIVIA, 2);
        open(JORDAN);
        webhook(JORDAN, "STOP");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("opted-out")));
        assertTrue(
                driver.findElement(By.id("opted-out")).getText().startsWith("This customer opted out (texted STOP)"));
        assertFalse(driver.findElement(By.id("text")).isEnabled());
        assertFalse(driver.findElement(By.id("send")).isEnabled());
        assertEquals(
                "Opted out",
                driver.findElement(By.cssSelector(".conversation[data-phone='" + JORDAN + "'] .tag.stop"))
                        .getText());
        Browser.screenshot(driver, "25-opted-out");
        driver.findElement(By.id("mode-note")).click();
        assertTrue(driver.findElement(By.id("text")).isEnabled(), "notes still work");
        driver.findElement(By.id("mode-text")).click();

        webhook(JORDAN, "START");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("opted-out")));
        assertTrue(driver.findElement(By.id("text")).isEnabled());
    }

    @Test
    void adminsKeepSnippetsAndReadTheAuditLogOnTheAdminPage() {
        signedInAs(TestTokens.sign(TestTokens.claims(Roles.ADMIN).claim("name", "Alex Admin")), 2);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-link")));
        driver.findElement(By.id("admin-link")).click();
        wait.until(ExpectedConditions.urlContains("/admin"));
        driver.findElement(By.id("snippet-name")).sendKeys("Gift cards");
        driver.findElement(By.id("snippet-body")).sendKeys("Gift cards are sold at {{club}}");
        driver.findElement(By.id("snippet-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("snippet-list"), "Gift cards"));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#audit-rows tr[data-action='template.create']")));
        Browser.screenshot(driver, "26-admin");

        driver.findElement(By.id("snippet-name")).sendKeys("Broken");
        driver.findElement(By.id("snippet-body")).sendKeys("Hi {{nickname}}");
        driver.findElement(By.id("snippet-save")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "unknown placeholder {{nickname}}"));
    }

    @Test
    void operatorsSeeNoAdminLinkAndTheAdminPageShowsTheRefusal() {
        signedInAs(OLIVIA, 2);
        assertFalse(driver.findElement(By.id("admin-link")).isDisplayed());
        driver.get(url("/admin"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("toast"), "Your role may not use this endpoint"));
        assertEquals(0, driver.findElements(By.cssSelector("#audit-rows tr")).size());
    }
}
