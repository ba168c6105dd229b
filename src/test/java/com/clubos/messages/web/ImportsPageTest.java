package com.clubos.messages.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.history.LegacyClubos;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin page's History import section: start, a progress bar that moves live, cancel. */
@QuarkusTest
@TestProfile(ImportsPageProfile.class)
class ImportsPageTest extends PageTest {

    static final int CONVERSATIONS = 400;
    static final int PER_CONVERSATION = 10;

    LegacyClubos legacy;

    @BeforeEach
    void legacyData() throws Exception {
        legacy = LegacyClubos.create(ImportsPageProfile.LEGACY);
        legacy.generate(CONVERSATIONS, PER_CONVERSATION);
        driver.executeScript("sessionStorage.setItem('clubos_token', arguments[0])", TestTokens.clubos("admin"));
        driver.get(url("/admin"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-empty")));
    }

    @AfterEach
    void closeLegacy() throws Exception {
        data.execute("UPDATE history_imports SET state = 'cancelled' WHERE state = 'running'");
        legacy.close();
    }

    WebElement importItem() {
        return driver.findElement(By.cssSelector("#import-list li.import"));
    }

    @Test
    void anAdminStartsAClubosImportAndWatchesTheBarFillLive() {
        driver.findElement(By.id("import-start")).click();

        // Part-way: the bar shows progress pushed over the socket, not a reload.
        wait.until(d -> {
            WebElement bar = importItem().findElement(By.tagName("progress"));
            double value = Double.parseDouble(bar.getDomProperty("value"));
            return "running".equals(importItem().getDomAttribute("data-state")) && value > 0 && value < CONVERSATIONS;
        });
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> "done".equals(importItem().getDomAttribute("data-state")));

        WebElement bar = importItem().findElement(By.tagName("progress"));
        assertEquals(String.valueOf(CONVERSATIONS), bar.getDomAttribute("max"));
        assertEquals((double) CONVERSATIONS, Double.parseDouble(bar.getDomProperty("value")));
        String counts = importItem().findElement(By.className("import-counts")).getText();
        assertTrue(counts.contains("4,000 imported"), counts);
        assertTrue(counts.contains("400 / 400 conversations"), counts);
    }

    @Test
    void aRunningImportIsCancelledFromThePage() {
        driver.findElement(By.id("import-start")).click();
        wait.until(d -> importItem().findElement(By.className("import-cancel")).isDisplayed());

        importItem().findElement(By.className("import-cancel")).click();
        driver.switchTo().alert().accept();

        wait.until(d -> "cancelled".equals(importItem().getDomAttribute("data-state")));
        assertTrue(
                !importItem().findElement(By.className("import-cancel")).isDisplayed(),
                "no cancel on a cancelled import");
    }

    @Test
    void theOpenPhoneSourceAsksForASinceDateAndAnErrorIsShown() {
        assertTrue(!driver.findElement(By.id("import-since-row")).isDisplayed());
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("import-source")))
                .selectByValue("openphone");
        assertTrue(driver.findElement(By.id("import-since-row")).isDisplayed());
        driver.findElement(By.id("import-start")).click();
        // The simulator has no conversations list: the backfill fails, and the page says why.
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> "failed".equals(importItem().getDomAttribute("data-state")));
        assertTrue(importItem()
                .findElement(By.className("import-failure"))
                .getText()
                .contains("OpenPhone refused"));
    }
}
