package org.bankcrm.web.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The head builds a customer group: the count follows the criteria as tiers are ticked and a name typed (htmx),
 * the group is saved and listed with its size, its customers open; at desktop and at phone width.
 */
@CrmWebTest
class SegmentBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    private static String count() {
        return driver.findElement(By.id("segment-count-value")).getText().strip();
    }

    private static void waitForCount(WebDriverWait wait, String expected) {
        wait.until(ExpectedConditions.textToBe(By.id("segment-count-value"), expected));
    }

    private static void tick(String name, String value) {
        click(driver.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']")));
    }

    @Test
    void theHeadBuildsAGroupAndSeesItsCountFollowTheCriteria() throws Exception {
        SegmentFixture f = SegmentFixture.build(port, jdbc);
        login(f.headG);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.manage().window().setSize(new Dimension(1440, 1000));
        driver.get(url("/segments/new"));
        assertThat(count()).isEqualTo("6");
        driver.findElement(By.id("name")).sendKeys("金卡与白金 " + f.suffix);

        tick("criteria.tiers", "GOLD");
        waitForCount(wait, "2");
        tick("criteria.tiers", "PLATINUM");
        waitForCount(wait, "3");
        WebElement ageMin = driver.findElement(By.id("criteria.ageMin"));
        ageMin.sendKeys("35");
        waitForCount(wait, "1");
        ageMin.clear();
        ageMin.sendKeys("0");
        waitForCount(wait, "3");
        // A range the wrong way round: the count says why instead of a figure.
        WebElement ageMax = driver.findElement(By.id("criteria.ageMax"));
        ageMin.clear();
        ageMin.sendKeys("50");
        ageMax.sendKeys("20");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("segment-count-problems")));
        assertThat(driver.findElement(By.id("segment-count-problems")).getText()).contains("年龄下限不能大于上限");
        shot("segments-01-editor-problem-desktop");
        ageMin.clear();
        ageMax.clear();
        ageMax.sendKeys("120");
        waitForCount(wait, "3");
        shot("segments-02-editor-desktop");

        click(driver.findElement(By.id("segment-save")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("segment-table")));
        WebElement row = driver.findElement(By.xpath("//tr[td/a[text()='金卡与白金 " + f.suffix + "']]"));
        assertThat(row.findElement(By.cssSelector(".segment-size")).getText()).isEqualTo("3");
        shot("segments-03-list-desktop");

        click(row.findElement(By.linkText("客户名单")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("segment-customers")));
        assertThat(driver.findElements(By.cssSelector("#segment-customers tbody tr"))).hasSize(3);
        assertThat(driver.findElement(By.id("segment-customers")).getText()).contains(f.no("R1"), f.no("R2"),
                f.no("R3"));
        shot("segments-04-customers-desktop");

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/segments"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("segment-table")));
        shot("segments-05-list-phone");
        click(driver.findElement(By.linkText("金卡与白金 " + f.suffix)));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("segment-form")));
        assertThat(count()).isEqualTo("3");
        tick("criteria.tiers", "PLATINUM");
        waitForCount(wait, "2");
        shot("segments-06-editor-phone");
        driver.manage().window().setSize(new Dimension(1280, 900));
    }
}
