package org.bankcrm.web.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.bankcrm.service.shared.ClockConfig;
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
 * The admin at bank scale, at desktop and phone width: finds RMs among a thousand by name and pages through them,
 * and reads the audit log filtered by a user's display name, an action and days, with a reversed range refused on
 * its field. No page scrolls sideways on the phone.
 */
@CrmWebTest
class AdminListsBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    private static List<String> cells(String selector) {
        return driver.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
    }

    private static void noSidewaysScroll() {
        Object wider = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
        assertThat(wider).as("the page scrolls sideways").isEqualTo(false);
    }

    private static void setDate(String id, LocalDate day) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]",
                driver.findElement(By.id(id)), day.toString());
    }

    @Test
    void theAdminFindsUsersAmongAThousandAndReadsTheAuditLog() throws Exception {
        BankScaleUsers.ensure(jdbc);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.manage().window().setSize(new Dimension(1440, 900));
        login("admin");

        driver.get(url("/admin/users"));
        WebElement q = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-q")));
        q.sendKeys("规模测试员07");
        click(driver.findElement(By.cssSelector("#user-search button[type=submit]")));
        wait.until(ExpectedConditions.urlContains("q="));
        assertThat(cells("#user-table td.user-login")).hasSize(50).first().isEqualTo("ust0700");
        assertThat(driver.findElement(By.cssSelector(".pager-summary")).getText()).contains("共 100 条");
        shot("admin-01-users-search-desktop");
        click(driver.findElements(By.cssSelector("a.page-link")).getLast());
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#user-table tbody tr td.user-login"), "ust0750"));
        assertThat(driver.findElement(By.id("user-q")).getAttribute("value")).isEqualTo("规模测试员07");
        shot("admin-02-users-page2-desktop");
        driver.manage().window().setSize(new Dimension(390, 844));
        noSidewaysScroll();
        shot("admin-03-users-phone");

        driver.manage().window().setSize(new Dimension(1440, 900));
        LocalDate today = LocalDate.now(ClockConfig.BANK_ZONE);
        driver.get(url("/admin/audit"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit-actor"))).sendKeys("系统管理员");
        new Select(driver.findElement(By.id("audit-action"))).selectByVisibleText("登录");
        setDate("audit-from", today.minusDays(1));
        setDate("audit-to", today.plusDays(1));
        click(driver.findElement(By.cssSelector("#audit-search button[type=submit]")));
        wait.until(ExpectedConditions.urlContains("action=LOGIN"));
        assertThat(cells("#audit-table tr[data-action] .audit-action")).isNotEmpty().containsOnly("登录");
        assertThat(cells("#audit-table tr[data-action] .audit-actor")).containsOnly("系统管理员");
        assertThat(cells("#audit-table tr[data-action] .audit-ip")).contains("127.0.0.1");
        shot("admin-04-audit-filtered-desktop");
        driver.manage().window().setSize(new Dimension(390, 844));
        noSidewaysScroll();
        shot("admin-05-audit-filtered-phone");

        setDate("audit-from", today);
        setDate("audit-to", today.minusDays(2));
        click(driver.findElement(By.cssSelector("#audit-search button[type=submit]")));
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-to-error")));
        assertThat(error.getText()).isEqualTo("截止日期不能早于起始日期。");
        assertThat(driver.findElements(By.cssSelector("#audit-table tr[data-action]"))).isEmpty();
        noSidewaysScroll();
        shot("admin-06-audit-reversed-phone");
        driver.manage().window().setSize(new Dimension(1440, 900));
        shot("admin-07-audit-reversed-desktop");
    }
}
