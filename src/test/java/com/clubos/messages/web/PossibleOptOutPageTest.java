package com.clubos.messages.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.auth.Roles;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A text that reads like "stop texting me" shows as a banner over the thread; one click confirms it. */
@QuarkusTest
@TestProfile(BrowserTestProfile.class)
class PossibleOptOutPageTest extends PageTest {

    private static final String JORDAN = "+19025550123";
    private static final String SUE = TestTokens.sign(
            TestTokens.claims(Roles.SUPPORT).claim("userId", "u-sue").claim("name", "Sue Support"));
    private static final String OLIVIA = TestTokens.sign(
            TestTokens.claims(Roles.OPERATOR).claim("userId", "u-olivia").claim("name", "Olivia Operator"));

    @BeforeEach
    void seed() {
        data.conversation(JORDAN, "Jordan Lee");
        data.inbound(JORDAN, "Is bay 3 free?", Instant.now().minus(5, ChronoUnit.MINUTES));
    }

    private static void customerTexts(String text) {
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        JORDAN,
                        TestData.LINE,
                        text,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .then()
                .statusCode(200);
    }

    @Test
    void theBannerAppearsLiveAndConfirmingOptsOutAndSendsTheConfirmation() {
        signedInAs(SUE, 1);
        open(JORDAN);
        customerTexts("please stop texting me");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("possible-opt-out")));
        String banner = driver.findElement(By.id("possible-opt-out")).getText();
        assertEquals("Jordan Lee may have asked to stop texts: “please stop texting me”.\nConfirm opt-out", banner);
        assertEquals(
                0,
                driver.findElements(By.cssSelector("#possible-opt-out .dismiss-opt-out"))
                        .size(),
                "support staff confirm but do not dismiss");
        assertTrue(driver.findElement(By.id("send")).isDisplayed());
        Browser.screenshot(driver, "42-possible-opt-out");

        driver.findElement(By.cssSelector("#possible-opt-out .confirm-opt-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("opted-out")));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("possible-opt-out")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".bubble.outbound .origin"), "Automatic"));
        assertTrue(
                driver.findElement(By.cssSelector(".bubble.outbound")).getText().contains("you're unsubscribed"));
        assertEquals(true, data.single("select opted_out from openphone_conversations"));
    }

    @Test
    void anOperatorDismissesIt() {
        customerTexts("remove me from your list");
        signedInAs(OLIVIA, 1);
        open(JORDAN);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#possible-opt-out .dismiss-opt-out")))
                .click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("possible-opt-out")));
        Browser.screenshot(driver, "43-possible-opt-out-dismissed");
        assertEquals(false, data.single("select opted_out from openphone_conversations"));
        assertEquals(1L, data.single("select count(*) from audit_log where action = 'optout.dismissed'"));
    }
}
