package org.bankcrm.web.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
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
 * The risk-approval journey in a real browser (issue 16): a corporate loan of CNY 2,000,000 is refused at WON with
 * the page saying approval is needed, its owner requests approval, {@code risk1} approves it from the inbox, and the
 * owner wins it. Screenshots in target/screenshots/approval-*.png, at 1440 and at 390 px wide.
 */
@CrmWebTest
class ApprovalBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private long loan() {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' and c.type = 'CORPORATE' order by c.customer_no limit 1""", String.class);
        var res = Http.basic(port, "rm1").postJson("/api/v1/opportunities", Map.of("customerNo", customer,
                "productCode", "LOAN_CORP", "title", "浏览器审批贷款", "amount", "2000000.00",
                "expectedCloseDate", LocalDate.now().plusDays(30).toString()));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        long id = res.json().get("id").asLong();
        var moved = Http.basic(port, "rm1").postJson("/api/v1/opportunities/" + id + "/transitions",
                Map.of("toStage", "NEGOTIATION", "version", res.json().get("version").asInt()));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        return id;
    }

    @Test
    void aLargeLoanIsRefusedAtWonApprovedFromTheInboxAndThenWon() throws Exception {
        long id = loan();
        driver.manage().window().setSize(new Dimension(1440, 900));
        login("rm1");
        driver.get(url("/opportunities/" + id));
        assertThat(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("win-approval-needed")))
                .getText()).contains("赢单前需审批通过");
        click(driver.findElement(By.id("win-submit")));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
                "该商机达到审批规则，需审批通过后才能赢单。"));
        assertThat(driver.findElement(By.id("opportunity-stage")).getText()).isEqualTo("审批谈判");
        shot("approval-refused-desktop");

        driver.findElement(By.id("approval-comment")).sendKeys("客户抵押物为自有厂房");
        click(driver.findElement(By.id("approval-request-submit")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("approval-pending")));
        assertThat(driver.findElement(By.id("approval-list")).getText()).contains("待审批").contains("2,000,000");
        long approval = jdbc.queryForObject("select id from approval where opportunity_id = ?", Long.class, id);

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/opportunities/" + id + "#approval"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("approval-pending")));
        shot("approval-requested-phone");
        driver.manage().window().setSize(new Dimension(1440, 900));

        // risk1 lands on the inbox: the request with the company it is for, the score, follow-ups and history.
        login("risk1");
        waiting().until(ExpectedConditions.urlContains("/approvals"));
        var item = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("approval-" + approval)));
        String company = jdbc.queryForObject("select c.name from opportunity o join customer c on c.id = o.customer_id"
                + " where o.id = ?", String.class, id);
        assertThat(item.getText()).contains("浏览器审批贷款").contains("¥2,000,000").contains(company);
        assertThat(driver.findElement(By.id("nav")).getText()).doesNotContain("客户").doesNotContain("看板");
        shot("approval-inbox-desktop");
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("decide-" + approval)));
        shot("approval-inbox-phone");
        driver.manage().window().setSize(new Dimension(1440, 900));
        driver.navigate().refresh();

        driver.findElement(By.id("comment-" + approval)).sendKeys("同意，按期放款");
        click(driver.findElement(By.cssSelector("#decide-" + approval + " .approve-button")));
        assertThat(waiting().until(ExpectedConditions.alertIsPresent()).getText())
                .isEqualTo("确定批准这笔 ¥2,000,000.00 的申请？批准后负责人即可赢单。");
        driver.switchTo().alert().accept();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "已批准该申请。"));

        login("rm1");
        driver.get(url("/opportunities/" + id));
        assertThat(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("approval-list"))).getText())
                .contains("已批准").contains("同意，按期放款");
        assertThat(driver.findElements(By.id("win-approval-needed"))).isEmpty();
        click(driver.findElement(By.id("win-submit")));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("opportunity-stage"), "成交"));
        assertThat(driver.findElement(By.id("history")).getText()).contains("审批");
        shot("approval-won-desktop");
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("opportunity-stage")));
        shot("approval-won-phone");
        driver.manage().window().setSize(new Dimension(1440, 900));
    }
}
