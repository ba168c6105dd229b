package com.clubos.messages.web;

import com.clubos.messages.support.TestData;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every browser test shares: one headless Chromium per test class, a clean session before each
 * test (signed out, desktop size), and the page's basic moves. Subclasses seed their own data.
 */
abstract class PageTest {

    static ChromeDriver driver;

    @Inject
    TestData data;

    @TestHTTPResource("/")
    URL base;

    WebDriverWait wait;

    @BeforeAll
    static void startBrowser() {
        driver = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void freshBrowser() {
        data.reset();
        driver.manage().window().setSize(new Dimension(1280, 800));
        // The page re-renders bubbles and rows on every live event: an element found a moment ago may be gone.
        wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class);
        driver.get(url("/login"));
        driver.executeScript("sessionStorage.clear()");
    }

    String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    /** Signs in as the page does, without the form, and waits for the list to show {@code rows}. */
    void signedInAs(String token, int rows) {
        driver.get(url("/login"));
        driver.executeScript("sessionStorage.setItem('clubos_token', arguments[0])", token);
        driver.get(url("/messages"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".conversation"), rows));
    }

    WebElement conversation(String phone) {
        return driver.findElement(By.cssSelector(".conversation[data-phone='" + phone + "']"));
    }

    void open(String phone) {
        wait.until(d -> {
            conversation(phone).click();
            return true;
        });
        wait.until(ExpectedConditions.attributeToBe(By.id("thread-number"), "data-phone", phone));
    }
}
