package org.bankcrm.web.incentive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The loss analysis journey in a real browser (issue 17, D49): the head opens the dashboard for March, clicks the
 * bar of a lost reason in the loss chart and reads those lost deals with their comments; on a phone the table's
 * figure drills down alike; then the head opens an RM's scorecard. Screenshots in target/screenshots/loss-*.png at
 * 1440 and 390 px wide.
 */
@CrmWebTest
class LossBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private void comment(long opportunity, String by, String comment) {
        jdbc.update("""
                insert into opportunity_history (opportunity_id, at, by_user_id, event, from_value, to_value, comment)
                select o.id, o.closed_at, u.id, 'STAGE', 'PROPOSAL', 'LOST', ? from opportunity o, staff_user u
                where o.id = ? and u.username = ?""", comment, opportunity, by);
    }

    @Test
    void theHeadDrillsDownFromTheLossChartToTheLostDealsAndTheirComments() throws Exception {
        IncentiveFixture f = new IncentiveFixture(jdbc);
        long a = f.lost(f.rm, "WEALTH", "1000.10", "PRICE", "2025-03-03T10:00:00");
        long b = f.lost(f.rm, "FUND", "2000.20", "PRICE", "2025-03-15T12:00:00");
        long c = f.lost(f.rm, "LOAN_CONSUMER", "3000.00", "COMPETITOR", "2025-03-20T09:00:00");
        comment(a, f.rm, "客户觉得费率太高");
        comment(b, f.rm, "收益不及预期");
        comment(c, f.rm, "他行给了更低的利率");

        driver.manage().window().setSize(new Dimension(1440, 900));
        login(f.head);
        driver.get(url("/dashboard?period=CUSTOM&from=2025-03-01&to=2025-03-31"));
        WebElement canvas = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("chart-loss")));
        waiting().until(ExpectedConditions.attributeToBe(By.id("chart-loss"), "data-drawn", "true"));
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})", canvas);
        assertThat(driver.findElement(By.id("loss-total")).getText()).isEqualTo("3");
        shot("loss-dashboard-desktop");

        // The first bar is the most frequent reason (PRICE, 2): click its middle.
        @SuppressWarnings("unchecked")
        Map<String, Object> bar = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript("""
                var c = window.Chart.getChart(arguments[0]);
                var p = c.getDatasetMeta(0).data[0].getCenterPoint();
                var r = arguments[0].getBoundingClientRect();
                return {x: p.x - r.width / 2, y: p.y - r.height / 2};""", canvas);
        new Actions(driver).moveToElement(canvas, ((Number) bar.get("x")).intValue(),
                ((Number) bar.get("y")).intValue()).click().perform();
        waiting().until(ExpectedConditions.urlContains("reason=PRICE"));
        List<WebElement> lines = waiting().until(
                ExpectedConditions.numberOfElementsToBe(By.cssSelector("#drill-table tr.lost-line"), 2));
        assertThat(lines).extracting(WebElement::getText).anySatisfy(t -> assertThat(t).contains("客户觉得费率太高"))
                .anySatisfy(t -> assertThat(t).contains("收益不及预期"));
        assertThat(driver.findElement(By.id("list-reason")).getText()).isEqualTo("价格因素");
        shot("loss-list-desktop");

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/dashboard?period=CUSTOM&from=2025-03-01&to=2025-03-31"));
        WebElement cell = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#loss-by-category tr[data-category=LOAN] td[data-reason=COMPETITOR] a")));
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})",
                driver.findElement(By.id("dashboard-loss")));
        shot("loss-dashboard-phone");
        click(cell);
        waiting().until(ExpectedConditions.urlContains("reason=COMPETITOR"));
        assertThat(waiting().until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#drill-table tr.lost-line"), 1)).get(0).getText()).contains("他行给了更低的利率");
        shot("loss-list-phone");

        driver.get(url("/scorecards/" + f.rm + "?from=2025-03-01&to=2025-03-31"));
        assertThat(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sc-conversion"))).getText())
                .isEqualTo("0.0%");
        shot("scorecard-phone");
        driver.manage().window().setSize(new Dimension(1440, 900));
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sc-activity")));
        shot("scorecard-desktop");
    }
}
