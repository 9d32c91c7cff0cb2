package org.bankcrm.web.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The early-warning journey in a real browser: an RM whose opportunity has had no follow-up for 30 days sees the
 * bell's count and "需要关注" on My day, opens the notification, logs a follow-up on the opportunity; the next
 * evaluation resolves the alert and the count is gone. Screenshots in target/screenshots/alerts-*.png (the bell at
 * 1440 and at 390 px wide).
 */
@CrmWebTest
class AlertBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private void evaluate() {
        Http.Response run = Http.basic(port, "admin").postJson("/api/v1/alerts/runs", Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
    }

    @Test
    void anRmSeesTheBellOpensTheNotificationFollowsUpAndTheAlertIsResolved() throws Exception {
        AlertFixture f = new AlertFixture(jdbc);
        LocalDateTime created = LocalDateTime.now(AlertFixture.BANK).minusDays(30);
        long opportunity = f.opportunity(f.p + " 浏览器商机", f.rmA, f.branchX, created.withNano(0).toString(),
                LocalDate.now(AlertFixture.BANK).plusDays(60), "RM_DISCOVERED", "QUALIFIED");
        evaluate();

        // The head sees it by RM and code, the count opening its list.
        driver.manage().window().setSize(new Dimension(1440, 900));
        login(f.head);
        driver.get(url("/alerts"));
        assertThat(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("alerts-by-owner"))).getText())
                .contains("预警测试甲");
        shot("alerts-head-desktop");

        login(f.rmA);
        assertThat(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("bell-count"))).getText())
                .isEqualTo("1");
        assertThat(driver.findElement(By.id("myday-attention")).getText()).contains(f.p + " 浏览器商机")
                .contains("30 天未跟进");
        shot("alerts-myday-desktop");

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("bell-count")));
        shot("alerts-bell-phone");
        driver.manage().window().setSize(new Dimension(1440, 900));

        click(driver.findElement(By.id("bell")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("notifications")));
        assertThat(driver.findElement(By.cssSelector(".notification-unread .notification-title")).getText())
                .isEqualTo("商机停滞：" + f.p + " 浏览器商机");
        shot("alerts-notifications-desktop");
        click(driver.findElement(By.cssSelector(".notification-unread .notification-open")));
        waiting().until(ExpectedConditions.urlContains("/opportunities/" + opportunity));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("follow-up-form")));
        // Opening it does not settle it: the count stays until the alert is resolved (or marked read).
        assertThat(driver.findElement(By.id("bell-count")).getText()).isEqualTo("1");

        driver.findElement(By.id("summary")).sendKeys("电话跟进，客户约下周面谈");
        click(driver.findElement(By.id("log-follow-up")));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "电话跟进，客户约下周面谈"));

        // The follow-up settles the alert at once, no evaluation needed: My day and the bell agree right away.
        assertThat(f.opportunityAlerts(opportunity)).hasSize(1).allMatch(a -> a.startsWith("STALLED RESOLVED"));
        driver.get(url("/"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("myday-attention"),
                "暂无需要关注的事项"));
        assertThat(driver.findElements(By.id("bell-count"))).isEmpty();
        shot("alerts-resolved-desktop");

        login("admin");
        driver.get(url("/admin/alerts"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("alert-runs")));
        shot("alerts-admin-desktop");
    }
}
