package com.clubos.messages.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.auth.Roles;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestTokens;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The page at a club, the details a user meets: how a number shows, the line of a new text, a file. */
@QuarkusTest
@TestProfile(BrowserTestProfile.class)
class ClubPageDetailsTest extends PageTest {

    static final String HALIFAX = "+19025550100";
    static final String DARTMOUTH = "+19025550199";
    static final String JORDAN = "+19025550123";
    static final String PRIYA = "+19025550188";
    static final String ADMIN = TestTokens.sign(TestTokens.claims(Roles.ADMIN).claim("name", "Alex Admin"));

    @BeforeEach
    void twoClubs() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        data.inbound(HALIFAX, JORDAN, "Bay 3 tonight?", now.minusSeconds(300));
        data.inbound(DARTMOUTH, PRIYA, "Left-handed clubs?", now.minusSeconds(200));
    }

    @Test
    void theHeaderShowsTheClubsFormatWithE164ToCallAndCopy() {
        signedInAs(ADMIN, 2);
        open(JORDAN);
        WebElement number = driver.findElement(By.id("thread-number"));
        assertEquals("(902) 555-0123", number.getText());
        assertEquals(JORDAN, number.getAttribute("title"));
        assertEquals("tel:" + JORDAN, driver.findElement(By.id("call")).getAttribute("href"));
    }

    @Test
    void someoneWithOneLocationTextsFromItWithoutChoosing() {
        signedInAs(TestTokens.sign(TestTokens.claims(Roles.OPERATOR).claim("locations", List.of("Dartmouth"))), 1);
        driver.findElement(By.id("new-message")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compose-to")));
        Select line = new Select(driver.findElement(By.id("compose-line")));
        assertEquals(1, line.getOptions().size());
        assertEquals(DARTMOUTH, line.getFirstSelectedOption().getAttribute("value"));
        driver.findElement(By.id("compose-to")).sendKeys("902 555 0177");
        driver.findElement(By.id("compose-text")).sendKeys("Your lesson is booked");
        driver.findElement(By.id("compose-send")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("thread-number"), "data-phone", "+19025550177"));
        assertEquals(
                DARTMOUTH,
                data.single("SELECT from_number FROM messages WHERE body = 'Your lesson is booked'"),
                "it left from the only line this operator has");
    }

    @Test
    void aFileThatIsNoPictureShowsAsANamedLink() throws Exception {
        byte[] pdf = "%PDF-1.4 a receipt".getBytes(StandardCharsets.US_ASCII);
        HttpServer storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage.createContext("/media/receipt.pdf", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/pdf");
            exchange.sendResponseHeaders(200, pdf.length);
            exchange.getResponseBody().write(pdf);
            exchange.close();
        });
        storage.start();
        try {
            signedInAs(ADMIN, 2);
            open(JORDAN);
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String url = "http://127.0.0.1:" + storage.getAddress().getPort() + "/media/receipt.pdf";
            OpenPhoneWebhooks.post("""
                    {"id":"%s","object":"event","apiVersion":"v3","createdAt":"%s","type":"message.received",
                     "data":{"object":{"id":"%s","object":"message","from":"%s","to":["%s"],"direction":"incoming",
                     "body":"","media":[{"url":"%s","type":"application/pdf"}],"status":"received","createdAt":"%s"}}}""".formatted(
                                    OpenPhoneWebhooks.newEventId(),
                                    at,
                                    OpenPhoneWebhooks.newMessageId(),
                                    JORDAN,
                                    HALIFAX,
                                    url,
                                    at))
                    .then()
                    .statusCode(200);
            By link = By.cssSelector("#messages .attachments a.attachment");
            wait.until(d -> !d.findElements(link).isEmpty()
                    && d.findElement(link).getAttribute("href").startsWith("blob:"));
            WebElement file = driver.findElement(link);
            assertTrue(file.getText().contains("receipt.pdf"), file.getText());
            assertEquals("receipt.pdf", file.getAttribute("download"));
            assertTrue(driver.findElements(By.cssSelector("#messages .attachments img"))
                    .isEmpty());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".conversation[data-phone='" + JORDAN + "'] .preview"), "📎 Attachment"));
        } finally {
            storage.stop(0);
        }
    }
}
