package com.clubos.messages.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.auth.Roles;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The campaigns page in Chromium: draft and preview, CSV, start with live progress, the thread's mark. */
@QuarkusTest
@TestProfile(BrowserTestProfile.class)
class CampaignsPageTest extends PageTest {

    static final String OPERATOR =
            TestTokens.sign(TestTokens.claims(Roles.OPERATOR).claim("name", "Olive Operator"));

    private void openCampaigns(String token) {
        driver.get(url("/login"));
        driver.executeScript("sessionStorage.setItem('clubos_token', arguments[0])", token);
        driver.get(url("/campaigns"));
    }

    private WebElement campaign(String name) {
        return driver.findElements(By.cssSelector("#campaign-list li.campaign")).stream()
                .filter(li -> li.findElement(By.tagName("strong")).getText().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private WebElement progress(String name) {
        return campaign(name).findElement(By.tagName("progress"));
    }

    /** Clicks a campaign's action button; the list re-renders on every live event, so it retries. */
    private void press(String name, String action) {
        wait.until(d -> {
            campaign(name)
                    .findElement(By.cssSelector("button[data-action=" + action + "]"))
                    .click();
            return true;
        });
    }

    @Test
    void anOperatorCreatesPreviewsUploadsAndStartsACampaignAndWatchesItFinish() throws Exception {
        openCampaigns(OPERATOR);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("campaign-form")));
        driver.findElement(By.id("campaign-name")).sendKeys("League night");
        new Select(driver.findElement(By.id("campaign-kind"))).selectByValue("informational");
        driver.findElement(By.id("campaign-text")).sendKeys("Hi {first_name}, league night is Friday!");
        assertTrue(driver.findElement(By.id("campaign-segments")).getText().contains("1 segment"));
        driver.findElement(By.id("campaign-numbers")).sendKeys("(902) 555-0141\n902 555 0141\nnot a number\n");
        driver.findElement(By.id("campaign-create")).click();

        wait.until(d ->
                d.findElements(By.cssSelector("#campaign-list li.campaign")).size() == 1);
        String preview = campaign("League night").getText();
        assertTrue(preview.contains("1 recipients after normalising; 1 invalid, 1 duplicates"), preview);
        assertTrue(preview.contains("'not a number' is not a valid phone number"), preview);
        // Before start, staff see who has no first name and what becomes of them.
        // (Read afresh: the list re-renders on every live event.)
        String empty = wait.until(d -> campaign("League night")
                .findElement(By.cssSelector(".empty-placeholder.skipped"))
                .getText());
        assertTrue(
                empty.contains("1 recipient(s) have no first name (e.g. +19025550141): they will be skipped (no text)"),
                empty);
        assertTrue(empty.contains("{first_name|there}"), empty);
        assertTrue(driver.findElement(By.id("placeholder-help")).getText().contains("{first_name|there}"));

        Path csv = Files.createTempFile("recipients", ".csv");
        Files.writeString(csv, "number,first_name,last_name\n902-555-0142,Mary,Smith\n902-555-0143,Bob,\n");
        campaign("League night").findElement(By.cssSelector("input[type=file]")).sendKeys(csv.toString());
        wait.until(d -> campaign("League night").getText().contains("3 recipients after normalising"));

        press("League night", "start");
        // Progress arrives over the WebSocket: the bar fills and the state moves on without a reload.
        wait.withTimeout(java.time.Duration.ofSeconds(30))
                .until(d -> campaign("League night").getText().contains("completed"));
        // Released is not done: the bar is full once OpenPhone took (and delivered) both texts.
        wait.until(d -> "3".equals(progress("League night").getAttribute("value")));
        assertEquals("3", progress("League night").getAttribute("max"));
        assertTrue(campaign("League night").getText().contains("Skipped: 1 placeholder without a value"));
        assertTrue(campaign("League night")
                .findElements(By.cssSelector("button[data-action]"))
                .isEmpty());

        // The text is in Mary's thread, marked with the campaign's name.
        driver.get(url("/messages"));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".conversation[data-phone='+19025550142']")));
        open("+19025550142");
        WebElement bubble = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".bubble.outbound .campaign-tag")));
        assertTrue(bubble.getText().contains("League night"));
        assertTrue(driver.findElement(By.cssSelector(".bubble.outbound .text"))
                .getText()
                .contains("Hi Mary"));
        assertTrue(driver.findElement(By.id("campaigns-link")).isDisplayed());
        Files.deleteIfExists(csv);
    }

    @Test
    void pauseAndCancelFromThePageAndSupportIsTurnedAway() {
        openCampaigns(OPERATOR);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("campaign-form")));
        driver.findElement(By.id("campaign-name")).sendKeys("Later");
        driver.findElement(By.id("campaign-text")).sendKeys("Tomorrow's offer");
        driver.findElement(By.id("campaign-numbers")).sendKeys("+19025550151");
        // Not before tomorrow: it runs without releasing anything yet.
        driver.executeScript(
                "document.getElementById('campaign-send-at').value = arguments[0]",
                java.time.LocalDateTime.now().plusDays(1).withNano(0).toString().substring(0, 16));
        driver.findElement(By.id("campaign-create")).click();
        wait.until(d ->
                d.findElements(By.cssSelector("#campaign-list li.campaign")).size() == 1);
        press("Later", "start");
        wait.until(d -> campaign("Later")
                        .findElements(By.cssSelector("button[data-action=pause]"))
                        .size()
                == 1);
        press("Later", "pause");
        wait.until(d -> campaign("Later").getText().contains("paused"));
        press("Later", "cancel");
        driver.switchTo().alert().accept();
        wait.until(d -> campaign("Later").getText().contains("cancelled"));
        assertTrue(campaign("Later").getText().contains("1 cancelled"));
        assertEquals(0, data.count("select count(*) from messages"));

        openCampaigns(TestTokens.sign(TestTokens.claims(Roles.SUPPORT)));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("campaigns-refused")));
        assertFalse(driver.findElement(By.id("campaign-form")).isDisplayed());
    }
}
