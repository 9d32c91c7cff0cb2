package org.bankcrm.web.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Journeys in a real browser, at 1440 and at 390 px wide: the RM opens a customer due for contact, logs a visit with
 * the quick form and sees the card say covered; the admin changes a tier's standard one row at a time, a bad row
 * coming back with its message. Screenshots in target/screenshots/contact-*.png.
 */
@CrmWebTest
class ContactBrowserTest extends BrowserTest {

    private static final Dimension DESKTOP = new Dimension(1440, 900);
    private static final Dimension PHONE = new Dimension(390, 844);

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    @AfterEach
    void defaults() {
        driver.manage().window().setSize(DESKTOP);
        jdbc.update("update service_standard set contact_days = 60, contact_types = '{VISIT,MEETING,CALL}'"
                + " where tier = 'KEY'");
        jdbc.update("update service_standard set contact_days = 30, contact_types = '{VISIT,MEETING}'"
                + " where tier = 'PRIVATE'");
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @Test
    void theRmLogsAContactOnADueCustomerAndSeesItCovered() throws Exception {
        String no = "T-CBR-" + ThreadLocalRandom.current().nextInt(10_000_000);
        Map<String, Object> body = new HashMap<>(Map.of("customerNo", no, "type", "RETAIL", "name", "浏览器联系客户",
                "branchCode", "BR001", "birthDate", "1975-09-09", "aum", 6000000));
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/customers", body).status()).isEqualTo(201);
        jdbc.update("update customer set tier = 'PRIVATE' where customer_no = ?", no);
        // Last contacted 40 days ago by an opportunity-free visit: 10 days overdue under PRIVATE's 30 days.
        jdbc.update("""
                insert into follow_up (customer_id, type, occurred_at, summary, created_by)
                select c.id, 'VISIT', now() - interval '40 days', '上次拜访', u.id
                from customer c, staff_user u where c.customer_no = ? and u.username = 'rm1'""", no);

        driver.manage().window().setSize(DESKTOP);
        login("rm1");
        driver.get(url("/customers/" + no));
        WebElement badge = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("standing-badge")));
        assertThat(badge.getText()).isEqualTo("逾期 10 天");
        assertThat(driver.findElement(By.id("standard-rule")).getText()).isEqualTo("每 30 天，拜访/会议");
        shot("contact-customer-due-desktop");

        driver.manage().window().setSize(PHONE);
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("contact-form")));
        shot("contact-customer-due-phone");
        driver.findElement(By.id("summary")).sendKeys("上门拜访，介绍私行服务");
        click(driver.findElement(By.id("log-contact")));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("standing-badge"), "已覆盖"));
        assertThat(driver.findElement(By.id("last-contact")).getText()).endsWith("拜访 · 李晓明");
        assertThat(driver.findElement(By.id("customer-follow-ups")).getText()).contains("上门拜访，介绍私行服务");
        shot("contact-customer-covered-phone");
        driver.manage().window().setSize(DESKTOP);
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("standing-badge"), "已覆盖"));
        shot("contact-customer-covered-desktop");
    }

    @Test
    void theAdminChangesAStandardOneRowAtATime() throws Exception {
        driver.manage().window().setSize(DESKTOP);
        login("admin");
        driver.get(url("/admin/service-standards"));
        WebElement days = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("days-KEY")));
        assertThat(days.getAttribute("value")).isEqualTo("60");
        shot("contact-standards-desktop");

        // A bad row comes back with its message; nothing is saved.
        days.clear();
        days.sendKeys("0");
        click(driver.findElement(By.id("save-KEY")));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("standard-KEY"),
                "联系周期应为 1 到 366 天之间的整数。"));
        assertThat(driver.findElement(By.id("days-KEY")).getAttribute("value")).isEqualTo("0");
        shot("contact-standards-error-desktop");
        assertThat(jdbc.queryForObject("select contact_days from service_standard where tier = 'KEY'",
                Integer.class)).isEqualTo(60);

        driver.manage().window().setSize(PHONE);
        days = driver.findElement(By.id("days-KEY"));
        days.clear();
        days.sendKeys("45");
        click(driver.findElement(By.id("type-KEY-CALL")));
        click(driver.findElement(By.id("save-KEY")));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                "服务标准已保存"));
        assertThat(driver.findElement(By.id("days-KEY")).getAttribute("value")).isEqualTo("45");
        assertThat(driver.findElement(By.id("type-KEY-CALL")).isSelected()).isFalse();
        assertThat(driver.findElement(By.id("type-KEY-VISIT")).isSelected()).isTrue();
        shot("contact-standards-saved-phone");
        assertThat(jdbc.queryForObject("select contact_days || ' ' || array_to_string(contact_types, ',')"
                + " from service_standard where tier = 'KEY'", String.class)).isEqualTo("45 VISIT,MEETING");
    }
}
