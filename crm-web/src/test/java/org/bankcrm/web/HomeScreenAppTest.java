package org.bankcrm.web;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.bankcrm.web.testsupport.BrowserTest;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The product on a phone's home screen: the manifest and its icons are served to anyone (the browser fetches them
 * before sign-in), every page links them, and a service worker keeps a polite offline page for when the network fails.
 */
@CrmWebTest
class HomeScreenAppTest extends BrowserTest {

    private byte[] fetch(String path, String expectedType) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(path + " type").startsWith(expectedType);
        return r.body();
    }

    @Test
    void manifestAndIconsAreServedWithoutSignInAndLinkedFromEveryPage() throws Exception {
        Http anonymous = Http.anonymous(port);
        Http.Response manifest = anonymous.get("/manifest.webmanifest");
        assertThat(manifest.status()).isEqualTo(200);
        assertThat(manifest.header("Content-Type")).startsWith("application/manifest+json");
        JsonNode json = manifest.json();
        assertThat(json.get("short_name").asString()).isEqualTo("商机管理");
        assertThat(json.get("display").asString()).isEqualTo("standalone");
        assertThat(json.get("start_url").asString()).isEqualTo("./");
        int pngs = 0;
        for (JsonNode icon : json.get("icons")) {
            String src = "/" + icon.get("src").asString();
            byte[] body = fetch(src, icon.get("type").asString());
            if (icon.get("type").asString().equals("image/png")) {
                var image = ImageIO.read(new ByteArrayInputStream(body));
                assertThat(image.getWidth() + "x" + image.getHeight()).as(src).isEqualTo(icon.get("sizes").asString());
                pngs++;
            } else {
                assertThat(new String(body, StandardCharsets.UTF_8)).contains("<svg");
            }
        }
        assertThat(pngs).isEqualTo(2);
        assertThat(new String(fetch("/sw.js", "text/javascript"), StandardCharsets.UTF_8))
                .contains("offline.html");
        fetch("/offline.html", "text/html");

        for (String page : new String[] {"/login", "/"}) {
            String html = (page.equals("/login") ? anonymous : Http.session(port, "rm1")).get(page).body();
            assertThat(html).as(page).contains("rel=\"manifest\" href=\"/manifest.webmanifest\"")
                    .contains("rel=\"apple-touch-icon\" href=\"/icons/icon-192.png\"");
        }
    }

    /**
     * The worker installs, takes the page over and keeps the offline page. (Chromium's network emulation does not
     * reach a service worker's own fetches, so the fallback itself is not exercised here: see D36.)
     */
    @Test
    void theServiceWorkerControlsThePagesAndKeepsTheOfflinePage() throws IOException {
        driver.manage().window().setSize(new Dimension(390, 844));
        login("rm1");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> (Boolean) js.executeScript("return !!navigator.serviceWorker.controller"));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Object kept = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                caches.match(new URL('/offline.html', location.href).href)
                    .then(r => r ? r.text() : null).then(done, e => done(String(e)));""");
        assertThat((String) kept).contains("id=\"offline\"").contains("未连接网络");
        driver.get(url("/offline.html"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("offline")));
        shot("offline-390");
    }
}
