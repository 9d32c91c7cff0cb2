package org.bankcrm.web.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like client for tests that send many requests: it signs in once through the login form (or stays
 * anonymous) and sends the session's CSRF token with every request, so that what a test sees is the
 * application's answer to its input, not the CSRF filter's.
 */
public final class SessionClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"|name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
    private String csrf;

    /** Signed in as {@code username}, or anonymous when it is null. */
    public SessionClient(int port, String username) throws Exception {
        this.port = port;
        csrf = token(send("GET", "/login", null, (String) null).body());
        if (username != null) {
            HttpResponse<String> res = send("POST", "/login", "application/x-www-form-urlencoded",
                    "username=" + username + "&password=" + URLEncoder.encode(Http.DEMO_PASSWORD, StandardCharsets.UTF_8));
            assertThat(res.headers().firstValue("Location").orElse("")).as(username).doesNotContain("error");
            csrf = token(send("GET", "/referrals", null, (String) null).body());
        }
    }

    public HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        return send(method, path, contentType,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    public HttpResponse<String> send(String method, String path, String contentType, HttpRequest.BodyPublisher body)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (csrf != null) {
            r.header("X-CSRF-TOKEN", csrf);
        }
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        r.method(method, body);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String token(String html) {
        Matcher m = CSRF.matcher(html);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }
}
