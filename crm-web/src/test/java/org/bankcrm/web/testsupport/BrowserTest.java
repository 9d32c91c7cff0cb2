package org.bankcrm.web.testsupport;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A browser journey: one headless Chromium ({@link Browsers}) for the whole test class, on the application the
 * class's {@code @CrmWebTest} started. Test classes run one after another, so the shared {@link #driver} field
 * belongs to one class at a time.
 */
public abstract class BrowserTest {

    protected static WebDriver driver;

    @LocalServerPort
    protected int port;

    @BeforeAll
    public static void startBrowser() throws IOException {
        driver = Browsers.start();
    }

    @AfterAll
    public static void stopBrowser() {
        Browsers.stop(driver);
        driver = null;
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Signs the demo user in and waits for the signed-in page. */
    protected void login(String username) {
        Browsers.login(driver, url(""), username);
    }

    protected static void shot(String name) throws IOException {
        Browsers.shot(driver, name);
    }

    protected static void shot(WebDriver d, String name) throws IOException {
        Browsers.shot(d, name);
    }

    protected static void click(WebElement element) {
        Browsers.click(driver, element);
    }

    protected static void click(WebDriver d, WebElement element) {
        Browsers.click(d, element);
    }
}
