package org.bankcrm.web.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.Browsers;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The walking skeleton in a real headless Chromium (Debian's chromium and chromium-driver): rm1 signs in,
 * opens an opportunity, finds it in the list. Screenshots go to {@code target/screenshots}.
 */
@CrmWebTest
class BrowserJourneyTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anRmSignsInOpensAnOpportunityAndFindsItInTheList() throws IOException {
        String customerNo = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' and c.type = 'RETAIL' order by c.customer_no desc limit 1""", String.class);
        String title = "浏览器测试商机 " + System.currentTimeMillis() % 100000;
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

        driver.get(url("/login"));
        assertThat(driver.getTitle()).contains("登录");
        shot("01-login");
        driver.findElement(By.id("username")).sendKeys("rm1");
        driver.findElement(By.id("password")).sendKeys(Http.DEMO_PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("current-user")));
        assertThat(driver.findElement(By.id("current-user")).getText()).contains("李晓明");
        shot("02-home");

        driver.get(url("/opportunities/new?customerNo=" + customerNo));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("opportunity-form")));
        new Select(driver.findElement(By.id("productCode"))).selectByValue("WEALTH");
        driver.findElement(By.id("title")).sendKeys(title);
        driver.findElement(By.id("amount")).sendKeys("250000");
        WebElement close = driver.findElement(By.id("expectedCloseDate"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", close,
                LocalDate.now().plusDays(45).toString());
        new Select(driver.findElement(By.id("needStrength"))).selectByValue("4");
        shot("03-new-opportunity");
        driver.findElement(By.id("save-opportunity")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("opportunity-title")));
        assertThat(driver.findElement(By.id("opportunity-title")).getText()).isEqualTo(title);
        assertThat(driver.getPageSource()).contains("商机已创建").contains("¥250,000.00");
        shot("04-opportunity-detail");

        driver.get(url("/opportunities"));
        driver.findElement(By.name("q")).sendKeys(title);
        // The unfiltered list already shows the new opportunity first: wait for the searched page.
        WebElement unfiltered = driver.findElement(By.id("opportunity-table"));
        driver.findElement(By.cssSelector("form[action$='/opportunities'] button[type=submit]")).click();
        wait.until(ExpectedConditions.stalenessOf(unfiltered));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("opportunity-table"), title));
        assertThat(driver.findElements(By.cssSelector("#opportunity-table tbody tr"))).hasSize(1);
        shot("05-opportunity-list");

        driver.get(url("/customers"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("customer-table")));
        assertThat(driver.findElements(By.id("customer-owner-filter"))).isEmpty();
        shot("05a-customer-list-rm");

        driver.get(url("/customers/" + customerNo));
        assertThat(driver.findElement(By.id("id-masked")).getText()).contains("********");
        shot("06-customer");
        driver.get(url("/dashboard"));
        shot("07-dashboard");
    }

    @Test
    void aBadFormShowsItsMessagesBesideTheFields() throws IOException {
        Browsers.login(driver, url(""), "head1");
        driver.get(url("/customers"));
        WebElement unfiltered = driver.findElement(By.id("customer-table"));
        new Select(driver.findElement(By.id("customer-owner-filter"))).selectByValue("rm2");
        driver.findElement(By.cssSelector("form[action$='/customers'] button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(unfiltered));
        assertThat(driver.findElements(By.cssSelector("#customer-table tbody tr td:last-child")))
                .isNotEmpty().allSatisfy(td -> assertThat(td.getText()).isEqualTo("王芳"));
        shot("09-customer-list-head-owner-filter");

        driver.get(url("/customers/new"));
        driver.findElement(By.id("customerNo")).sendKeys("bad no!");
        driver.findElement(By.id("aum")).sendKeys("-1");
        driver.findElement(By.cssSelector("button[type=submit].btn-primary")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".invalid-feedback")));
        assertThat(driver.findElements(By.cssSelector(".is-invalid"))).isNotEmpty();
        shot("08-customer-form-errors");
    }
}
