package org.bankcrm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.Browsers;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * Script in every text a user types renders as text: a customer name, an opportunity title and a follow-up summary
 * carrying XSS payloads are shown on every page that lists them, and no dialog ever opens (ASVS 5.3.3).
 */
@CrmWebTest
class XssBrowserTest extends BrowserTest {

    private static void assertNoDialog(String page) {
        try {
            String text = driver.switchTo().alert().getText();
            throw new AssertionError("a dialog opened on " + page + ": " + text);
        } catch (NoAlertPresentException expected) {
            // inert, as it must be
        }
    }

    @Test
    void payloadsInEveryTextFieldRenderInert() throws IOException {
        String name = "<img src=x onerror=alert('name')>";
        String title = "<script>alert('title')</script>";
        String summary = "\"><svg onload=alert('summary')>";
        Http rm1 = Http.basic(port, "rm1");
        assertThat(rm1.postJson("/api/v1/customers", Map.of("customerNo", "XSS-0001", "type", "RETAIL", "name", name,
                "birthDate", "1990-01-01", "branchCode", "BR001", "aum", 1000)).status()).isEqualTo(201);
        var opp = rm1.postJson("/api/v1/opportunities", Map.of("customerNo", "XSS-0001", "productCode", "FUND",
                "title", title, "amount", 1000, "expectedCloseDate", LocalDate.now().plusDays(20).toString()));
        assertThat(opp.status()).isEqualTo(201);
        long id = opp.json().get("id").asLong();
        assertThat(rm1.postJson("/api/v1/opportunities/" + id + "/follow-ups", Map.of("type", "CALL",
                "occurredAt", OffsetDateTime.now().toString(), "summary", summary, "nextAction", summary,
                "nextActionDate", LocalDate.now().plusDays(1).toString())).status()).isEqualTo(201);

        login("rm1");
        for (String page : List.of("/", "/customers/XSS-0001", "/customers?q=XSS", "/opportunities/" + id,
                "/opportunities?q=" + java.net.URLEncoder.encode("<script>", java.nio.charset.StandardCharsets.UTF_8),
                "/opportunities/board", "/opportunities?q=XSS")) {
            driver.get(url(page));
            assertNoDialog(page);
        }
        driver.get(url("/opportunities/" + id));
        String text = driver.findElement(By.tagName("main")).getText();
        assertThat(text).contains(title).contains(name).contains(summary);
        Files.write(Browsers.SHOTS.resolve("xss-opportunity.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        driver.get(url("/customers/XSS-0001"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(name);
        assertNoDialog("customer again");
    }
}
