package org.bankcrm.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.Browsers;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Journey 4: the head opens the dashboard on Monday, drills into a figure and exports it to Excel. */
@CrmWebTest
class DashboardBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void journey4TheHeadReadsDrillsAndExports() throws Exception {
        DashboardFixture f = DashboardFixture.build(port, jdbc);
        String base = "http://127.0.0.1:" + port;
        Browsers.login(driver, base, "head1");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

        // The whole branch over the last half year of the demo data: every chart has something to draw whatever the
        // day of the month and whatever ran before (this month alone is empty on its first days).
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        driver.get(base + "/dashboard?period=CUSTOM&from=" + today.minusDays(182) + "&to=" + today);
        wait.until(ExpectedConditions.attributeToBe(By.id("chart-funnel"), "data-drawn", "true"));
        for (String chart : new String[] {"funnel", "stages", "trend", "pyramid", "sizes"}) {
            assertThat(driver.findElement(By.id("chart-" + chart)).getAttribute("data-drawn")).as(chart)
                    .isEqualTo("true");
            assertThat((Boolean) ((JavascriptExecutor) driver).executeScript(
                    "return !!window.Chart.getChart(document.getElementById(arguments[0]))", "chart-" + chart))
                    .as(chart).isTrue();
        }
        shot("d-01-dashboard-branch");
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, document.body.scrollHeight / 2)");
        shot("d-02-dashboard-middle");
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, document.body.scrollHeight)");
        shot("d-03-dashboard-bottom");

        // The known branch's own head, March, through the pickers.
        Browsers.login(driver, base, f.head);
        driver.get(base + "/dashboard");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("branch"))).selectByValue(f.branch);
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("period"))).selectByValue("CUSTOM");
        ((JavascriptExecutor) driver).executeScript(
                "document.getElementById('from').value = '2025-03-01'; document.getElementById('to').value = '2025-03-31';");
        // The head's first page already names the branch: wait for the page the form asks for.
        WebElement before = driver.findElement(By.id("dash-scope"));
        click(driver.findElement(By.id("dash-apply")));
        wait.until(ExpectedConditions.stalenessOf(before));
        wait.until(ExpectedConditions.urlContains("from=2025-03-01"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dash-scope"), f.branch));
        wait.until(ExpectedConditions.attributeToBe(By.id("chart-funnel"), "data-drawn", "true"));
        assertThat(driver.findElement(By.cssSelector("#kpi-won .kpi-value")).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.cssSelector("#kpi-conversion .kpi-value")).getText()).isEqualTo("50.0%");
        shot("d-04-dashboard-known-branch");
        ((JavascriptExecutor) driver).executeScript(
                "document.getElementById('channel-table').scrollIntoView({block: 'center', behavior: 'instant'})");
        shot("d-04a-dashboard-channels");

        // Drill into the won figure.
        click(driver.findElement(By.id("kpi-won")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drill-table")));
        assertThat(driver.findElements(By.cssSelector("#drill-table tbody tr"))).hasSize(1);
        assertThat(driver.findElement(By.id("drill-table")).getText()).contains("¥299,999.99");
        shot("d-05-drill-won");
        driver.navigate().back();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("export-xlsx")));

        // Export: the browser's own session fetches the workbook the button points at.
        String href = driver.findElement(By.id("export-xlsx")).getAttribute("href");
        String cookie = driver.manage().getCookieNamed("SESSION").getValue();
        HttpResponse<byte[]> xlsx = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", "SESSION=" + cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        Files.write(Browsers.SHOTS.resolve("d-06-dashboard.xlsx"), xlsx.body());
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Double wonAmount = null;
            for (Row r : wb.getSheetAt(0)) {
                if (r.getCell(0) != null && r.getCell(0).getStringCellValue().equals("成交金额")) {
                    wonAmount = r.getCell(1).getNumericCellValue();
                }
            }
            assertThat(wonAmount).isEqualTo(299999.99);
        }
    }
}
