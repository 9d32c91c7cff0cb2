package org.bankcrm.web.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's Chromium and chromedriver for the browser tests: never a browser a tool downloads. */
public final class Browsers {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SHOTS = Path.of("target/screenshots");

    private Browsers() {
    }

    /** A fresh headless browser; skips the test when Chromium is missing, unless CRM_REQUIRE_BROWSER=true. */
    public static WebDriver start() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!installed && "true".equals(System.getenv("CRM_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("CRM_REQUIRE_BROWSER is set but Chromium or chromedriver is missing");
        }
        Assumptions.assumeTrue(installed,
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=zh-CN",
                "--user-data-dir=" + Files.createTempDirectory("crm-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        return driver;
    }

    /**
     * Signs {@code username} in with the demo password and waits for the signed-in page. Navigating on before
     * that page arrives can abort the sign-in request, so every browser test signs in through here.
     */
    public static void login(WebDriver driver, String baseUrl, String username) {
        driver.manage().deleteAllCookies();
        driver.get(baseUrl + "/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(Http.DEMO_PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("current-user")));
    }

    /** Writes a screenshot of what {@code driver} shows to {@code target/screenshots/NAME.png}, at normal zoom. */
    public static void shot(WebDriver driver, String name) throws IOException {
        ((JavascriptExecutor) driver).executeScript("document.body.style.zoom = '1'");
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** Brings the element into view first, as a user scrolls before clicking. */
    public static void click(WebDriver driver, WebElement element) {
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    public static void stop(WebDriver driver) {
        if (driver != null) {
            driver.quit();
        }
    }
}
