package org.bankcrm.web.team;

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
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The team journey in a real browser (D44): rm1 adds rm3 of another branch as co-owner with the staff picker and
 * mentions them in a comment with the {@code @} autocomplete; rm3 finds the deal under "我协作的（团队成员）", logs a follow-up
 * on it, and sees the mention in the bell. Screenshots in target/screenshots/team-*.png at 1440 and 390 px wide.
 */
@CrmWebTest
class TeamBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @Test
    void anOwnerAddsACoOwnerFromAnotherBranchWhoLogsAFollowUpAndSeesTheMention() throws Exception {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' order by c.customer_no desc limit 1""", String.class);
        String title = "浏览器团队商机 " + System.nanoTime() % 100_000;
        Http.Response created = Http.basic(port, "rm1").postJson("/api/v1/opportunities", Map.of("customerNo",
                customer, "productCode", "PAYROLL", "title", title, "amount", 800000,
                "expectedCloseDate", LocalDate.now().plusDays(45).toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();

        driver.manage().window().setSize(new Dimension(1440, 900));
        login("rm1");
        driver.get(url("/opportunities/" + id));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("team-form")));
        driver.findElement(By.id("team-username")).sendKeys("刘洋");
        var option = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#team-username-listbox [data-customer-no='rm3']")));
        click(option);
        assertThat(driver.findElement(By.id("team-username")).getAttribute("value")).isEqualTo("rm3");
        new Select(driver.findElement(By.id("team-role"))).selectByValue("CO_OWNER");
        driver.findElement(By.id("team-share")).clear();
        driver.findElement(By.id("team-share")).sendKeys("30");
        click(driver.findElement(By.id("team-add")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#team-list [data-username='rm3']")));
        assertThat(driver.findElement(By.id("team-list")).getText()).contains("刘洋").contains("共同负责人")
                .contains("30%").contains("70%");
        assertThat(driver.findElement(By.id("history")).getText()).contains("团队成员加入");

        // A comment mentioning rm3, chosen from the @ list.
        var text = driver.findElement(By.id("comment-text"));
        text.sendKeys("@rm3");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("mention-listbox")));
        text.sendKeys(Keys.ENTER);
        assertThat(text.getAttribute("value")).isEqualTo("@rm3 ");
        text.sendKeys("请一起准备员工开卡资料 <b>加急</b>");
        click(driver.findElement(By.id("comment-submit")));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("comment-list"),
                "@刘洋 请一起准备员工开卡资料 <b>加急</b>"));
        shot("team-owner-desktop");
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/opportunities/" + id + "#team-card"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("team-form")));
        shot("team-owner-phone");
        driver.manage().window().setSize(new Dimension(1440, 900));

        // rm3 (城西支行) finds it among their teams, logs a follow-up, and has the mention in the bell.
        login("rm3");
        driver.get(url("/opportunities?member=me"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), title));
        click(driver.findElement(By.linkText(title)));
        waiting().until(ExpectedConditions.urlContains("/opportunities/" + id));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("follow-up-form")));
        assertThat(driver.findElements(By.id("team-form"))).isEmpty();
        assertThat(driver.findElements(By.id("edit-form"))).hasSize(1);
        driver.findElement(By.id("summary")).sendKeys("与企业人事确认代发名单");
        click(driver.findElement(By.id("log-follow-up")));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("follow-up-list"),
                "与企业人事确认代发名单"));
        assertThat(driver.findElement(By.id("follow-up-list")).getText()).contains("刘洋");

        click(driver.findElement(By.id("bell")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("notifications")));
        assertThat(driver.findElement(By.id("notifications")).getText()).contains("李晓明 在商机中提到了你：" + title);
        shot("team-mention-desktop");
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("notifications")));
        shot("team-mention-phone");
        driver.manage().window().setSize(new Dimension(1440, 900));
    }
}
