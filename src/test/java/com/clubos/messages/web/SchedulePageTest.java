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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Scheduling in the chat page: schedule from the composer or as the first text of a new conversation,
 * see it marked in the thread, edit, cancel.
 */
@QuarkusTest
@TestProfile(BrowserTestProfile.class)
class SchedulePageTest extends PageTest {

    private static final String JORDAN = "+19025550123";
    private static final String OLIVIA = TestTokens.sign(
            TestTokens.claims(Roles.OPERATOR).claim("userId", "u-olivia").claim("name", "Olivia Operator"));

    @BeforeEach
    void seed() {
        data.conversation(JORDAN, "Jordan Lee");
        data.inbound(JORDAN, "Can I book Saturday?", Instant.now().minus(5, ChronoUnit.MINUTES));
    }

    /** Two days ahead at 09:30 in the browser's own zone, in the open schedule dialog. */
    private void chooseTwoDaysAheadAtHalfPastNine() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("schedule-at")));
        driver.executeScript("const d = new Date(Date.now() + 2 * 864e5); d.setHours(9, 30, 0, 0);"
                + "const p = (n) => String(n).padStart(2, '0');"
                + "document.getElementById('schedule-at').value ="
                + " `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T09:30`;");
    }

    private String scheduledBubbleText() {
        return driver.findElement(By.cssSelector(".bubble.scheduled")).getText();
    }

    private static int scheduleByApi(String text) {
        return given().header("Authorization", "Bearer " + OLIVIA)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "to", JORDAN,
                        "text", text,
                        "sendAt",
                                OffsetDateTime.now(ZoneOffset.UTC).plusHours(3).toString()))
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .extract()
                .path("data.id");
    }

    @Test
    void staffScheduleATextFromTheComposerAndEditAndCancelIt() {
        signedInAs(OLIVIA, 1);
        open(JORDAN);
        driver.findElement(By.id("text")).sendKeys("Saturday 10am is booked for you");
        driver.findElement(By.id("schedule")).click();
        chooseTwoDaysAheadAtHalfPastNine();
        driver.findElement(By.id("schedule-even-if-reply")).click();
        driver.findElement(By.id("schedule-submit")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".bubble.scheduled"), "Saturday 10am is booked for you"));
        assertTrue(scheduledBubbleText().contains("Scheduled ·"), scheduledBubbleText());
        assertTrue(scheduledBubbleText().contains("9:30"), scheduledBubbleText());
        assertTrue(scheduledBubbleText().contains("even if they reply"), scheduledBubbleText());
        assertEquals("", driver.findElement(By.id("text")).getAttribute("value"));
        assertEquals(true, data.single("select send_even_if_reply from messages where status = 'scheduled'"));
        Browser.screenshot(driver, "40-scheduled-in-thread");

        driver.findElement(By.cssSelector(".bubble.scheduled .edit-scheduled")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("schedule-text")));
        driver.findElement(By.id("schedule-text")).clear();
        driver.findElement(By.id("schedule-text")).sendKeys("Saturday 11am is booked for you");
        driver.findElement(By.id("schedule-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".bubble.scheduled"), "Saturday 11am is booked for you"));

        driver.findElement(By.cssSelector(".bubble.scheduled .cancel-scheduled"))
                .click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".bubble.cancelled"), "Cancelled — Cancelled by Olivia Operator"));
        assertEquals(0, driver.findElements(By.cssSelector(".bubble.scheduled")).size());
    }

    @Test
    void aFirstTextToANewNumberIsScheduledFromNewMessage() {
        signedInAs(OLIVIA, 1);
        driver.findElement(By.id("new-message")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compose-to")))
                .sendKeys("902 555 0177");
        driver.findElement(By.id("compose-text")).sendKeys("Your fitting is on Thursday");
        driver.findElement(By.id("compose-schedule")).click();
        chooseTwoDaysAheadAtHalfPastNine();
        driver.findElement(By.id("schedule-submit")).click();

        wait.until(ExpectedConditions.attributeToBe(By.id("thread-number"), "data-phone", "+19025550177"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".bubble.scheduled"), "Your fitting is on Thursday"));
        assertTrue(scheduledBubbleText().contains("Scheduled ·"), scheduledBubbleText());
        assertTrue(scheduledBubbleText().contains("9:30"), scheduledBubbleText());
        assertFalse(driver.findElement(By.id("compose-dialog")).isDisplayed());
        assertFalse(driver.findElement(By.id("schedule-dialog")).isDisplayed());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".conversation"), 2));
        assertEquals(
                "scheduled",
                data.single("SELECT status::text FROM messages WHERE body = 'Your fitting is on Thursday'"),
                "nothing left yet");
        Browser.screenshot(driver, "42-first-text-scheduled");
    }

    @Test
    void aReplyCancelsItLiveAndADueTextLeavesLikeAnyOther() {
        int replyCancels = scheduleByApi("Still on for Saturday?");
        signedInAs(OLIVIA, 1);
        open(JORDAN);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".bubble.scheduled"), "Still on for Saturday?"));

        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        JORDAN,
                        TestData.LINE,
                        "Yes see you then",
                        Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .then()
                .statusCode(200);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".bubble.cancelled[data-id='" + replyCancels + "']"),
                "Cancelled — customer replied first"));

        int leaves = scheduleByApi("Your bay is ready");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".bubble.scheduled[data-id='" + leaves + "']"), "Your bay is ready"));
        data.execute("UPDATE messages SET send_at = now() WHERE id = " + leaves);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".bubble.outbound[data-id='" + leaves + "'] .status"), "Delivered"));
        assertEquals(0, driver.findElements(By.cssSelector(".bubble.scheduled")).size());
        Browser.screenshot(driver, "41-scheduled-left");
    }
}
