package org.bankcrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application as deployed behind the TLS-terminating reverse proxy (docker-compose's cluster profile,
 * docs/scaling.md): {@code server.forward-headers-strategy=native} with only the proxy's address trusted. A request
 * the proxy marks {@code X-Forwarded-Proto: https} is a secure request, so the session cookie is {@code Secure} and
 * the answer carries HSTS (ASVS 3.4.1, 14.4.5); the client address the throttle and the audit log see is the one the
 * proxy forwards, so one client guessing passwords is blocked without blocking everyone behind the proxy. Without
 * the proxy's headers the same application answers plain HTTP without either.
 *
 * <p>Its own context (the properties differ from {@link CrmWebTest}'s) over the same test database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.forward-headers-strategy=native",
        "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1"})
@ActiveProfiles("demo")
// Its own context: closed after the class, so its scheduled jobs stop with it.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReverseProxyTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final String CLIENT = "203.0.113.9";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> send(HttpRequest.Builder request, boolean viaProxy) throws Exception {
        if (viaProxy) {
            request.header("X-Forwarded-Proto", "https").header("X-Forwarded-For", CLIENT);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static String sessionCookie(HttpResponse<String> res) {
        List<String> cookies = res.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .toList();
        assertThat(cookies).as("one session cookie").hasSize(1);
        return cookies.get(0);
    }

    @Test
    void behindTheProxyTheCookieIsSecureHstsIsSentAndTheThrottleSeesTheClientsAddress() throws Exception {
        jdbc.update("delete from login_throttle where key in ('ip:" + CLIENT + "', 'user:t_proxy_nobody')");
        long before = addressFailures("127.0.0.1");

        HttpResponse<String> login = send(get("/login"), true);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                v -> assertThat(v).contains("max-age=").contains("includeSubDomains"));
        String cookie = sessionCookie(login);
        assertThat(cookie).contains("Secure").contains("HttpOnly").contains("SameSite=Lax");

        Matcher csrf = CSRF.matcher(login.body());
        assertThat(csrf.find()).isTrue();
        String form = "username=t_proxy_nobody&password=" + URLEncoder.encode("Wrong#Guess-1", StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> failed = send(get("/login").header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), true);
        assertThat(failed.statusCode()).isEqualTo(302);
        assertThat(failed.headers().firstValue("Location")).hasValueSatisfying(
                v -> assertThat(v).startsWith("https://").endsWith("/login?error"));

        assertThat(addressFailures(CLIENT)).as("the failure counts against the forwarded client").isEqualTo(1);
        assertThat(addressFailures("127.0.0.1")).as("not against the proxy").isEqualTo(before);
        assertThat(jdbc.queryForObject("""
                select client_ip from audit_log where actor = 't_proxy_nobody' and action = 'LOGIN_FAILED'
                order by id desc limit 1""", String.class)).isEqualTo(CLIENT);
        jdbc.update("delete from login_throttle where key in ('ip:" + CLIENT + "', 'user:t_proxy_nobody')");
    }

    @Test
    void plainHttpWithoutTheProxysHeadersGetsNeitherSecureNorHsts() throws Exception {
        HttpResponse<String> login = send(get("/login"), false);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(sessionCookie(login)).doesNotContain("Secure").contains("HttpOnly");
    }

    private long addressFailures(String address) {
        return jdbc.queryForObject("select coalesce(sum(failures), 0) from login_throttle where key = ?", Long.class,
                "ip:" + address);
    }
}
