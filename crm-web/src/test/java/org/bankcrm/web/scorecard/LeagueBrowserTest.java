package org.bankcrm.web.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The league table in a real browser (D53): the head of a parent branch goes from the dashboard to the table, sorts
 * it by branch, and on a phone (390 px) the table scrolls inside its card while the page does not; a branch opens
 * its dashboard for the period. Screenshots in target/screenshots/league-*.png.
 */
@CrmWebTest
class LeagueBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private void branch(String code, String parent) {
        jdbc.update("""
                insert into branch (code, name, parent_id, path)
                select ?, ?, id, path || ? || '/' from branch where code = ?""", code, "排名页面" + code, code, parent);
    }

    @Test
    void theHeadOfAParentReadsAndSortsTheTableOnDesktopAndPhone() throws Exception {
        String p = "LB" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        branch(p + "P", "HQ");
        branch(p + "A", p + "P");
        branch(p + "B", p + "P");
        String head = p.toLowerCase() + "_head";
        jdbc.update("""
                insert into staff_user (username, display_name, role, branch_id, password_hash)
                select ?, '排名页面行长', 'BRANCH_HEAD', b.id, (select password_hash from staff_user where username = 'rm1')
                from branch b where b.code = ?""", head, p + "P");

        driver.manage().window().setSize(new Dimension(1440, 900));
        login(head);
        driver.get(url("/dashboard?period=CUSTOM&from=2025-03-01&to=2025-03-31"));
        click(waiting().until(ExpectedConditions.elementToBeClickable(By.id("league-link"))));
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#league-table tr[data-branch]"), 2));
        assertThat(driver.getCurrentUrl()).contains("from=2025-03-01").contains("to=2025-03-31");
        shot("league-desktop");
        click(driver.findElement(By.id("sort-branch")));
        waiting().until(ExpectedConditions.urlContains("sort=branch"));
        waiting().until(ExpectedConditions.attributeToBe(By.xpath("//th[a[@id='sort-branch']]"), "aria-sort",
                "ascending"));
        assertThat(driver.findElements(By.cssSelector("#league-table tr[data-branch]")).get(0)
                .getAttribute("data-branch")).isEqualTo(p + "A");

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#league-table tr[data-branch]"), 2));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        long page = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        long viewport = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
        assertThat(page).as("the page itself does not scroll sideways").isLessThanOrEqualTo(viewport);
        long table = ((Number) js.executeScript(
                "return document.querySelector('#league-table').parentElement.scrollWidth")).longValue();
        long box = ((Number) js.executeScript(
                "return document.querySelector('#league-table').parentElement.clientWidth")).longValue();
        assertThat(table).as("the table scrolls in its card").isGreaterThan(box);
        shot("league-phone");
        click(driver.findElement(By.cssSelector("#league-table tr[data-branch='" + p + "B'] th a")));
        waiting().until(ExpectedConditions.urlContains("branch=" + p + "B"));
        assertThat(driver.getCurrentUrl()).contains("from=2025-03-01");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("dash-scope"), p + "B"));
    }
}
