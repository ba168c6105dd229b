package com.clubos.messages.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.auth.Roles;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestTokens;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The page at a club with two locations: switcher, line names, new conversations, pictures, phone width. */
@QuarkusTest
@TestProfile(BrowserTestProfile.class)
class LocationsPageTest extends PageTest {

    static final String HALIFAX = "+19025550100";
    static final String DARTMOUTH = "+19025550199";
    static final String JORDAN = "+19025550123";
    static final String PRIYA = "+19025550188";
    static final String SAM = "+17825550142";
    static final String ADMIN = TestTokens.sign(TestTokens.claims(Roles.ADMIN).claim("name", "Alex Admin"));

    @BeforeEach
    void twoClubs() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        data.conversation(JORDAN, "Jordan Lee");
        data.inbound(HALIFAX, JORDAN, "Bay 3 tonight?", now.minusSeconds(300));
        data.inbound(DARTMOUTH, PRIYA, "Left-handed clubs?", now.minusSeconds(200));
        data.inbound(DARTMOUTH, SAM, "Sunday hours?", now.minusSeconds(100));
    }

    private static void webhook(String customer, String line, String text) {
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        customer,
                        line,
                        text,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .then()
                .statusCode(200);
    }

    private WebElement location(String label) {
        return driver.findElements(By.cssSelector("#locations button")).stream()
                .filter(b -> b.getText().startsWith(label))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theSwitcherShowsEachLocationsUnreadAndFiltersTheList() {
        signedInAs(ADMIN, 3);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("locations")));
        wait.until(d -> location("All locations").getText().contains("3"));
        assertTrue(
                location("Halifax").getText().contains("1"), location("Halifax").getText());
        assertTrue(
                location("Dartmouth").getText().contains("2"),
                location("Dartmouth").getText());
        WebElement jordan = conversation(JORDAN);
        assertEquals(
                "Halifax", jordan.findElement(By.cssSelector(".tag.location")).getText());
        assertEquals(
                "(902) 555-0123", jordan.findElement(By.cssSelector(".number")).getText());
        assertEquals(JORDAN, jordan.findElement(By.cssSelector(".number")).getAttribute("title"));
        Browser.screenshot(driver, "40-locations");

        location("Dartmouth").click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".conversation"), 2));
        // A new text at the other location does not slip into the filtered list.
        webhook("+19025550166", HALIFAX, "Do you have lessons?");
        wait.until(d -> location("Halifax").getText().contains("2"));
        assertEquals(2, driver.findElements(By.cssSelector(".conversation")).size());
        location("All locations").click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".conversation"), 4));
    }

    @Test
    void staffOfOneLocationSeeNoSwitcherAndOnlyTheirTexts() {
        signedInAs(TestTokens.sign(TestTokens.claims(Roles.OPERATOR).claim("locations", List.of("Dartmouth"))), 2);
        assertFalse(driver.findElement(By.id("locations")).isDisplayed());
        assertTrue(
                driver.findElements(By.cssSelector(".conversation .tag.location"))
                        .isEmpty(),
                "one location: rows need no location name");
        webhook(JORDAN, HALIFAX, "Halifax only");
        webhook(PRIYA, DARTMOUTH, "Dartmouth too");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".conversation[data-phone='" + PRIYA + "'] .preview"), "Dartmouth too"));
        assertEquals(2, driver.findElements(By.cssSelector(".conversation")).size());
    }

    @Test
    void newMessageTextsACustomerFirstAndReusesAnExistingConversation() {
        signedInAs(ADMIN, 3);
        driver.findElement(By.id("new-message")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compose-to")))
                .sendKeys("(902) 555-0177");
        new Select(driver.findElement(By.id("compose-line"))).selectByValue(DARTMOUTH);
        driver.findElement(By.id("compose-text")).sendKeys("Your gift card is ready at the front desk");
        driver.findElement(By.id("compose-send")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("thread-number"), "data-phone", "+19025550177"));
        assertEquals(
                "(902) 555-0177", driver.findElement(By.id("thread-number")).getText());
        assertEquals("Dartmouth", driver.findElement(By.id("thread-location")).getText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Your gift card is ready"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".conversation"), 4));

        // Jordan already texted Halifax: the same conversation opens, with the new text in it.
        driver.findElement(By.id("new-message")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compose-to")))
                .sendKeys("902.555.0123");
        new Select(driver.findElement(By.id("compose-line"))).selectByValue(HALIFAX);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("compose-existing"), "Jordan Lee"));
        driver.findElement(By.id("compose-text")).sendKeys("Bay 3 is yours at 7");
        driver.findElement(By.id("compose-send")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("thread-number"), "data-phone", JORDAN));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Bay 3 tonight?"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Bay 3 is yours at 7"));
        assertEquals(
                1, data.count("SELECT count(*) FROM openphone_conversations WHERE phone_number = '" + JORDAN + "'"));
        Browser.screenshot(driver, "41-new-message");
    }

    @Test
    void anOptedOutCustomerIsRefusedWithTheReason() {
        data.single("UPDATE openphone_conversations SET opted_out = true WHERE phone_number = '" + PRIYA
                + "' RETURNING id");
        signedInAs(ADMIN, 3);
        driver.findElement(By.id("new-message")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compose-to")))
                .sendKeys("9025550188");
        new Select(driver.findElement(By.id("compose-line"))).selectByValue(DARTMOUTH);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("compose-existing"), "opted out"));
        assertFalse(driver.findElement(By.id("compose-send")).isEnabled());
        // And the API says so too, should the page not have known.
        given().header("Authorization", "Bearer " + ADMIN)
                .contentType("application/json")
                .body(Map.of("to", PRIYA, "from", DARTMOUTH, "text", "Hi"))
                .post("/api/messages/send")
                .then()
                .statusCode(409);
    }

    @Test
    void atPhoneWidthTheHeadersControlsDoNotOverlap() {
        data.single("UPDATE openphone_conversations SET customer_name = 'Alexandra Montgomery-Richardson' "
                + "WHERE phone_number = '" + SAM + "' RETURNING id");
        driver.manage().window().setSize(new Dimension(390, 844));
        signedInAs(ADMIN, 3);
        open(SAM);
        List<String> ids = List.of(
                "back",
                "thread-name",
                "thread-number",
                "thread-location",
                "call",
                "rename",
                "assignee",
                "inbox-status");
        Browser.screenshot(driver, "42-phone-header");
        long width = (Long) driver.executeScript("return document.documentElement.clientWidth");
        for (int i = 0; i < ids.size(); i++) {
            Rectangle a = driver.findElement(By.id(ids.get(i))).getRect();
            assertTrue(
                    a.getX() >= 0 && a.getX() + a.getWidth() <= width,
                    ids.get(i) + " fits the screen: " + a.getX() + "+" + a.getWidth());
            for (int j = i + 1; j < ids.size(); j++) {
                Rectangle b = driver.findElement(By.id(ids.get(j))).getRect();
                boolean apart = a.getX() + a.getWidth() <= b.getX()
                        || b.getX() + b.getWidth() <= a.getX()
                        || a.getY() + a.getHeight() <= b.getY()
                        || b.getY() + b.getHeight() <= a.getY();
                assertTrue(apart, ids.get(i) + " " + describe(a) + " overlaps " + ids.get(j) + " " + describe(b));
            }
        }
    }

    private static String describe(Rectangle r) {
        return "[" + r.getX() + "," + r.getY() + " " + r.getWidth() + "x" + r.getHeight() + "]";
    }

    @Test
    void aPictureTheCustomerSentShowsAsAThumbnailAndInTheList() throws Exception {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        image.setRGB(5, 5, Color.RED.getRGB());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        HttpServer storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage.createContext("/media/screen.png", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.size());
            exchange.getResponseBody().write(png.toByteArray());
            exchange.close();
        });
        storage.start();
        try {
            signedInAs(ADMIN, 3);
            open(JORDAN);
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String url = "http://127.0.0.1:" + storage.getAddress().getPort() + "/media/screen.png";
            OpenPhoneWebhooks.post("""
                    {"id":"%s","object":"event","apiVersion":"v3","createdAt":"%s","type":"message.received",
                     "data":{"object":{"id":"%s","object":"message","from":"%s","to":["%s"],"direction":"incoming",
                     "body":"","media":[{"url":"%s","type":"image/png"}],"status":"received","createdAt":"%s"}}}""".formatted(
                                    OpenPhoneWebhooks.newEventId(),
                                    at,
                                    OpenPhoneWebhooks.newMessageId(),
                                    JORDAN,
                                    HALIFAX,
                                    url,
                                    at))
                    .then()
                    .statusCode(200);
            By thumb = By.cssSelector("#messages .attachments img");
            wait.until(d -> {
                List<WebElement> images = d.findElements(thumb);
                return !images.isEmpty()
                        && (Long) driver.executeScript("return arguments[0].naturalWidth", images.get(0)) == 40;
            });
            assertTrue(driver.findElement(By.cssSelector("#messages .attachments a"))
                    .getAttribute("href")
                    .startsWith("blob:"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".conversation[data-phone='" + JORDAN + "'] .preview"), "📷 Photo"));
            Browser.screenshot(driver, "43-picture");
        } finally {
            storage.stop(0);
        }
    }

    @Test
    void textsArrivingInTheOpenConversationAreReadOnlyWhileTheTabIsVisible() {
        signedInAs(ADMIN, 3);
        open(JORDAN);
        webhook(JORDAN, HALIFAX, "Also 2 clubs please");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Also 2 clubs please"));
        assertTrue(
                conversation(JORDAN).findElements(By.cssSelector(".badge")).isEmpty(),
                "no badge on the open conversation");
        wait.until(d ->
                data.count("SELECT unread_count FROM openphone_conversations WHERE phone_number = '" + JORDAN + "'")
                        == 0);

        driver.executeScript(
                "Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});"
                        + "document.dispatchEvent(new Event('visibilitychange'))");
        webhook(JORDAN, HALIFAX, "Hello? anyone there");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Hello? anyone there"));
        wait.until(d ->
                !conversation(JORDAN).findElements(By.cssSelector(".badge")).isEmpty());
        assertEquals(
                1,
                data.count("SELECT unread_count FROM openphone_conversations WHERE phone_number = '" + JORDAN + "'"));

        driver.executeScript(
                "Object.defineProperty(document, 'visibilityState', {value: 'visible', configurable: true});"
                        + "document.dispatchEvent(new Event('visibilitychange'))");
        wait.until(
                d -> conversation(JORDAN).findElements(By.cssSelector(".badge")).isEmpty());
        wait.until(d ->
                data.count("SELECT unread_count FROM openphone_conversations WHERE phone_number = '" + JORDAN + "'")
                        == 0);
    }

    @Test
    void anAdminGivesStaffTheirLocationsOnTheAdminPage() {
        data.staff("desk", "halifax-front-desk-1", Roles.OPERATOR);
        signedInAs(ADMIN, 3);
        driver.get(url("/admin#staff"));
        By row = By.cssSelector("#staff-rows tr[data-username='desk']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        assertTrue(driver.findElement(row).getText().contains("All locations"));
        driver.findElement(row)
                .findElement(By.cssSelector("input[value='" + HALIFAX + "']"))
                .click();
        wait.until(d -> "{+19025550100}"
                .equals(String.valueOf(data.single("SELECT lines::text FROM staff_users WHERE username = 'desk'"))));
    }
}
