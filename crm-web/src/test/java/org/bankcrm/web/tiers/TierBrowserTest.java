package org.bankcrm.web.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The head opens the tier migration of two months through the pickers, clicks the DIAMOND → PLATINUM cell and sees
 * its customer; then the structure with its chart and the pyramid warning. Desktop (1440) and phone (390) widths.
 */
@CrmWebTest
class TierBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theHeadOpensTheMatrixAndACellsCustomers() throws Exception {
        TierFixture f = TierFixture.build(port, jdbc);
        driver.manage().window().setSize(new Dimension(1440, 900));
        login(f.head);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

        driver.get(url("/tiers/migration"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("migration-matrix")));
        ((JavascriptExecutor) driver).executeScript(
                "document.getElementById('from').value = '2025-01'; document.getElementById('to').value = '2025-02';");
        WebElement before = driver.findElement(By.id("tiers-scope"));
        click(driver.findElement(By.id("tiers-apply")));
        wait.until(ExpectedConditions.stalenessOf(before));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cell-DIAMOND-PLATINUM")));
        assertThat(driver.findElement(By.cssSelector("#total-customers .kpi-value")).getText()).isEqualTo("3");
        assertThat(driver.findElement(By.cssSelector("#total-upgraded .kpi-value")).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.cssSelector("#total-downgraded .kpi-value")).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.cssSelector("td[data-cell='DIAMOND-PLATINUM']")).getAttribute("class"))
                .contains("table-danger");
        assertThat(driver.findElement(By.cssSelector("td[data-cell='MASS-GOLD']")).getAttribute("class"))
                .contains("table-success");
        shot("tiers-01-migration-desktop");

        click(driver.findElement(By.id("cell-DIAMOND-PLATINUM")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cell-customers"), f.no("A")));
        assertThat(driver.findElement(By.id("cell-customers")).getText()).doesNotContain(f.no("C"));
        assertThat(driver.findElement(By.id("list-xlsx")).getAttribute("href"))
                .contains("/tiers/migration/customers.xlsx", "fromTier=DIAMOND", "toTier=PLATINUM");
        shot("tiers-02-cell-customers-desktop");

        driver.get(url("/tiers/structure?months=4&to=2025-03"));
        wait.until(ExpectedConditions.attributeToBe(By.id("chart-structure-customers"), "data-drawn", "true"));
        assertThat(driver.findElement(By.id("pyramid-warning")).getText()).contains("2025-02");
        assertThat(driver.findElements(By.cssSelector("#structure-table .no-data"))).hasSize(2);
        shot("tiers-03-structure-desktop");

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/tiers/migration?from=2025-01&to=2025-02"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cell-DIAMOND-PLATINUM")));
        shot("tiers-04-migration-phone");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('migration-matrix')"
                + ".scrollIntoView({block: 'start', behavior: 'instant'})");
        shot("tiers-04a-migration-phone-matrix");
        click(driver.findElement(By.id("cell-DIAMOND-PLATINUM")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cell-customers"), f.no("A")));
        shot("tiers-05-cell-customers-phone");
        driver.get(url("/tiers/structure?months=4&to=2025-03"));
        wait.until(ExpectedConditions.attributeToBe(By.id("chart-structure-customers"), "data-drawn", "true"));
        shot("tiers-06-structure-phone");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('structure-table')"
                + ".scrollIntoView({block: 'start', behavior: 'instant'})");
        shot("tiers-06a-structure-phone-table");
        driver.manage().window().setSize(new Dimension(1280, 900));
    }
}
