package org.bankcrm.web.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import org.bankcrm.domain.shared.Period;
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
 * The annual plan journey in a real browser (D48): the head opens the plan from the targets page, breaks this year's
 * won-business figure down to quarters and RMs, is refused while an RM's shares do not add up to the quarter, saves
 * it, and sees this quarter's attainment and pipeline coverage on the dashboard. Screenshots in
 * target/screenshots/target-plan-*.png (1440 and 390 px wide).
 */
@CrmWebTest
class TargetPlanBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private void type(String name, String value) {
        WebElement e = driver.findElement(By.name(name));
        e.clear();
        e.sendKeys(value);
    }

    private void show(WebElement e) {
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})", e);
    }

    @Test
    void theHeadBreaksDownAnAnnualPlanAndSeesAttainmentAndCoverageOnTheDashboard() throws Exception {
        TargetFixture f = new TargetFixture(jdbc);
        LocalDate today = LocalDate.now(TargetFixture.BANK);
        Period quarter = Period.quarterOf(today);
        int q = (quarter.start().getMonthValue() - 1) / 3;
        // rmA won 30,000 this quarter (today, 00:05 bank time) and has 200,000 open.
        f.opportunity(f.rmA, "WEALTH", "30000.00", "WON", today + "T00:05");
        f.opportunity(f.rmA, "WEALTH", "200000.00", "IDENTIFIED", null);

        driver.manage().window().setSize(new Dimension(1440, 900));
        login(f.head);
        driver.get(url("/dashboard/targets"));
        click(waiting().until(ExpectedConditions.elementToBeClickable(By.id("open-plan"))));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("plan-form")));
        new Select(driver.findElement(By.id("pick-measure"))).selectByValue("WON");
        click(driver.findElement(By.id("plan-open")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("plan-rm-" + f.rmA)));
        assertThat(driver.findElement(By.id("plan-table")).getText()).contains("目标测试甲").contains("目标测试乙")
                .contains("目标测试丙");

        type("annual", "1000000");
        for (int k = 0; k < 4; k++) {
            type("quarters[" + k + "]", "250000");
        }
        // rmA and rmB share each quarter (rmC left empty: no share); rmB's Q2 one short at first.
        String[] rms = {f.rmA, f.rmB};
        for (int k = 0; k < 4; k++) {
            for (String rm : rms) {
                WebElement row = driver.findElement(By.id("plan-rm-" + rm));
                WebElement cell = row.findElements(By.cssSelector("input.plan-cell")).get(k);
                cell.clear();
                cell.sendKeys(rm.equals(f.rmA) ? "150000" : k == 1 ? "99999" : "100000");
            }
        }
        click(driver.findElement(By.id("plan-save")));
        WebElement refused = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#plan-quarters .invalid-feedback")));
        assertThat(refused.getText()).contains("第 2 季度客户经理之和 249,999 不等于该季度指标 250,000");
        assertThat(jdbc.queryForObject("select count(*) from target_plan p join branch b on b.id = p.branch_id"
                + " where b.code = ?", Long.class, f.branchX)).isZero();
        shot("target-plan-refused-desktop");

        WebElement fix = driver.findElement(By.id("plan-rm-" + f.rmB)).findElements(By.cssSelector("input.plan-cell"))
                .get(1);
        fix.clear();
        fix.sendKeys("100000");
        click(driver.findElement(By.id("plan-save")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=status]")));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("年度目标分解已保存");
        assertThat(jdbc.queryForObject("select count(*) from target t join target_plan p on p.id = t.plan_id"
                + " join branch b on b.id = p.branch_id where b.code = ?", Long.class, f.branchX))
                .as("4 branch quarters + 2 RMs × 4; rmC, left empty, has none").isEqualTo(12);
        shot("target-plan-saved-desktop");

        // The dashboard of this quarter: the plan's quarter targets with attainment and coverage.
        String dash = "/dashboard?branch=" + f.branchX + "&period=CUSTOM&from=" + quarter.start() + "&to="
                + quarter.lastDay();
        driver.get(url(dash));
        WebElement table = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("target-table")));
        WebElement rowA = table.findElements(By.cssSelector("tbody tr")).stream()
                .filter(r -> r.getText().contains("目标测试甲")).findFirst().orElseThrow();
        assertThat(rowA.findElement(By.cssSelector(".target-rate")).getText()).isEqualTo("20.0%");
        // the weighted pipeline (200,000 × IDENTIFIED's probability) over the 120,000 left
        int p = jdbc.queryForObject("select probability from stage_setting where stage = 'IDENTIFIED'", Integer.class);
        String coverage = BigDecimal.valueOf(2000L * p).divide(BigDecimal.valueOf(120000), 2, RoundingMode.HALF_UP)
                .toPlainString() + "×";
        assertThat(rowA.findElement(By.cssSelector(".target-coverage")).getText()).isEqualTo(coverage);
        WebElement branchRow = table.findElements(By.cssSelector("tbody tr")).get(0);
        assertThat(branchRow.getText()).contains("网点整体").contains("12.0%");
        show(driver.findElement(By.id("targets-section")));
        shot("target-plan-dashboard-desktop");

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/dashboard/targets/plan?branch=" + f.branchX + "&year=" + today.getYear() + "&measure=WON"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("plan-rm-" + f.rmA)));
        assertThat(driver.findElement(By.name("quarters[" + q + "]")).getAttribute("value")).startsWith("250000");
        shot("target-plan-phone");
        show(driver.findElement(By.id("plan-table")));
        shot("target-plan-table-phone");
        driver.get(url(dash));
        show(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("targets-section"))));
        shot("target-plan-dashboard-phone");
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth");
        assertThat(overflow).as("the page does not scroll sideways at 390 px").isEqualTo(false);
    }
}
