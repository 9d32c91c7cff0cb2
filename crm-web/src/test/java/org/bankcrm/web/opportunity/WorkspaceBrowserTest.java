package org.bankcrm.web.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.Browsers;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Journeys 1 to 3 of the domain in headless Chromium: My day → log a follow-up → move on the board;
 * refer → accept → the referrer sees the outcome; a stale edit in two tabs gives the conflict page.
 */
@CrmWebTest
class WorkspaceBrowserTest extends BrowserTest {

    static WebDriver second;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startSecond() throws IOException {
        second = Browsers.start();
    }

    @AfterAll
    static void stopSecond() {
        Browsers.stop(second);
    }

    private void login(WebDriver d, String username) {
        Browsers.login(d, url(""), username);
    }

    private long openOpportunityOf(String rm, String stage) {
        return jdbc.queryForObject("""
                select o.id from opportunity o join staff_user u on u.id = o.owner_id
                where u.username = ? and o.stage = ? order by o.id limit 1""", Long.class, rm, stage);
    }

    @Test
    void journey1MyDayThenAFollowUpThenTheBoard() throws IOException {
        login(driver, "rm1");
        assertThat(driver.findElement(By.id("myday-actions")).getText()).isNotBlank();
        assertThat(driver.findElement(By.id("myday-top")).getText()).isNotBlank();
        shot(driver, "j1-01-my-day");

        long id = openOpportunityOf("rm1", "CONTACTED");
        driver.get(url("/opportunities/" + id));
        new Select(driver.findElement(By.id("type"))).selectByValue("VISIT");
        driver.findElement(By.id("summary")).sendKeys("上门拜访，客户对方案感兴趣");
        driver.findElement(By.id("nextAction")).sendKeys("送达产品说明书");
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]",
                driver.findElement(By.id("nextActionDate")), LocalDate.now().plusDays(2).toString());
        click(driver, driver.findElement(By.id("log-follow-up")));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("follow-up-list"), "送达产品说明书"));
        shot(driver, "j1-02-follow-up-logged");

        driver.get(url("/opportunities/board"));
        shot(driver, "j1-03a-board");
        WebElement card = driver.findElement(By.id("card-" + id));
        new Select(card.findElement(By.name("toStage"))).selectByValue("QUALIFIED");
        click(driver, card.findElement(By.cssSelector("button[type=submit]")));
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> !d.findElements(By.cssSelector(".board-column[data-stage=QUALIFIED] #card-" + id)).isEmpty());
        assertThat(driver.findElements(By.cssSelector(".board-column[data-stage=QUALIFIED] #card-" + id))).hasSize(1);
        assertThat(driver.getCurrentUrl()).endsWith("/opportunities/board");
        shot(driver, "j1-03-board-moved");
        assertThat(jdbc.queryForObject("select stage from opportunity where id = ?", String.class, id))
                .isEqualTo("QUALIFIED");

        // Winning from the board asks for the won amount before it moves.
        card = driver.findElement(By.id("card-" + id));
        new Select(card.findElement(By.name("toStage"))).selectByValue("WON");
        WebElement won = card.findElement(By.name("wonAmount"));
        assertThat(won.isDisplayed()).isTrue();
        won.clear();
        won.sendKeys("88000");
        shot(driver, "j1-04-board-win-asks-amount");
        click(driver, card.findElement(By.cssSelector("button[type=submit]")));
        wait.until(d -> d.findElements(By.id("card-" + id)).isEmpty());
        assertThat(jdbc.queryForObject("select stage from opportunity where id = ?", String.class, id)).isEqualTo("WON");
        assertThat(jdbc.queryForObject("select won_amount from opportunity where id = ?", java.math.BigDecimal.class, id))
                .isEqualByComparingTo("88000");
    }

    @Test
    void journey2ReferAcceptAndTheReferrerSeesTheOutcome() throws IOException {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id join branch b
                on b.id = c.branch_id where u.username = 'rm1' and b.code = 'BR001' and c.type = 'RETAIL'
                order by c.customer_no desc limit 1""", String.class);
        String need = "大堂咨询理财 " + System.nanoTime() % 100000;
        login(driver, "teller1");
        driver.findElement(By.id("new-referral")).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("customerNo"))).sendKeys(customer);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".picker-option[data-customer-no='" + customer + "']")));
        shot(driver, "j2-01-referral-finder");
        click(driver, driver.findElement(By.cssSelector(".picker-option[data-customer-no='" + customer + "']")));
        assertThat(driver.findElement(By.id("customerNo")).getAttribute("value")).isEqualTo(customer);
        new Select(driver.findElement(By.id("productCode"))).selectByValue("WEALTH");
        driver.findElement(By.id("need")).sendKeys(need);
        click(driver, driver.findElement(By.id("referral-submit")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("referral-list"), need));
        shot(driver, "j2-02-referred");

        login(second, "rm1");
        second.get(url("/referrals?status=NEW"));
        WebElement item = second.findElements(By.cssSelector("#referral-list > li")).stream()
                .filter(li -> li.getText().contains(need)).findFirst().orElseThrow();
        item.findElement(By.name("amount")).sendKeys("300000");
        shot(second, "j2-03-inbox");
        click(second, item.findElement(By.cssSelector(".accept-form button[type=submit]")));
        new WebDriverWait(second, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("opportunity-title")));
        assertThat(second.getPageSource()).contains("转介已受理");
        assertThat(second.findElement(By.id("opportunity-referred-by")).getText()).startsWith("转介人 陈静 · ");
        shot(second, "j2-04-accepted");

        driver.get(url("/referrals"));
        WebElement mine = driver.findElements(By.cssSelector("#referral-list > li")).stream()
                .filter(li -> li.getText().contains(need)).findFirst().orElseThrow();
        assertThat(mine.findElement(By.cssSelector(".referral-status")).getText()).isEqualTo("已受理");
        assertThat(mine.findElement(By.cssSelector(".referral-outcome")).getText()).isEqualTo("发现");
        shot(driver, "j2-05-referrer-sees-outcome");
    }

    @Test
    void journey3AStaleEditInTwoTabsGivesTheConflictPage() throws IOException {
        long id = openOpportunityOf("rm2", "PROPOSAL");
        login(driver, "rm2");
        login(second, "head1");
        driver.get(url("/opportunities/" + id));
        second.get(url("/opportunities/" + id));

        WebElement amount = second.findElement(By.cssSelector("#edit-form #amount"));
        amount.clear();
        amount.sendKeys("777777");
        click(second, second.findElement(By.id("edit-submit")));
        new WebDriverWait(second, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "商机已保存"));

        WebElement title = driver.findElement(By.cssSelector("#edit-form #title"));
        title.clear();
        title.sendKeys("在旧版本上修改的名称");
        click(driver, driver.findElement(By.id("edit-submit")));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conflict-notice")));
        assertThat(driver.findElement(By.id("conflict-changes")).getText()).contains("周建国").contains("¥777,777.00");
        shot(driver, "j3-01-conflict");
        assertThat(jdbc.queryForObject("select title from opportunity where id = ?", String.class, id))
                .isNotEqualTo("在旧版本上修改的名称");

        click(driver, driver.findElement(By.id("reapply-submit")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("opportunity-title")));
        assertThat(driver.findElement(By.id("opportunity-title")).getText()).isEqualTo("在旧版本上修改的名称");
        assertThat(jdbc.queryForObject("select amount from opportunity where id = ?", java.math.BigDecimal.class, id))
                .isEqualByComparingTo("777777");
        shot(driver, "j3-02-reapplied");

        // A win from the same (now stale) page shows the conflict page with the won amount kept, and wins on re-apply.
        driver.get(url("/opportunities/" + id));
        second.get(url("/opportunities/" + id));
        WebElement theirAmount = second.findElement(By.cssSelector("#edit-form #amount"));
        theirAmount.clear();
        theirAmount.sendKeys("888888");
        click(second, second.findElement(By.id("edit-submit")));
        new WebDriverWait(second, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "商机已保存"));
        WebElement won = driver.findElement(By.cssSelector("#win-form #wonAmount"));
        won.clear();
        won.sendKeys("860000");
        click(driver, driver.findElement(By.id("win-submit")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conflict-notice")));
        assertThat(driver.findElement(By.id("conflict-changes")).getText()).contains("周建国").contains("¥888,888.00");
        assertThat(driver.findElement(By.cssSelector("#reapply-form #wonAmount")).getAttribute("value"))
                .startsWith("860000");
        shot(driver, "j3-03-stale-win");
        click(driver, driver.findElement(By.id("reapply-submit")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("opportunity-title")));
        assertThat(jdbc.queryForObject("select stage from opportunity where id = ?", String.class, id))
                .isEqualTo("WON");
    }

    @Test
    void journey4AStaleCardOnTheBoardIsDrawnAgainWithWhoChangedIt() throws IOException {
        long id = openOpportunityOf("rm1", "CONTACTED");
        // First in its column, so the board draws it at the top.
        jdbc.update("update opportunity set expected_close_date = date '2001-01-01' where id = ?", id);
        login(driver, "rm1");
        driver.get(url("/opportunities/board"));
        WebElement card = driver.findElement(By.id("card-" + id));
        int version = jdbc.queryForObject("select version from opportunity where id = ?", Integer.class, id);
        var patched = Http.basic(port, "head1").patchJson("/api/v1/opportunities/" + id,
                java.util.Map.of("version", version, "riskLevel", "HIGH"));
        assertThat(patched.status()).isEqualTo(200);

        new org.openqa.selenium.support.ui.Select(card.findElement(By.cssSelector("select.board-target")))
                .selectByValue("QUALIFIED");
        click(driver, card.findElement(By.cssSelector("form.board-move button[type=submit]")));
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("board-conflict")));
        assertThat(driver.findElement(By.id("board-conflict")).getText()).contains("周建国");
        assertThat(driver.findElement(By.id("card-" + id)).getText()).contains("已被 周建国 修改");
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        shot(driver, "j4-01-stale-card");
        assertThat(jdbc.queryForObject("select stage from opportunity where id = ?", String.class, id))
                .isEqualTo("CONTACTED");
    }
}
