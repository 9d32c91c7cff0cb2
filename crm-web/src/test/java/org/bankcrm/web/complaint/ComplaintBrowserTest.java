package org.bankcrm.web.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
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
 * The complaint journey in a real browser (D46): the head registers a complaint from the customer's page ("登记投诉"),
 * it goes to the customer's RM, who sees it on My day (at a phone's width too), opens it and resolves it; the list
 * then shows it resolved. Screenshots in target/screenshots/complaints-*.png (1440 and 390 px wide).
 */
@CrmWebTest
class ComplaintBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @Test
    void theHeadRegistersAComplaintAndTheRmSeesItOnMyDayAndResolvesIt() throws Exception {
        ComplaintFixture f = new ComplaintFixture(jdbc);
        String customerNo = f.customer("WEB", f.branchX, f.rmA);
        LocalDate today = LocalDate.now(ComplaintFixture.BANK);

        driver.manage().window().setSize(new Dimension(1440, 900));
        login(f.head);
        driver.get(url("/customers/" + customerNo));
        click(waiting().until(ExpectedConditions.elementToBeClickable(By.id("customer-complaint"))));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("complaint-form")));
        assertThat(driver.findElement(By.id("customerNo")).getAttribute("value")).isEqualTo(customerNo);
        // Sent without a category first: the form comes back with the field marked and what was typed kept.
        driver.findElement(By.id("text")).sendKeys("客户反映转账到账慢，电话 13812348000");
        click(driver.findElement(By.id("complaint-submit")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#category.is-invalid")));
        assertThat(driver.findElement(By.id("text")).getAttribute("value")).contains("转账到账慢");
        new Select(driver.findElement(By.id("category"))).selectByValue("SYSTEM");
        shot("complaints-register-desktop");
        click(driver.findElement(By.id("complaint-submit")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("complaint-owner")));
        assertThat(driver.findElement(By.id("complaint-owner")).getText()).contains("投诉测试甲");
        assertThat(driver.findElement(By.id("complaint-due")).getText()).isEqualTo(today.plusDays(15).toString());
        assertThat(driver.findElement(By.id("complaint-text")).getText()).contains("138****8000")
                .doesNotContain("13812348000");
        String path = new java.net.URI(driver.getCurrentUrl()).getPath();
        long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        shot("complaints-registered-desktop");

        // The head's dashboard counts it, the count opening the list of the same selection.
        driver.get(url("/dashboard"));
        String open = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("complaints-open"))).getText();
        click(driver.findElement(By.id("complaints-open")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("complaint-list")));
        assertThat(driver.findElement(By.id("complaint-list")).getText()).contains(customerNo);
        assertThat(driver.findElements(By.cssSelector("#complaint-list tbody tr[data-complaint-id]")).size())
                .isEqualTo(Integer.parseInt(open.replace(",", "")));

        login(f.rmA);
        assertThat(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("myday-complaint-" + id)))
                .getText()).contains("系统").contains(today.plusDays(15).toString());
        assertThat(driver.findElement(By.id("myday-complaint-counts")).getText()).isEqualTo("处理中 1 件，其中超期 0 件");
        shot("complaints-myday-desktop");

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("myday-complaint-" + id)));
        shot("complaints-myday-phone");
        click(driver.findElement(By.cssSelector("#myday-complaint-" + id + " a")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("complaint-resolve-form")));
        driver.findElement(By.id("resolution")).sendKeys("已联系客户核实，系统升级后到账恢复正常");
        shot("complaints-resolve-phone");
        click(driver.findElement(By.id("complaint-resolve")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("complaint-resolution")));
        assertThat(driver.findElement(By.id("complaint-status")).getText()).isEqualTo("已处理");
        assertThat(driver.findElements(By.id("complaint-resolve-form"))).isEmpty();
        shot("complaints-resolved-phone");

        driver.manage().window().setSize(new Dimension(1440, 900));
        driver.get(url("/complaints?status=RESOLVED"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("complaint-list")));
        assertThat(driver.findElement(By.cssSelector("tr[data-complaint-id='" + id + "']")).getText())
                .contains("已处理").contains("投诉测试甲");
        shot("complaints-list-desktop");
        driver.get(url("/"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("myday-attention")));
        assertThat(driver.findElements(By.id("myday-complaint-" + id))).isEmpty();
        assertThat(jdbc.queryForObject("select status from complaint where id = ?", String.class, id))
                .isEqualTo("RESOLVED");
    }
}
