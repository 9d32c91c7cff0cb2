package org.bankcrm.web.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The head's journeys: assign an unowned PRIVATE customer from /customers/unowned, then hand a leaving RM's book
 * over to two RMs from /handover; screenshots at desktop and phone width.
 */
@CrmWebTest
class HandoverBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theHeadAssignsAnUnownedPrivateCustomerAndHandsABookOver() throws Exception {
        HandoverFixture f = new HandoverFixture(port, jdbc);
        String taker = f.rm("take", "BR001");
        // The largest AUM of the bank: first among BR001's unowned PRIVATE customers, whatever else is there.
        String privateOne = f.customer("P", 990_000_000_000L, "BR001", null);
        String leaving = f.rm("leave", "BR001");
        String t1 = f.rm("t1", "BR001");
        String t2 = f.rm("t2", "BR001");
        String c1 = f.customer("C1", 3_000_000, "BR001", leaving);
        String c2 = f.customer("C2", 2_000_000, "BR001", leaving);
        String c3 = f.customer("C3", 1_000_000, "BR001", leaving);
        long opp = f.opportunity(c2, leaving);
        f.visit(leaving, c3, "PLANNED");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.manage().window().setSize(new Dimension(1440, 900));
        login("head1");

        driver.get(url("/customers/unowned?tier=PRIVATE&branch=BR001"));
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-customer='" + privateOne + "']")));
        shot("ho-01-unowned-desktop");
        new Select(row.findElement(By.name("ownerRm"))).selectByValue(taker);
        click(row.findElement(By.cssSelector("form.assign-one button")));
        WebElement done = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assign-done")));
        assertThat(done.getText()).contains("1");
        assertThat(driver.findElements(By.cssSelector("tr[data-customer='" + privateOne + "']"))).isEmpty();
        shot("ho-02-unowned-assigned");
        assertThat(f.ownerOf(privateOne)).isEqualTo(taker);

        driver.get(url("/handover"));
        new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("handover-from"))))
                .selectByValue(leaving);
        click(driver.findElement(By.id("handover-show")));
        wait.until(ExpectedConditions.textToBe(By.id("book-customers"), "3"));
        assertThat(driver.findElement(By.id("book-opportunities")).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.id("book-visits")).getText()).isEqualTo("1");
        click(driver.findElement(By.id("to-" + t1)));
        click(driver.findElement(By.id("to-" + t2)));
        click(driver.findElement(By.id("handover-preview")));
        WebElement split = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("handover-split")));
        assertThat(split.findElement(By.cssSelector("tr[data-target='" + t1 + "']")).getText()).contains("2");
        shot("ho-03-handover-preview-desktop");
        driver.manage().window().setSize(new Dimension(390, 844));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})", split);
        shot("ho-04-handover-preview-phone");
        driver.manage().window().setSize(new Dimension(1440, 900));
        click(driver.findElement(By.id("handover-confirm-button")));
        WebElement handed = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("handover-done")));
        assertThat(handed.getText()).contains("经理leave");
        assertThat(driver.findElement(By.id("book-customers")).getText()).isEqualTo("0");
        shot("ho-05-handover-done");
        assertThat(f.ownerOf(c1)).isEqualTo(t1);
        assertThat(f.ownerOf(c2)).isEqualTo(t2);
        assertThat(f.ownerOf(c3)).isEqualTo(t1);
        assertThat(f.ownerOf(opp)).isEqualTo(t2);

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/customers/unowned?branch=BR001"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("unowned-table")));
        shot("ho-06-unowned-phone");
        driver.manage().window().setSize(new Dimension(1280, 900));
    }
}
