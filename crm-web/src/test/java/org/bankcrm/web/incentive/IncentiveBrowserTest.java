package org.bankcrm.web.incentive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The incentives journey in a real browser: a head picks an RM of their branch, reads the RM's June statement and
 * exports it (the export's audit line is the proof it was written); the teller sees the reward of their referral
 * converted that month. Screenshots in target/screenshots/incentives-*.png at 1440 and 390 px wide.
 */
@CrmWebTest
class IncentiveBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @Test
    void theHeadReadsAnRmsStatementAndExportsItAndTheTellerSeesTheirReward() throws Exception {
        IncentiveFixture f = new IncentiveFixture(jdbc);
        long wealth = f.won(f.rm, "WEALTH", "12345.67", "2025-06-12T10:00:00");
        long card = f.won(f.rm, "CARD_CREDIT", "50000.00", "2025-06-20T16:00:00");
        f.referral(f.teller, card, "2025-05-30T11:00:00");

        driver.manage().window().setSize(new Dimension(1440, 900));
        login(f.head);
        driver.get(url("/incentives?month=2025-06"));
        new Select(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("user"))))
                .selectByValue(f.rm);
        click(driver.findElement(By.id("incentive-show")));
        waiting().until(ExpectedConditions.urlContains("user=" + f.rm));
        // 12,345.67 × 0.008 = 98.77 → × 0.08 = 7.90; 50,000.00 × 0.02 = 1,000.00 → × 0.10 = 100.00
        assertThat(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("incentive-person"))).getText())
                .contains("提成测试经理");
        assertThat(driver.findElement(By.id("line-" + wealth)).getText()).contains("¥12,345.67", "¥98.77", "¥7.90");
        assertThat(driver.findElement(By.id("line-" + card)).getText()).contains("¥100.00");
        assertThat(driver.findElement(By.id("incentive-total")).getText()).isEqualTo("¥107.90");
        shot("incentives-head-desktop");

        click(driver.findElement(By.id("incentive-export")));
        await("the export is written and audited").atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("""
                select count(*) from audit_log where action = 'EXPORT' and entity_type = 'incentive_statement'
                  and entity_id = '2025-06' and detail like ? and actor = ?""", Integer.class, "rm=" + f.rm + " %",
                f.head) == 1);

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("incentive-total")));
        shot("incentives-head-phone");

        driver.manage().window().setSize(new Dimension(1440, 900));
        login(f.teller);
        driver.get(url("/incentives?month=2025-06"));
        assertThat(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("incentive-rewards")))
                .getText()).contains("¥50.00");
        assertThat(driver.findElement(By.id("incentive-total")).getText()).isEqualTo("¥50.00");
        assertThat(driver.findElements(By.id("user"))).isEmpty();
        assertThat(driver.findElement(By.id("nav")).getText()).contains("我的提成");
        shot("incentives-teller-desktop");
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("incentive-total")));
        shot("incentives-teller-phone");
        driver.manage().window().setSize(new Dimension(1440, 900));
    }
}
