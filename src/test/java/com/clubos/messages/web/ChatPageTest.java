package com.clubos.messages.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.auth.Roles;
import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

@QuarkusTest
@TestProfile(BrowserTestProfile.class)
class ChatPageTest extends PageTest {

    private static final String JORDAN = "+19025550123";
    private static final String PRIYA = "+19025550188";

    @BeforeEach
    void seed() {
        data.staff("admin", "admin-password", Roles.ADMIN);
        data.conversation(JORDAN, "Jordan Lee");
        data.inbound(JORDAN, "Is bay 3 free tonight?", Instant.now().minus(5, ChronoUnit.MINUTES));
        data.conversation(PRIYA, "Priya Shah");
        data.message(
                PRIYA,
                MessageDirection.OUTBOUND,
                "See you Saturday!",
                Instant.now().minus(2, ChronoUnit.HOURS),
                false);
    }

    private void signedIn() {
        signedInAs(TestTokens.clubos(Roles.OPERATOR), 2);
    }

    @Test
    void staffSignInAndSeeTheirConversationsMostRecentFirst() {
        driver.get(url("/"));
        wait.until(ExpectedConditions.urlContains("/login"));
        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys("wrong");
        driver.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertEquals(
                "Invalid username or password",
                driver.findElement(By.id("login-error")).getText());

        driver.findElement(By.id("password")).clear();
        driver.findElement(By.id("password")).sendKeys("admin-password", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/messages"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".conversation"), 2));
        List<String> names = driver.findElements(By.cssSelector(".conversation .name")).stream()
                .map(WebElement::getText)
                .toList();
        assertEquals(List.of("Jordan Lee", "Priya Shah"), names);
        assertEquals(
                "1", conversation(JORDAN).findElement(By.className("badge")).getText());
        assertEquals(
                "You: See you Saturday!",
                conversation(PRIYA).findElement(By.className("preview")).getText());
        assertFalse(driver.getCurrentUrl().contains("token"), "the token stays out of the URL");
        Browser.screenshot(driver, "01-list");
    }

    @Test
    void openingAConversationShowsItAndClearsItsUnreadBadge() {
        signedIn();
        wait.until(ExpectedConditions.titleIs("(1) Messages · ClubOS"));
        open(JORDAN);
        assertEquals("Jordan Lee", driver.findElement(By.id("thread-name")).getText());
        assertEquals("tel:" + JORDAN, driver.findElement(By.id("call")).getAttribute("href"));
        assertEquals(
                "Is bay 3 free tonight?",
                driver.findElement(By.cssSelector(".bubble.inbound .text")).getText());
        wait.until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector(".conversation[data-phone='" + JORDAN + "'] .badge"), 0));
        wait.until(ExpectedConditions.titleIs("Messages · ClubOS"));
        Browser.screenshot(driver, "02-conversation");
    }

    @Test
    void aSentTextGoesFromSendingToDelivered() {
        signedIn();
        open(JORDAN);
        WebElement text = driver.findElement(By.id("text"));
        assertFalse(driver.findElement(By.id("send")).isEnabled(), "send is disabled while empty");
        text.sendKeys("Yes! Bay 3 is yours at 7 ⛳");
        assertTrue(driver.findElement(By.id("counter")).getText().contains("1 SMS (UCS-2)"));
        text.sendKeys(Keys.ENTER);
        By outbound = By.cssSelector(".bubble.outbound");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(outbound, "Yes! Bay 3 is yours at 7 ⛳"));
        wait.until(ExpectedConditions.attributeToBe(outbound, "data-status", "delivered"));
        // Bubbles are re-rendered on every event: look them up afresh rather than hold an element.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(outbound, "Delivered"));
        assertEquals(1, driver.findElements(outbound).size(), "one bubble, not an optimistic copy left behind");
        assertEquals("", text.getAttribute("value"));
        Browser.screenshot(driver, "03-delivered");
    }

    @Test
    void theComposerCountsSegmentsAndRefusesTooLongTexts() {
        signedIn();
        open(JORDAN);
        WebElement text = driver.findElement(By.id("text"));
        text.sendKeys("a".repeat(161));
        assertTrue(driver.findElement(By.id("counter")).getText().contains("2 SMS (GSM-7)"));
        driver.executeScript("const t = document.getElementById('text'); t.value = 'x'.repeat(1601);"
                + "t.dispatchEvent(new Event('input'));");
        assertTrue(driver.findElement(By.id("counter")).getText().contains("too long"));
        assertFalse(driver.findElement(By.id("send")).isEnabled());
        text.sendKeys(Keys.BACK_SPACE);
        assertTrue(driver.findElement(By.id("send")).isEnabled());
    }

    @Test
    void anInboundTextAppearsLiveAndBumpsTheBadge() {
        signedIn();
        open(PRIYA);
        webhook(JORDAN, "Running 10 min late");
        wait.until(
                ExpectedConditions.textToBe(By.cssSelector(".conversation[data-phone='" + JORDAN + "'] .badge"), "2"));
        wait.until(ExpectedConditions.textToBe(
                By.cssSelector(".conversation[data-phone='" + JORDAN + "'] .preview"), "Running 10 min late"));
        wait.until(ExpectedConditions.titleIs("(2) Messages · ClubOS"));

        webhook(PRIYA, "Can I bring a friend?");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Can I bring a friend?"));
        Browser.screenshot(driver, "04-live");
    }

    @Test
    void searchFindsByNameOrNumber() {
        signedIn();
        driver.findElement(By.id("search")).sendKeys("priya");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".conversation"), 1));
        assertEquals(
                "Priya Shah",
                driver.findElement(By.cssSelector(".conversation .name")).getText());
        driver.findElement(By.id("search")).clear();
        driver.findElement(By.id("search")).sendKeys("(902) 555-0123");
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".conversation .name"), "Jordan Lee"));
        assertEquals(1, driver.findElements(By.cssSelector(".conversation")).size());
        Browser.screenshot(driver, "05-search");
    }

    @Test
    void aTextThatLooksLikeHtmlIsShownAsTextAndRunsNothing() {
        String hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        webhook(JORDAN, hostile);
        signedIn();
        open(JORDAN);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), hostile));
        assertEquals(
                0,
                driver.findElements(By.cssSelector("#messages img, #messages script, .preview img"))
                        .size());
        try {
            driver.switchTo().alert();
            throw new AssertionError("an alert ran");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
        Browser.screenshot(driver, "06-xss");
    }

    @Test
    void onAPhoneTheListAndTheConversationAreSeparateScreens() {
        driver.manage().window().setSize(new Dimension(390, 844));
        signedIn();
        assertTrue(driver.findElement(By.id("list-pane")).isDisplayed());
        assertFalse(driver.findElement(By.id("thread-pane")).isDisplayed());
        Browser.screenshot(driver, "07-phone-list");
        open(JORDAN);
        assertTrue(driver.findElement(By.id("thread-pane")).isDisplayed());
        assertFalse(driver.findElement(By.id("list-pane")).isDisplayed());
        Browser.screenshot(driver, "08-phone-thread");
        driver.findElement(By.id("back")).click();
        assertTrue(driver.findElement(By.id("list-pane")).isDisplayed());
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
}
