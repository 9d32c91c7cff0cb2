package org.bankcrm.web.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 19 in headless Chromium at a desk's 1440×900 and a phone's 390×844: "推进" on a board card goes to the
 * next stage, the move is undone from the message it leaves, moving back is its own confirmed choice, and the
 * board never scrolls the page sideways; a visit is logged from My day in one step, and the opportunity page
 * has its follow-up form in the first screen.
 */
@CrmWebTest
class DailyUseBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    private static LocalDate bankToday() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1440, 900", "390, 844"})
    void advanceOnTheBoardGoesForwardAndIsUndoneFromItsMessage(int width, int height) throws IOException {
        long id = openAt("rm1", "看板推进 " + width, "PROPOSAL");
        driver.manage().window().setSize(new Dimension(width, height));
        login("rm1");
        driver.get(url("/opportunities/board"));
        WebElement card = driver.findElement(By.id("card-" + id));
        assertThat(new Select(card.findElement(By.cssSelector("form.board-move select"))).getFirstSelectedOption()
                .getAttribute("value")).as("the next stage is preselected").isEqualTo("NEGOTIATION");
        assertNoSidewaysScroll();
        shot("d19-board-" + width);

        click(card.findElement(By.cssSelector("form.board-move button[type=submit]")));
        var wait = new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
        wait.until(d -> !d.findElements(By.cssSelector(".board-column[data-stage=NEGOTIATION] #card-" + id)).isEmpty());
        WebElement message = driver.findElement(By.id("move-message"));
        assertThat(message.getText()).contains("已从“方案”移到“审批谈判”");
        assertThat(stage(id)).isEqualTo("NEGOTIATION");
        shot("d19-board-moved-" + width);

        click(driver.findElement(By.id("undo-submit")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("undo-message")));
        assertThat(driver.findElement(By.id("undo-message")).getText()).contains("已撤销，商机回到“方案”");
        assertThat(driver.findElements(By.cssSelector(".board-column[data-stage=PROPOSAL] #card-" + id))).hasSize(1);
        assertThat(stage(id)).isEqualTo("PROPOSAL");
        shot("d19-board-undone-" + width);

        // Back is apart from "推进", says so, and asks first.
        card = driver.findElement(By.id("card-" + id));
        click(card.findElement(By.cssSelector(".board-back summary")));
        new Select(card.findElement(By.cssSelector(".board-back select"))).selectByValue("QUALIFIED");
        shot("d19-board-back-" + width);
        click(card.findElement(By.cssSelector(".board-back button[type=submit]")));
        wait.until(ExpectedConditions.alertIsPresent());
        assertThat(driver.switchTo().alert().getText()).contains("这是退回，不是推进");
        driver.switchTo().alert().accept();
        wait.until(d -> !d.findElements(By.cssSelector(".board-column[data-stage=QUALIFIED] #card-" + id)).isEmpty());
        assertThat(stage(id)).isEqualTo("QUALIFIED");
        assertNoSidewaysScroll();
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1440, 900", "390, 844"})
    void losingOnTheBoardAsksForTheReasonFromTheOneListThePageCarries(int width, int height) throws IOException {
        long id = openAt("rm1", "看板流失 " + width, "QUALIFIED");
        driver.manage().window().setSize(new Dimension(width, height));
        login("rm1");
        driver.get(url("/opportunities/board"));
        assertThat(driver.findElements(By.cssSelector("#board select[name=lostReason]")))
                .as("no card carries the reasons until LOST is chosen for it").isEmpty();
        WebElement card = driver.findElement(By.id("card-" + id));
        new Select(card.findElement(By.cssSelector("select.board-target"))).selectByValue("LOST");
        // Without a reason the move is refused on the board, which is drawn again; the new card asks again.
        click(card.findElement(By.cssSelector("form.board-move button[type=submit]")));
        var wait = new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#board > .alert-warning")));
        assertThat(stage(id)).isEqualTo("QUALIFIED");
        card = driver.findElement(By.id("card-" + id));
        new Select(card.findElement(By.cssSelector("select.board-target"))).selectByValue("LOST");
        WebElement reason = new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOf(
                card.findElement(By.cssSelector("form.board-move select.board-lost"))));
        List<String> offered = new Select(reason).getOptions().stream().map(o -> o.getAttribute("value")).toList();
        assertThat(offered).isEqualTo(jdbc.queryForList(
                "select '' union all (select code from lost_reason where enabled order by sort_order)", String.class));
        new Select(reason).selectByValue("NO_NEED");
        assertNoSidewaysScroll();
        shot("d19-board-lost-asks-reason-" + width);
        click(card.findElement(By.cssSelector("form.board-move button[type=submit]")));
        wait.until(d -> d.findElements(By.id("card-" + id)).isEmpty());
        assertThat(jdbc.queryForObject("select stage || ' ' || lost_reason from opportunity where id = ?",
                String.class, id)).isEqualTo("LOST NO_NEED");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"390, 844", "1440, 900"})
    void aVisitIsLoggedFromMyDayAndTheFollowUpFormIsInTheFirstScreen(int width, int height) throws IOException {
        long visit = jdbc.queryForObject("""
                insert into visit_plan (rm_id, customer_id, planned_on, purpose)
                select u.id, c.id, ?, ? from staff_user u join customer c on c.owner_id = u.id
                where u.username = 'rm1' order by c.customer_no limit 1 returning id""", Long.class, bankToday(),
                "上门检视 " + width);
        driver.manage().window().setSize(new Dimension(width, height));
        login("rm1");
        WebElement row = driver.findElement(By.id("myday-visit-" + visit));
        click(row.findElement(By.tagName("summary")));
        WebElement summary = driver.findElement(By.id("visit-summary-" + visit));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOf(summary));
        summary.sendKeys("客户认可资产配置建议");
        assertNoSidewaysScroll();
        shot("d19-myday-visit-" + width);
        click(driver.findElement(By.id("visit-done-" + visit)));
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "拜访已记录为跟进。"));
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/"));
        assertThat(driver.findElements(By.id("myday-visit-" + visit))).isEmpty();
        assertThat(jdbc.queryForObject("""
                select f.summary from visit_plan v join follow_up f on f.id = v.follow_up_id
                where v.id = ? and v.status = 'DONE' and f.type = 'VISIT'""", String.class, visit))
                .isEqualTo("客户认可资产配置建议");
        shot("d19-myday-logged-" + width);

        long id = openAt("rm1", "跟进在前 " + width, "CONTACTED");
        driver.get(url("/opportunities/" + id));
        WebElement save = driver.findElement(By.id("log-follow-up"));
        Number bottom = (Number) ((JavascriptExecutor) driver).executeScript(
                "return arguments[0].getBoundingClientRect().bottom", save);
        Number viewport = (Number) ((JavascriptExecutor) driver).executeScript("return window.innerHeight");
        assertThat(bottom.doubleValue()).as("the follow-up form's save button is in the first screen")
                .isLessThanOrEqualTo(viewport.doubleValue());
        assertNoSidewaysScroll();
        shot("d19-opportunity-" + width);
    }

    @org.junit.jupiter.api.Test
    void aVisitIsCancelledFromTheWeekWithoutASummaryAfterAsking() throws IOException {
        long visit = jdbc.queryForObject("""
                insert into visit_plan (rm_id, customer_id, planned_on, purpose)
                select u.id, c.id, ?, '取消测试' from staff_user u join customer c on c.owner_id = u.id
                where u.username = 'rm1' order by c.customer_no limit 1 returning id""", Long.class, bankToday());
        driver.manage().window().setSize(new Dimension(390, 844));
        login("rm1");
        driver.get(url("/visits"));
        WebElement cancel = driver.findElement(
                By.cssSelector("form[action$='/visits/" + visit + "/done'] .visit-cancel"));
        // The summary the "done" button needs stays empty: cancelling is not held up by it, and asks first.
        click(cancel);
        var wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).startsWith("取消与").endsWith("的这次拜访？");
        driver.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "拜访已取消。"));
        assertThat(jdbc.queryForObject("select status from visit_plan where id = ?", String.class, visit))
                .isEqualTo("CANCELLED");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"390, 844", "1440, 900"})
    void aPhoneShowsTheListsSearchFirstAndItsOtherFiltersOnRequest(int width, int height) throws IOException {
        boolean phone = width < 768;
        driver.manage().window().setSize(new Dimension(width, height));
        login("rm1");
        driver.get(url("/opportunities"));
        WebElement stage = driver.findElement(By.name("stage"));
        WebElement toggle = driver.findElement(By.cssSelector("#opportunity-filters .filters-toggle"));
        assertThat(driver.findElement(By.name("q")).isDisplayed()).isTrue();
        assertThat(stage.isDisplayed()).as("the stage filter at first").isEqualTo(!phone);
        assertThat(toggle.isDisplayed()).as("the filters button").isEqualTo(phone);
        shot("d19-list-filters-" + width);
        if (phone) {
            assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
            click(toggle);
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOf(stage));
            assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
            new Select(stage).selectByValue("PROPOSAL");
            click(driver.findElement(By.cssSelector("#opportunity-filters button[type=submit]")));
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("stage=PROPOSAL"));
            // A set filter keeps its field in view and is counted on the button.
            assertThat(driver.findElement(By.name("stage")).isDisplayed()).isTrue();
            assertThat(driver.findElement(By.cssSelector("#opportunity-filters .filters-toggle .badge")).getText())
                    .isEqualTo("1");
            assertNoSidewaysScroll();
            shot("d19-list-filters-open-" + width);
        }
        // The date filters say what they filter in words on the screen, not only to a screen reader.
        for (String id : List.of("filter-close-from", "filter-close-to")) {
            WebElement label = driver.findElement(By.cssSelector("label[for=" + id + "]"));
            assertThat(label.isDisplayed()).as(id + "'s label").isTrue();
            assertThat(label.getText()).as(id + "'s label").startsWith("成交日期");
            assertThat(label.getLocation().getY()).as(id + "'s label beside its field")
                    .isEqualTo(driver.findElement(By.id(id)).getLocation().getY());
        }
    }

    private void assertNoSidewaysScroll() {
        Number scroll = (Number) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(scroll.intValue()).as("the page scrolls sideways").isLessThanOrEqualTo(0);
    }

    /** A new opportunity of {@code rm} at {@code stage}, first in its board column. */
    private long openAt(String rm, String title, String stage) {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = ? order by c.customer_no limit 1""", String.class, rm);
        Http api = Http.basic(port, rm);
        var res = api.postJson("/api/v1/opportunities", Map.of("customerNo", customer, "productCode", "FUND",
                "title", title, "amount", 100000, "expectedCloseDate", bankToday().plusDays(40).toString()));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        long id = res.json().get("id").asLong();
        if (!"IDENTIFIED".equals(stage)) {
            assertThat(api.postJson("/api/v1/opportunities/" + id + "/transitions",
                    Map.of("toStage", stage, "version", 0)).status()).isEqualTo(200);
        }
        jdbc.update("update opportunity set expected_close_date = date '2001-01-01' where id = ?", id);
        return id;
    }

    private String stage(long id) {
        return jdbc.queryForObject("select stage from opportunity where id = ?", String.class, id);
    }
}
