package com.clubos.messages.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.auth.Roles;
import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.report.ReportSeed;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The reports page: tiles that say what the API says, charts that draw, presets, locations, phone width. */
@QuarkusTest
@TestProfile(BrowserTestProfile.class)
class ReportsPageTest extends PageTest {

    static final String HALIFAX = "+19025550100";
    static final String DARTMOUTH = "+19025550199";
    static final String ADMIN = TestTokens.sign(TestTokens.claims(Roles.ADMIN).claim("name", "Alex Admin"));

    @Inject
    ReportSeed seed;

    @BeforeEach
    void aMonthAtTwoClubs() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        seed.customer(HALIFAX, "+19025553001", "Bay tonight?", now.minus(3, ChronoUnit.DAYS));
        seed.staff(
                HALIFAX,
                "+19025553001",
                now.minus(3, ChronoUnit.DAYS).plusSeconds(240),
                "staff-1",
                "Sam Staff",
                MessageStatus.DELIVERED);
        seed.customer(HALIFAX, "+19025553002", "Lessons?", now.minus(12, ChronoUnit.DAYS));
        seed.staff(
                HALIFAX,
                "+19025553002",
                now.minus(12, ChronoUnit.DAYS).plusSeconds(1500),
                "staff-2",
                "Robin Staff",
                MessageStatus.DELIVERED);
        seed.customer(DARTMOUTH, "+19025553003", "Parking?", now.minus(2, ChronoUnit.HOURS));
        seed.customer(DARTMOUTH, "+19025553004", "STOP", now.minus(1, ChronoUnit.HOURS));
        // The month before: one customer, answered in a minute.
        seed.customer(HALIFAX, "+19025553005", "Hi", now.minus(40, ChronoUnit.DAYS));
        seed.staff(
                HALIFAX,
                "+19025553005",
                now.minus(40, ChronoUnit.DAYS).plusSeconds(60),
                "staff-1",
                "Sam Staff",
                MessageStatus.DELIVERED);
    }

    private void openReports(String token) {
        driver.get(url("/login"));
        driver.executeScript("sessionStorage.setItem('clubos_token', arguments[0])", token);
        driver.get(url("/reports"));
    }

    /** Waits for the tiles of a new query, and returns it. */
    private String tilesFor(String previousQuery) {
        wait.until(d -> {
            WebElement tiles = d.findElement(By.id("tiles"));
            String query = tiles.getDomAttribute("data-query");
            return query != null && !query.equals(previousQuery) && tiles.getDomAttribute("aria-busy") == null;
        });
        return driver.findElement(By.id("tiles")).getDomAttribute("data-query");
    }

    private String tile(String metric) {
        return driver.findElement(By.cssSelector(".tile[data-metric='" + metric + "']"))
                .getDomAttribute("data-value");
    }

    private static JsonPath api(String path, String query) {
        // The page's query is already encoded (a line's "+" is %2B).
        return given().urlEncodingEnabled(false)
                .header("Authorization", "Bearer " + ADMIN)
                .get(path + "?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("data");
    }

    private void tilesMatchTheApi(String query) {
        JsonPath summary = api("/api/reports/summary", query);
        for (String metric : List.of("inbound", "outbound", "newConversations", "done", "optOuts", "failedSends")) {
            assertEquals(String.valueOf(summary.getLong(metric)), tile(metric), metric + " for " + query);
        }
        for (String metric : List.of("firstResponse.median_seconds", "firstResponse.within_5m")) {
            Double expected = summary.get(metric) == null ? null : summary.getDouble(metric);
            String shown = tile(metric);
            assertEquals(expected, shown.isEmpty() ? null : Double.valueOf(shown), metric + " for " + query);
        }
    }

    private boolean drawn(String chart) {
        return (Boolean) driver.executeScript("""
                const canvas = document.querySelector('#' + arguments[0] + ' canvas');
                if (!canvas || canvas.width === 0) return false;
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
                return false;""", chart);
    }

    @Test
    void theTilesSayWhatTheApiSaysAndTheChartsDraw() {
        openReports(ADMIN);
        String query = tilesFor(null);
        assertTrue(query.contains("tz="), query);
        tilesMatchTheApi(query);
        assertEquals("4", tile("inbound"));
        assertEquals("1", tile("optOuts"));
        // Answers after 240 s and 1500 s: a median of 870 s.
        assertEquals(
                "15 min",
                driver.findElement(By.cssSelector(".tile[data-metric='firstResponse.median_seconds'] .tile-value"))
                        .getText());
        wait.until(d -> drawn("volume-chart") && drawn("response-chart"));
        assertEquals("30", driver.findElement(By.id("volume-chart")).getDomAttribute("data-points"));
        assertEquals(2, driver.findElements(By.cssSelector("#staff-rows tr")).size());
        assertEquals(7, driver.findElements(By.cssSelector("#heatmap tbody tr")).size());
        assertEquals(
                168, driver.findElements(By.cssSelector("#heatmap tbody td")).size());
        driver.manage().window().setSize(new Dimension(1280, 1900));
        Browser.screenshot(driver, "60-reports");
        driver.manage().window().setSize(new Dimension(1280, 800));

        driver.findElement(By.cssSelector("[data-preset='7']")).click();
        query = tilesFor(query);
        tilesMatchTheApi(query);
        assertEquals("3", tile("inbound"));
        assertEquals("7", driver.findElement(By.id("volume-chart")).getDomAttribute("data-points"));

        new Select(driver.findElement(By.id("line"))).selectByVisibleText("Dartmouth");
        query = tilesFor(query);
        assertTrue(query.contains("line=%2B19025550199"), query);
        tilesMatchTheApi(query);
        assertEquals("2", tile("inbound"));

        driver.findElement(By.id("business-hours")).click();
        query = tilesFor(query);
        assertTrue(query.contains("businessHours=true"), query);
        tilesMatchTheApi(query);
    }

    @Test
    void atPhoneWidthNothingSpillsSideways() {
        driver.manage().window().setSize(new Dimension(390, 844));
        openReports(ADMIN);
        tilesFor(null);
        wait.until(d -> drawn("volume-chart"));
        Long overflow = (Long) driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0L, overflow);
        Browser.screenshot(driver, "61-reports-phone");
    }

    @Test
    void operatorsFindReportsInTheNavigationAndSupportStaffAreTurnedAway() {
        String operator = TestTokens.sign(TestTokens.claims(Roles.OPERATOR));
        signedInAs(operator, 5);
        WebElement link = driver.findElement(By.id("reports-link"));
        assertTrue(link.isDisplayed());
        link.click();
        wait.until(ExpectedConditions.urlContains("/reports"));
        tilesFor(null);

        signedInAs(TestTokens.sign(TestTokens.claims(Roles.SUPPORT)), 5);
        assertFalse(driver.findElement(By.id("reports-link")).isDisplayed());
        driver.get(url("/reports"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reports-refused")));
        assertFalse(driver.findElement(By.id("tiles")).isDisplayed());
    }
}
