package org.bankcrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The session cookie's life: a new id at sign-in, its flags, no caching of signed-in pages, gone at sign-out. */
@CrmWebTest
class SessionHardeningTest {

    private static final Pattern SESSION = Pattern.compile("SESSION=([^;]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder get(String path, String session) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        return session == null ? r : r.header("Cookie", "SESSION=" + session);
    }

    private HttpRequest.Builder post(String path, String session, String form) {
        return get(path, session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    private static String cookie(HttpResponse<?> res) {
        return res.headers().allValues("Set-Cookie").stream().map(SESSION::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).filter(v -> !v.isEmpty()).findFirst().orElse(null);
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void signInGivesANewSessionWithSafeFlagsAndSignOutEndsIt() throws Exception {
        HttpResponse<String> loginPage = send(get("/login", null));
        String before = cookie(loginPage);
        assertThat(before).as("the login page's session, for its CSRF token").isNotNull();
        String setCookie = String.join("; ", loginPage.headers().allValues("Set-Cookie"));
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");

        HttpResponse<String> signIn = send(post("/login", before, "username=rm2&password="
                + URLEncoder.encode(Http.DEMO_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf(loginPage.body()), StandardCharsets.UTF_8)));
        assertThat(signIn.statusCode()).isEqualTo(302);
        String after = cookie(signIn);
        assertThat(after).as("a new session id at sign-in").isNotNull().isNotEqualTo(before);
        assertThat(send(get("/", before)).statusCode()).as("the old id signs no one in").isEqualTo(302);

        HttpResponse<String> home = send(get("/", after));
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("Cache-Control").orElse("")).contains("no-store");

        HttpResponse<String> signOut = send(post("/logout", after, "_csrf="
                + URLEncoder.encode(csrf(home.body()), StandardCharsets.UTF_8)));
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(send(get("/", after)).statusCode()).as("the session is gone on the server").isEqualTo(302);
    }
}
