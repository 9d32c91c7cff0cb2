package org.bankcrm.web.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 19, item 3, in headless Chromium at a desk's 1440×900 and a phone's 390×844: an RM creates an opportunity
 * choosing the customer by typing the surname (one character: their own customers), picking the suggestion with the
 * arrow keys and Enter (the ARIA combobox of D40), and saves it; the open list passes axe-core and stays within the
 * screen.
 */
@CrmWebTest
class CustomerPickerBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1440, 900", "390, 844"})
    void anRmChoosesTheCustomerByNameWithTheKeyboard(int width, int height) throws IOException {
        // rm1's most frequent surname: one character, which finds rm1's own customers only.
        String surname = jdbc.queryForObject("""
                select left(c.name, 1) from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' and c.type = 'RETAIL' group by 1 order by count(*) desc, 1 limit 1""",
                String.class);
        String title = "按姓名选客户 " + width;
        driver.manage().window().setSize(new Dimension(width, height));
        login("rm1");
        driver.get(url("/opportunities/new"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("customerNo")));
        assertThat(input.getAttribute("role")).isEqualTo("combobox");
        assertThat(input.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(driver.findElement(By.id("customerNo-hint")).getText()).contains("至少输入 2 个字", "姓氏 1 个字");

        input.sendKeys(surname);
        wait.until(ExpectedConditions.attributeToBe(input, "aria-expanded", "true"));
        List<WebElement> options = driver.findElements(By.cssSelector("#customerNo-listbox [role=option]"));
        assertThat(options).isNotEmpty().allSatisfy(o -> assertThat(o.getText()).startsWith(surname)
                .contains("李晓明").containsPattern("\\*{4}\\d{4}"));
        // Down past the third (or last) suggestion, then Up onto it.
        int index = Math.min(2, options.size() - 1);
        for (int i = 0; i < index + 2; i++) {
            input.sendKeys(Keys.ARROW_DOWN);
        }
        input.sendKeys(Keys.ARROW_UP);
        WebElement wanted = options.get(index);
        String customerNo = wanted.getAttribute("data-customer-no");
        String name = wanted.findElement(By.className("picker-name")).getText();
        wait.until(d -> wanted.getAttribute("id").equals(input.getAttribute("aria-activedescendant")));
        assertThat(wanted.getAttribute("aria-selected")).isEqualTo("true");
        assertWithinTheScreen(width);
        assertThat(axeFindings()).as("axe-core on the open list").isEmpty();
        shot("picker-open-" + width);

        input.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.attributeToBe(input, "aria-expanded", "false"));
        assertThat(input.getAttribute("value")).isEqualTo(customerNo);
        WebElement status = driver.findElement(By.id("customerNo-status"));
        assertThat(status.getText()).contains(name, customerNo);
        assertThat(driver.findElements(By.id("save-opportunity"))).as("Enter picked, it did not submit").hasSize(1);

        // Escape closes a list opened again; the number typed back names the customer again.
        input.sendKeys(Keys.BACK_SPACE);
        wait.until(ExpectedConditions.attributeToBe(input, "aria-expanded", "true"));
        input.sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.attributeToBe(input, "aria-expanded", "false"));
        input.sendKeys(customerNo.substring(customerNo.length() - 1));
        wait.until(ExpectedConditions.textToBePresentInElement(status, name));

        new Select(driver.findElement(By.id("productCode"))).selectByValue("WEALTH");
        driver.findElement(By.id("title")).sendKeys(title);
        driver.findElement(By.id("amount")).sendKeys("120000");
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]",
                driver.findElement(By.id("expectedCloseDate")), LocalDate.now().plusDays(40).toString());
        shot("picker-chosen-" + width);
        click(driver.findElement(By.id("save-opportunity")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("opportunity-title")));
        assertThat(driver.findElement(By.id("opportunity-title")).getText()).isEqualTo(title);
        assertThat(jdbc.queryForObject("""
                select c.customer_no from opportunity o join customer c on c.id = o.customer_id
                where o.title = ?""", String.class, title)).isEqualTo(customerNo);
    }

    /** The open list lies within the window: nothing to scroll sideways for on a phone. */
    private static void assertWithinTheScreen(int width) {
        Number right = (Number) ((JavascriptExecutor) driver).executeScript(
                "return document.getElementById('customerNo-listbox').getBoundingClientRect().right");
        Number page = (Number) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth");
        assertThat(right.doubleValue()).isLessThanOrEqualTo(width);
        assertThat(page.intValue()).isLessThanOrEqualTo(width);
    }

    /** axe-core (bundled in a test dependency) on the picker: serious and critical findings. */
    @SuppressWarnings("unchecked")
    private static List<String> axeFindings() throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        try (InputStream in = CustomerPickerBrowserTest.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            assertThat(in).as("axe.min.js on the test classpath").isNotNull();
            js.executeScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return (List<String>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document.querySelector('.customer-picker'), {resultTypes: ['violations']})
                   .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                                   .map(v => v.id + ': ' + v.help)))
                   .catch(e => done(['axe-error: ' + e]));""");
    }
}
