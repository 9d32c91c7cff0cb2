package org.bankcrm.web.coverage;

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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The RM logs a contact on a due customer from My day and sees it leave the list; the head opens coverage and
 * drills into an RM's uncovered customers. Desktop (1440) and phone (390) screenshots.
 */
@CrmWebTest
class CoverageBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    private static void width(int w) {
        driver.manage().window().setSize(new Dimension(w, 900));
    }

    private static void scrollTo(String id) {
        ((JavascriptExecutor) driver).executeScript(
                "document.getElementById(arguments[0]).scrollIntoView({block: 'start', behavior: 'instant'})", id);
    }

    @Test
    void theRmContactsADueCustomerAndItLeavesMyDay() throws Exception {
        CoverageFixture f = new CoverageFixture(jdbc, port);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        width(1440);
        login(f.rmA);
        driver.get(url("/"));
        By a4 = By.cssSelector("#myday-due-contacts li[data-customer='" + f.no("A4") + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(a4));
        // Today every one of rmA's seven customers with a standard is past its due day or never contacted.
        assertThat(driver.findElements(By.cssSelector("#myday-due-contacts li[data-customer]"))).hasSize(7);
        assertThat(driver.findElement(By.cssSelector("#myday-due-contacts li[data-customer]"))
                .getAttribute("data-customer")).isEqualTo(f.no("A3"));
        assertThat(driver.findElement(By.cssSelector("#myday-due-contacts li[data-customer='" + f.no("A3") + "']"))
                .getText()).contains("尚无达标联系");
        // The last contact reads as "N 天前", its date on hover (issue 19 item 5).
        assertThat(driver.findElement(a4).getText()).contains("逾期").contains("天前");
        assertThat(driver.findElement(a4).findElement(By.cssSelector("[title]")).getAttribute("title"))
                .isEqualTo("2026-06-15");
        assertThat(driver.findElement(By.id("myday-coverage")).getText()).isEqualTo("覆盖率 0/7（0.0%）");
        scrollTo("myday-due-contacts");
        shot("cov-01-myday-due-desktop");
        width(390);
        scrollTo("myday-due-contacts");
        shot("cov-02-myday-due-phone");
        width(1440);

        // A visit logged on the customer's opportunity, through its form.
        driver.get(url("/opportunities/" + f.opportunityA4));
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("follow-up-form")));
        new Select(form.findElement(By.name("type"))).selectByValue("VISIT");
        form.findElement(By.name("summary")).sendKeys("上门拜访，回顾资产配置");
        click(form.findElement(By.id("log-follow-up")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("follow-up-list"), "上门拜访"));

        driver.get(url("/"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("myday-due-contacts")));
        assertThat(driver.findElements(a4)).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#myday-due-contacts li[data-customer]"))).hasSize(6);
        assertThat(driver.findElement(By.id("myday-coverage")).getText()).isEqualTo("覆盖率 1/7（14.3%）");
        scrollTo("myday-due-contacts");
        shot("cov-03-myday-after-contact");

        // "View all": the same list, within 7 days.
        click(driver.findElement(By.id("myday-due-all")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("uncovered-table")));
        assertThat(driver.findElement(By.id("uncovered-title")).getText()).isEqualTo("7 天内待联系客户");
        assertThat(driver.findElements(By.cssSelector("#uncovered-table tr[data-customer]"))).hasSize(6);
        shot("cov-04-due-all");
    }

    @Test
    void theHeadOpensCoverageAndDrillsIntoAnRmsUncoveredCustomers() throws Exception {
        CoverageFixture f = new CoverageFixture(jdbc, port);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        width(1440);
        login(f.head);
        driver.get(url("/coverage"));
        WebElement before = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("coverage-by-tier")));
        ((JavascriptExecutor) driver).executeScript("document.getElementById('asOf').value = '2026-06-30'");
        click(driver.findElement(By.id("coverage-apply")));
        wait.until(ExpectedConditions.stalenessOf(before));
        wait.until(ExpectedConditions.textToBe(By.id("coverage-total-rate"), "45.5%"));
        assertThat(driver.findElement(By.cssSelector("#coverage-by-tier tr[data-tier='PRIVATE'] .cov-rate"))
                .getText()).isEqualTo("50.0%");
        shot("cov-05-coverage-desktop");
        width(390);
        shot("cov-06-coverage-phone");
        scrollTo("coverage-by-rm");
        shot("cov-07-coverage-phone-by-rm");
        width(1440);

        click(driver.findElement(By.cssSelector("#coverage-by-rm tr[data-rm='" + f.rmA + "'] a.cov-uncovered")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("uncovered-table")));
        assertThat(driver.findElement(By.id("uncovered-rm")).getText()).contains("覆盖测试甲");
        assertThat(driver.findElements(By.cssSelector("#uncovered-table tr[data-customer]")).stream()
                .map(e -> e.getAttribute("data-customer")).toList())
                .containsExactly(f.no("A3"), f.no("A7"), f.no("A6"), f.no("A2"));
        shot("cov-08-uncovered-desktop");
        width(390);
        shot("cov-09-uncovered-phone");
        width(1440);
    }
}
