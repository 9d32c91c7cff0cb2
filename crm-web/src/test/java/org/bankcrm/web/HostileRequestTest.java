package org.bankcrm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bankcrm.web.AuthorizationMatrixTest.Row;
import org.bankcrm.web.AuthorizationMatrixTest.Who;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.bankcrm.web.testsupport.SessionClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The requests a prober sent that once answered 500, a stack trace or Tomcat's own HTML page (issue 18, section 4),
 * sent as raw bytes where an HTTP library would refuse or rewrite them: a page beyond any offset, a malformed CSRF
 * token, a non-ASCII idempotency key, encoded separators and control characters in a path, a NUL in a search, and an
 * anonymous API request (which must not leave a session behind).
 */
@CrmWebTest
class HostileRequestTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** A raw answer: status, headers (lower-case names) and body. */
    record Raw(int status, Map<String, String> headers, String body) {
        boolean problem() {
            return headers.getOrDefault("content-type", "").startsWith("application/problem+json");
        }
    }

    private Raw raw(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            req.write((method + " ").getBytes(StandardCharsets.ISO_8859_1));
            req.write(target.getBytes(StandardCharsets.UTF_8));
            req.write(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (var h : headers.entrySet()) {
                req.write((h.getKey() + ": ").getBytes(StandardCharsets.ISO_8859_1));
                req.write(h.getValue().getBytes(StandardCharsets.UTF_8));
                req.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            if (body != null) {
                req.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            req.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                req.write(body);
            }
            OutputStream out = s.getOutputStream();
            out.write(req.toByteArray());
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            String[] lines = all.substring(0, end).split("\r\n");
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                h.merge(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip(),
                        (a, b) -> a + "\n" + b);
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), h, all.substring(end + 4));
        }
    }

    private Raw raw(String method, String target) throws IOException {
        return raw(method, target, Map.of(), null);
    }

    private static Map<String, String> basic(String user) {
        String token = java.util.Base64.getEncoder().encodeToString((user + ":" + Http.DEMO_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return Map.of("Authorization", "Basic " + token);
    }

    /**
     * Runs sign-ins that fail from this test's address (127.0.0.1, which every test signs in from) and puts the
     * address's throttle row back as it was, lock included, so that no later test is refused for them.
     */
    private void failingSignIns(Runnable signIns) {
        List<Map<String, Object>> before = jdbc.queryForList("select * from login_throttle where key = 'ip:127.0.0.1'");
        try {
            signIns.run();
        } finally {
            jdbc.update("delete from login_throttle where key = 'ip:127.0.0.1'");
            before.forEach(r -> jdbc.update("insert into login_throttle (key, failures, first_failure_at, locked_until)"
                    + " values (?, ?, ?, ?)", r.get("key"), r.get("failures"), r.get("first_failure_at"),
                    r.get("locked_until")));
        }
    }

    private long sessions() {
        return jdbc.queryForObject("select count(*) from spring_session", Long.class);
    }

    @Test
    void aPageBeyondAnyOffsetIsABadRequestOnEveryListNeverA500() throws Exception {
        Map<Who, SessionClient> clients = new EnumMap<>(Who.class);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (String endpoint : AuthorizationMatrixTest.mapped(mappings)) {
            if (!endpoint.startsWith("GET ") || endpoint.contains("{")) {
                continue;
            }
            Row row = AuthorizationMatrixTest.MATRIX.get(endpoint);
            Who who = row.allowed().stream().filter(w -> w != Who.ANONYMOUS).findFirst().orElse(Who.ANONYMOUS);
            SessionClient client = clients.get(who);
            if (client == null) {
                client = new SessionClient(port, AuthorizationMatrixTest.USERNAMES.get(who));
                clients.put(who, client);
            }
            String path = endpoint.substring(4);
            HttpResponse<String> res = client.send("GET", path + "?page=2147483647&size=500", null, (String) null);
            sent++;
            if (res.statusCode() >= 500) {
                failures.add(endpoint + " → " + res.statusCode());
            }
        }
        assertThat(sent).isGreaterThan(30);
        assertThat(failures).isEmpty();
        // The API says which parameter and why.
        var api = Http.basic(port, "rm1").get("/api/v1/opportunities?page=2147483647&size=500");
        assertThat(api.status()).isEqualTo(400);
        assertThat(api.body()).contains("\"field\":\"page\"");
        assertThat(Http.basic(port, "rm1").get("/api/v1/opportunities?page=99999999999").status()).isEqualTo(400);
    }

    @Test
    void aMalformedCsrfTokenIsAForbiddenNeverA500() throws Exception {
        String bad = "_csrf=" + "AAAA".repeat(8) + "____";
        Raw anonymous = raw("POST", "/login", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                ("username=rm1&password=x&" + bad).getBytes(StandardCharsets.UTF_8));
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(403);
        assertThat(anonymous.body()).doesNotContain("Exception").doesNotContain("at org.");
        Raw header = raw("POST", "/login", Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-CSRF-TOKEN", "%%%not-base64%%%"), "username=rm1&password=x".getBytes(StandardCharsets.UTF_8));
        assertThat(header.status()).isEqualTo(403);
    }

    /** Tomcat 11 throws when a parameter's bytes are no UTF-8; its message carries the client's value. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aParameterThatIsNoUtf8IsABadRequestAndItsValueIsNotLogged(CapturedOutput output) throws Exception {
        Raw page = raw("GET", "/login?q=%C3%28110101199003077777");
        assertThat(page.status()).as(page.body()).isEqualTo(400);
        assertThat(page.body()).doesNotContain("110101199003077777").doesNotContain("at org.");
        Raw api = raw("GET", "/api/v1/opportunities?q=%C3%28110101199003077777", basic("rm1"), null);
        assertThat(api.status()).as(api.body()).isEqualTo(400);
        assertThat(api.problem()).isTrue();
        assertThat(api.body()).doesNotContain("110101199003077777");
        assertThat(output.getAll()).doesNotContain("110101199003077777").doesNotContain("InvalidParameterException:");
    }

    /** Tomcat throws the same for a broken escape and for more parameters than its limit (1,000). */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aBrokenEscapeOrTooManyParametersIsABadRequestAndNoValueIsLogged(CapturedOutput output) throws Exception {
        String tooMany = "id=110101199003077777&" + "a=1&".repeat(1_100);
        for (String query : List.of("q=%ZZ110101199003077777", "q=110101199003077777%", tooMany)) {
            Raw page = raw("GET", "/login?" + query);
            assertThat(page.status()).as(query.substring(0, Math.min(30, query.length()))).isEqualTo(400);
            assertThat(page.body()).doesNotContain("110101199003077777").doesNotContain("at org.");
            Raw api = raw("GET", "/api/v1/opportunities?" + query, basic("rm1"), null);
            assertThat(api.status()).as(query.substring(0, Math.min(30, query.length()))).isEqualTo(400);
            assertThat(api.problem()).isTrue();
            assertThat(api.body()).doesNotContain("110101199003077777");
        }
        assertThat(output.getAll()).doesNotContain("110101199003077777").doesNotContain("InvalidParameterException:")
                .contains("Refused parameters Tomcat could not read: GET /api/v1/opportunities");
    }

    @Test
    void aNonAsciiIdempotencyKeyIsABadRequest() throws Exception {
        Map<String, String> h = new LinkedHashMap<>(basic("rm1"));
        h.put("Content-Type", "application/json");
        h.put("Idempotency-Key", "键-é-" + "\u00ff");
        Raw res = raw("POST", "/api/v1/opportunities", h, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        assertThat(res.problem()).isTrue();
    }

    @Test
    void encodedSeparatorsAndControlCharactersInAPathAnswerProblemJson() throws Exception {
        for (String target : List.of("/api/v1/opportunities%2F1", "/api/v1/opportunities;jsessionid=x",
                "/api/v1/opp%0Dx", "/api/v1/a%5Cb", "/api/v1/a%00b", "/api/v1/%2e%2e/admin")) {
            Raw anonymous = raw("GET", target);
            assertThat(anonymous.status()).as(target + " " + anonymous.body()).isIn(400, 401);
            assertThat(anonymous.problem()).as(target + " " + anonymous.headers()).isTrue();
            assertThat(anonymous.body()).doesNotContain("Apache Tomcat").doesNotContain("<html");
            Raw signedIn = raw("GET", target, basic("rm1"), null);
            assertThat(signedIn.status()).as(target).isIn(400, 404);
            assertThat(signedIn.problem()).as(target + " " + signedIn.headers()).isTrue();
        }
    }

    /**
     * A NUL character (which no stored text can hold) is refused before any statement: in a search or filter, a page's
     * query, a JSON body, the sign-in's user name (form and Basic) and the session cookie (Base64 of any bytes). The
     * first four answered 400 only after PostgreSQL refused the statement (two WARN lines each); the last two were a
     * 500 with a stack trace.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aNulCharacterIsRefusedBeforeItReachesTheDatabase(CapturedOutput output) throws Exception {
        for (String path : List.of("/api/v1/customers?q=a%00b", "/api/v1/opportunities?customerNo=%00")) {
            var res = Http.basic(port, "rm1").get(path);
            assertThat(res.status()).as(path + " " + res.body()).isEqualTo(400);
            assertThat(res.json().get("errors").get(0).get("message").asString()).contains("空字符");
        }
        var filter = Http.basic(port, "rm1").get("/api/v1/opportunities?q=x&customerNo=%00");
        assertThat(filter.json().get("errors").get(0).get("field").asString()).isEqualTo("customerNo");
        assertThat(filter.json().get("errors")).hasSize(1);
        var page = Http.session(port, "rm1").get("/opportunities?q=a%00b");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("空字符").doesNotContain("at org.");
        var json = Http.basic(port, "rm1").postJson("/api/v1/customers", Map.of("customerNo", "NUL-1", "type",
                "RETAIL", "name", "a\0b", "branchCode", "BR001", "aum", "1", "birthDate", "1990-01-01"));
        assertThat(json.status()).as(json.body()).isEqualTo(400);
        assertThat(json.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(json.json().get("errors").get(0).get("message").asString()).contains("空字符");
        var english = Http.basic(port, "rm1").language("en").get("/api/v1/customers?q=%00");
        assertThat(english.json().get("errors").get(0).get("message").asString()).contains("NUL character");

        Raw api = raw("GET", "/api/v1/me", Map.of("Cookie", "SESSION=AA=="), null);
        assertThat(api.status()).as(api.body()).isEqualTo(401);
        assertThat(api.problem()).isTrue();
        Raw signIn = raw("GET", "/opportunities", Map.of("Cookie", "SESSION=AA=="), null);
        assertThat(signIn.status()).as(signIn.body()).isEqualTo(302);
        assertThat(signIn.headers().get("location")).endsWith("/login");
        failingSignIns(() -> {
            assertThat(Http.basic(port, "rm1\0x").get("/api/v1/me").status()).isEqualTo(401);
            var form = Http.anonymous(port).submit("/login", "/login", Map.of("username", "rm1\0x",
                    "password", Http.DEMO_PASSWORD));
            assertThat(form.status()).isEqualTo(302);
            assertThat(form.header("Location")).endsWith("/login?error");
        });
        // (the form's name is trimmed first, as Spring Security does, and a NUL at its end with it: "rm1\0" is rm1)
        // counted like any wrong password, under the name with U+FFFD for the NUL
        assertThat(jdbc.queryForObject("select failures from login_throttle where key = ?", Integer.class,
                "user:rm1\uFFFDx")).isEqualTo(2);
        jdbc.update("delete from login_throttle where key = ?", "user:rm1\uFFFDx");

        assertThat(output.getAll()).doesNotContain("22021").doesNotContain("invalid byte sequence")
                .doesNotContain("Incident").contains("Refused parameters holding a NUL character: GET /opportunities");
    }

    /**
     * What a second prober found answering 500 (issue 18, section 4): dates beyond four-digit years, a wildcard
     * {@code Content-Type}, {@code sort=,}, a spoiled language cookie, a sign-in name longer than any account's.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theSecondProbersFindingsAreBadRequestsNot500s(CapturedOutput output) throws Exception {
        Http admin = Http.basic(port, "admin");
        for (String query : List.of("/api/v1/dashboard/pipeline?from=%2B999999999-12-31",
                "/api/v1/dashboard/lost?to=%2B999999999-12-31", "/api/v1/dashboard/targets?from=%2B999999999-12-31",
                "/api/v1/coverage?asOf=-999999999-01-01", "/api/v1/coverage/due?asOf=%2B999999999-12-31",
                "/api/v1/league?to=%2B999999999-12-31", "/api/v1/scorecards/rm1?from=-999999999-01-01",
                "/api/v1/opportunities?closeFrom=%2B999999999-01-01")) {
            var res = admin.get(query);
            assertThat(res.status()).as(query + " " + res.body()).isEqualTo(400);
            assertThat(res.json().get("errors").get(0).get("field").asString()).as(query)
                    .isIn("from", "to", "asOf", "closeFrom");
            // the first and the last day of four-digit years are still dates
            String edge = query.replace("%2B999999999-12-31", "9999-12-31").replace("%2B999999999-01-01", "9999-01-01")
                    .replace("-999999999-01-01", "0001-01-01");
            assertThat(admin.get(edge).status()).as(edge).isLessThan(500);
        }
        // the dashboard page takes an unreadable period as this month, and says so
        var dashboard = Http.session(port, "head1").get("/dashboard?period=CUSTOM&from=%2B999999999-12-31");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("日期格式应为 年-月-日，已显示本月数据。");
        var run = admin.postJson("/api/v1/alerts/runs", Map.of("asOf", "+999999999-12-31"));
        assertThat(run.status()).as(run.body()).isEqualTo(400);
        assertThat(run.json().get("errors").get(0).get("field").asString()).isEqualTo("asOf");
        long opportunity = jdbc.queryForObject("""
                select o.id from opportunity o join staff_user u on u.id = o.owner_id
                where u.username = 'rm1' and o.status = 'OPEN' order by o.id limit 1""", Long.class);
        var followUp = Http.basic(port, "rm1").postJson("/api/v1/opportunities/" + opportunity + "/follow-ups",
                Map.of("type", "CALL", "summary", "探测", "occurredAt", "-999999999-01-01T00:00:00Z"));
        assertThat(followUp.status()).as(followUp.body()).isEqualTo(400);
        assertThat(followUp.json().get("errors").get(0).get("field").asString()).isEqualTo("occurredAt");

        var campaign = admin.postJson("/api/v1/campaigns/preview", Map.of("startsOn", "+10000-01-01"));
        assertThat(campaign.status()).as(campaign.body()).isEqualTo(400);
        assertThat(campaign.json().get("errors").get(0).get("field").asString()).isEqualTo("startsOn");

        for (String type : List.of("*/*", "application/*", "*")) {
            Map<String, String> h = new LinkedHashMap<>(basic("admin"));
            h.put("Content-Type", type);
            Raw res = raw("POST", "/api/v1/segments/count", h, "{\"criteria\":{}}".getBytes(StandardCharsets.UTF_8));
            assertThat(res.status()).as(type + " " + res.body()).isEqualTo(415);
            assertThat(res.problem()).isTrue();
        }

        for (String sort : List.of(",", ",,", "score,desc,")) {
            var api = Http.basic(port, "rm1").get("/api/v1/opportunities?sort=" + sort);
            assertThat(api.status()).as(sort).isEqualTo(400);
            assertThat(api.json().get("errors").get(0).get("field").asString()).isEqualTo("sort");
        }
        assertThat(Http.session(port, "rm1").get("/opportunities?sort=,").status()).isEqualTo(400);

        for (String cookie : List.of("a.b", "x-y!", "\"en\"", "..%2F..%2Fetc")) {
            Raw page = raw("GET", "/login", Map.of("Cookie", "crm-lang=" + cookie), null);
            assertThat(page.status()).as(cookie).isEqualTo(200);
            Map<String, String> h = new LinkedHashMap<>(basic("rm1"));
            h.put("Cookie", "crm-lang=" + cookie);
            assertThat(raw("GET", "/api/v1/me", h, null).status()).as(cookie).isEqualTo(200);
        }

        String longName = "a".repeat(51);
        failingSignIns(() -> {
            assertThat(Http.basic(port, longName).get("/api/v1/me").status()).isEqualTo(401);
            var form = Http.anonymous(port).submit("/login", "/login", Map.of("username", longName,
                    "password", Http.DEMO_PASSWORD));
            assertThat(form.header("Location")).endsWith("/login?error");
        });
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'LOGIN_FAILED' and actor = ?",
                Integer.class, "a".repeat(50))).isGreaterThanOrEqualTo(2);
        jdbc.update("delete from login_throttle where key = ?", "user:" + longName);

        assertThat(output.getAll()).doesNotContain("Incident").doesNotContain("SQLState");
    }

    /**
     * A JSON body is read up to 8 MB and a text in it up to 100,000 characters (application.properties): beyond, 413
     * saying the limits, one line in the log, nothing saved. Unbounded, two bodies with a text of 90 MB each ran a
     * 512 MB heap out of memory (500s, and any thread that allocated then failed too). Just under the limit is read.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aJsonBodyBeyondItsLimitsIsTooLargeAndNothingIsSaved(CapturedOutput output) throws Exception {
        long opportunity = jdbc.queryForObject("""
                select o.id from opportunity o join staff_user u on u.id = o.owner_id
                where u.username = 'rm1' and o.status = 'OPEN' order by o.id limit 1""", Long.class);
        String path = "/api/v1/opportunities/" + opportunity + "/follow-ups";
        Map<String, String> h = new LinkedHashMap<>(basic("rm1"));
        h.put("Content-Type", "application/json");
        h.put("Accept-Language", "en");
        long before = jdbc.queryForObject("select count(*) from follow_up where opportunity_id = ?", Long.class,
                opportunity);

        String longText = "{\"type\":\"CALL\",\"summary\":\"" + "长".repeat(100_001) + "\"}";
        Raw text = raw("POST", path, h, longText.getBytes(StandardCharsets.UTF_8));
        assertThat(text.status()).as(text.body()).isEqualTo(413);
        assertThat(text.problem()).isTrue();
        assertThat(text.body()).contains("up to 8 MB").contains("up to 100,000 characters");

        byte[] nineMegabytes = (" ".repeat(9 * 1024 * 1024) + "{\"type\":\"CALL\",\"summary\":\"探测\"}")
                .getBytes(StandardCharsets.UTF_8);
        Raw body = raw("POST", path, h, nineMegabytes);
        assertThat(body.status()).as(body.body()).isEqualTo(413);
        assertThat(body.problem()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from follow_up where opportunity_id = ?", Long.class,
                opportunity)).isEqualTo(before);

        byte[] underTheLimit = (" ".repeat(8 * 1024 * 1024 - 100) + "{\"type\":\"CALL\",\"summary\":\"探测\"}")
                .getBytes(StandardCharsets.UTF_8);
        Raw read = raw("POST", path, h, underTheLimit);
        assertThat(read.status()).as(read.body()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select count(*) from follow_up where opportunity_id = ?", Long.class,
                opportunity)).isEqualTo(before + 1);
        assertThat(output.getAll()).contains("Refused a JSON body beyond the reader's limits: POST " + path)
                .doesNotContain("Incident").doesNotContain("长长长");
    }

    /**
     * A number written with an exponent far beyond any figure of a bank ({@code 1e999999999}, {@code 1e-999999999})
     * is refused where it is read, 400 naming the field: it was a 500 when rounded to cents or handed to the driver,
     * and read as a double it became 0 and was saved as a rate.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aNumberWithAnExponentBeyondAnyFigureIsABadRequest(CapturedOutput output) throws Exception {
        Map<String, String> h = new LinkedHashMap<>(basic("admin"));
        h.put("Content-Type", "application/json");
        Raw rules = raw("PUT", "/api/v1/admin/approval-rules", h,
                "[{\"productCategory\":\"LOAN\",\"minAmount\":1e999999999}]".getBytes(StandardCharsets.UTF_8));
        assertThat(rules.status()).as(rules.body()).isEqualTo(400);
        assertThat(rules.body()).contains("minAmount");
        Map<String, String> head = new LinkedHashMap<>(basic("head1"));
        head.put("Content-Type", "application/json");
        for (String aum : List.of("1e-999999999", "1e999999999", "0e-999999999")) {
            Raw count = raw("POST", "/api/v1/segments/count", head,
                    ("{\"criteria\":{\"aumMin\":" + aum + "}}").getBytes(StandardCharsets.UTF_8));
            assertThat(count.status()).as(aum + " " + count.body()).isEqualTo(400);
        }
        String rates = jdbc.queryForList("select valid_from || ' ' || referral_reward from incentive_rate_version"
                + " order by 1", String.class).toString();
        Raw incentive = raw("PUT", "/api/v1/admin/incentive-rates", h,
                "{\"referralReward\":1e-999999999}".getBytes(StandardCharsets.UTF_8));
        assertThat(incentive.status()).as(incentive.body()).isEqualTo(400);
        assertThat(jdbc.queryForList("select valid_from || ' ' || referral_reward from incentive_rate_version"
                + " order by 1", String.class).toString()).isEqualTo(rates);
        var page = Http.session(port, "admin").submit("/admin/approval-rules", "/admin/approval-rules",
                Map.of("min_LOAN", "1e999999999"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from approval_rule where min_amount > 1e17", Integer.class))
                .isZero();
        assertThat(output.getAll()).doesNotContain("Incident");
    }

    /** A method the firewall does not allow is a 405, and its name (the client's text, of any length) is not logged. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anUnknownMethodIsNotAllowedAndNotLogged(CapturedOutput output) throws Exception {
        String method = "ZQXMARK110101199001011234" + "X".repeat(2_000);
        Raw api = raw(method, "/api/v1/me", basic("rm1"), null);
        assertThat(api.status()).isEqualTo(405);
        assertThat(api.problem()).isTrue();
        assertThat(api.headers().get("allow")).isEqualTo("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        assertThat(raw(method, "/api/v1/me").status()).as("a stranger learns nothing").isEqualTo(401);
        assertThat(raw("PROPFIND", "/opportunities").status()).isEqualTo(405);
        assertThat(output.getAll()).doesNotContain("ZQXMARK").doesNotContain("PROPFIND")
                .contains("Refused a request the firewall rejects: (another method)");
        Raw connect = raw("CONNECT", "/api/v1/me");
        assertThat(connect.status()).isEqualTo(501);
        assertThat(connect.body()).contains("服务器不支持该请求的方式或传输编码").doesNotContain("系统错误");
    }

    @Test
    void registeringANumberOutOfScopeDoesNotSayItExistsAndIsAudited() {
        String mine = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' order by 1 limit 1""", String.class);
        String other = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username <> 'rm1' order by 1 limit 1""", String.class);
        assertThat(customerNoError(mine)).isEqualTo("客户号 " + mine + " 已存在。");
        long audited = jdbc.queryForObject("select count(*) from audit_log where action = 'CUSTOMER_NO_REFUSED'"
                + " and actor = 'rm1' and entity_id = ?", Long.class, other);
        String refusal = customerNoError(other);
        assertThat(refusal).doesNotContain("已存在").contains("不能在此登记");
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'CUSTOMER_NO_REFUSED'"
                + " and actor = 'rm1' and entity_id = ?", Long.class, other)).isEqualTo(audited + 1);
    }

    private String customerNoError(String customerNo) {
        var res = Http.basic(port, "rm1").postJson("/api/v1/customers", Map.of("customerNo", customerNo,
                "type", "RETAIL", "name", "探测", "branchCode", "BR001", "aum", "1", "birthDate", "1990-01-01"));
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        return res.json().get("errors").valueStream().filter(e -> "customerNo".equals(e.get("field").asString()))
                .map(e -> e.get("message").asString()).findFirst().orElseThrow();
    }

    @Test
    void anAnonymousApiRequestLeavesNoSessionBehind() throws Exception {
        long before = sessions();
        for (int i = 0; i < 5; i++) {
            Raw res = raw("GET", "/api/v1/opportunities");
            assertThat(res.status()).isEqualTo(401);
            assertThat(res.headers()).doesNotContainKey("set-cookie");
            Raw post = raw("POST", "/api/v1/opportunities", Map.of("Content-Type", "application/json"),
                    "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(post.status()).isIn(401, 403);
            assertThat(post.headers()).doesNotContainKey("set-cookie");
        }
        assertThat(sessions()).isLessThanOrEqualTo(before);
    }
}
