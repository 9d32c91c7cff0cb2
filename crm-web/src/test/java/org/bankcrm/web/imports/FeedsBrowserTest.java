package org.bankcrm.web.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Journey 6 in a real browser: the admin uploads the nightly customers and holdings feeds, watches the progress
 * bar, reads the report with its rejected rows; runs discovery; the RM finds the new opportunity with its
 * evidence on My day.
 */
@CrmWebTest
class FeedsBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    /** Uploads {@code file} as feed {@code kind} from the import page and waits until its report is final. */
    private WebElement upload(String kind, Path file) {
        driver.get(url("/admin/imports"));
        new Select(driver.findElement(By.id("import-kind"))).selectByValue(kind);
        driver.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        click(driver.findElement(By.cssSelector("#import-form button[type=submit]")));
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("import-report")));
        return driver.findElement(By.id("import-report"));
    }

    private static void waitUntilFinished() {
        new WebDriverWait(driver, Duration.ofSeconds(120))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            String status = d.findElement(By.id("import-status")).getText();
            return status.equals("已完成") || status.equals("失败");
        });
    }

    @Test
    void theAdminImportsTheFeedsRunsDiscoveryAndTheRmSeesTheEvidence() throws IOException {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        LocalDate maturity = today.plusDays(10);
        Path customers = Files.createTempFile("feed-customers", ".csv");
        Path holdings = Files.createTempFile("feed-holdings", ".csv");
        int rows = 40_000;
        try (BufferedWriter w = Files.newBufferedWriter(customers, StandardCharsets.UTF_8)) {
            w.write("customer_no,type,name,birth_date,branch_code,owner_rm,aum,last_txn_on\n");
            w.write("FBT-RM1,RETAIL,导入测试客户,1985-05-05,BR001,rm1,6000000.00," + today.minusDays(3) + "\n");
            for (int i = 1; i < rows; i++) {
                w.write(String.format(Locale.ROOT, "FBT-%06d,RETAIL,批量客户%d,1960-01-01,BR002,,%d.00,%s%n", i, i,
                        1000 + i % 9000, today.minusDays(1)));
            }
            w.write("FBT-BAD,RETAIL,坏行,1990-01-01,NOPE,,100.00,\n");
        }
        Files.writeString(holdings, "customer_no,product_code,balance,opened_on,maturity_date\n"
                + "FBT-RM1,DEP_TIME,5000000.00,2025-12-01," + maturity + "\n"
                + "FBT-RM1,FUND,1000.00,2024-01-01,\n"
                + "FBT-NOBODY,FUND,1.00,2024-01-01,\n");
        try {
            login("admin");
            WebElement report = upload("customers", customers);
            assertThat(report.findElement(By.cssSelector(".progress")).isDisplayed()).isTrue();
            shot("feeds-1-import-progress");
            waitUntilFinished();
            shot("feeds-2-import-report");
            new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.id("import-status")).getText().equals("已完成"));
            assertThat(driver.findElement(By.id("count-inserted")).getText()).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", rows));
            assertThat(driver.findElement(By.id("count-rejected")).getText()).isEqualTo("1");
            assertThat(driver.findElement(By.id("import-errors")).getText()).contains("branch_code").contains("网点 NOPE 不存在");
            assertThat(driver.findElement(By.id("download-rejected")).getAttribute("href")).endsWith("/rejected.csv");

            upload("holdings", holdings);
            waitUntilFinished();
            assertThat(driver.findElement(By.id("count-inserted")).getText()).isEqualTo("2");
            assertThat(driver.findElement(By.id("import-errors")).getText()).contains("客户号 FBT-NOBODY 不存在");
            shot("feeds-3-holdings-report");

            driver.get(url("/admin/imports"));
            assertThat(driver.findElement(By.id("import-runs")).getText()).contains(customers.getFileName().toString());
            shot("feeds-4-import-history");

            // The admin runs discovery now, for maturities only, and watches the run finish.
            driver.get(url("/admin/discovery"));
            for (WebElement box : driver.findElements(By.cssSelector("#run-form input[type=checkbox]"))) {
                if (box.isSelected() != box.getAttribute("id").equals("run-rule-MATURITY")) {
                    click(box);
                }
            }
            // Other tests' runs are in the same table: watch only the run this click queues.
            long lastRunBefore = jdbc.queryForObject("select coalesce(max(id), 0) from discovery_run", Long.class);
            // First what the run would create (issue 19 item 8), then the run itself from the preview's button.
            click(driver.findElement(By.id("run-submit")));
            click(new WebDriverWait(driver, Duration.ofSeconds(60)).until(
                    org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(By.id("preview-run"))));
            long run = new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> jdbc.queryForObject(
                    "select min(id) from discovery_run where id > ?", Long.class, lastRunBefore));
            By row = By.id("run-" + run);
            new WebDriverWait(driver, Duration.ofSeconds(120))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .ignoring(org.openqa.selenium.NoSuchElementException.class).until(d -> {
                String text = d.findElement(row).getText();
                return text.contains("已完成") || text.contains("失败");
            });
            shot("feeds-5-discovery-run");
            assertThat(driver.findElement(row).getText()).contains("已完成");

            // The RM finds the new opportunity on My day, with its evidence in words.
            login("rm1");
            WebElement discovered = new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("myday-discovered")));
            String expected = "定期存款 ¥5,000,000.00 将于 " + maturity + " 到期";
            assertThat(discovered.getText()).contains("导入测试客户").contains(expected);
            shot("feeds-6-my-day-discovered");
            WebElement item = discovered.findElements(By.cssSelector("li")).stream()
                    .filter(li -> li.getText().contains("导入测试客户")).findFirst().orElseThrow();
            assertThat(item.getText()).contains(expected);
            click(item.findElement(By.tagName("a")));
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/opportunities/"));
            assertThat(driver.findElement(By.tagName("main")).getText()).contains(expected);
            shot("feeds-7-opportunity-evidence");
        } finally {
            Files.deleteIfExists(customers);
            Files.deleteIfExists(holdings);
        }
    }
}
