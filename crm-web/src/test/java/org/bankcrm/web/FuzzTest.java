package org.bankcrm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.bankcrm.web.AuthorizationMatrixTest.Row;
import org.bankcrm.web.AuthorizationMatrixTest.Who;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.SessionClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Drives every mapped endpoint, pages and API, with generated input as a principal who may use it: path values,
 * query parameters, form fields and JSON bodies built from the contract's field names with hostile values (huge,
 * negative, fractional, malformed dates, unknown codes, wrong types, nested structures, control characters, markup,
 * SQL). No answer may be a 5xx, a rejected request (4xx) must leave the business tables as they were, and so must
 * every GET (nothing changes state on GET).
 *
 * <p>The default build sends {@code fuzz.inputs} = 15 inputs per endpoint (seed {@code fuzz.seed}); the issue's
 * campaign is {@code -Dfuzz.inputs=1000} (docs/security.md). Endpoints that act without input (disable, unlock, run
 * discovery, mark a visit done) are driven through their path values only, at ids that do not exist.
 */
@CrmWebTest
class FuzzTest {

    private static final int INPUTS = Integer.getInteger("fuzz.inputs", 15);
    private static final long SEED = Long.getLong("fuzz.seed", 20261123L);

    private static final List<String> FIELDS = List.of("amount", "version", "customerNo", "productCode", "title",
            "expectedCloseDate", "riskLevel", "competition", "needStrength", "toStage", "wonAmount", "lostReason",
            "comment", "ownerRm", "type", "occurredAt", "summary", "outcome", "nextAction", "nextActionDate", "channel",
            "need", "suggestedRm", "reason", "field", "weights", "bandThresholds", "asOf", "rules", "username",
            "displayName", "role", "branchCode", "password", "name", "aum", "birthDate", "code", "parentCode", "idNo",
            "phone", "employerNo", "industry", "companySize", "annualContribution", "lastTxnOn", "q", "page", "size",
            "status", "stage", "owner", "branch", "from", "to", "sort", "measure", "period", "kind", "source", "band",
            "plannedOn", "purpose", "opportunityId", "floor", "ceiling", "revenueRate", "enabled", "nameZh", "nameEn",
            "probability.IDENTIFIED", "threshold.GOLD", "p.window-days", "days", "served", "day", "periodType",
            "periodStart", "rm", "category", "targetAmount", "targetCount", "requestKey", "historySeen", "lang",
            "month", "user", "rates", "referralReward", "rate.WEALTH", "rate.LOAN",
            "decision", "productCategory", "minAmount",
            // complaints and satisfaction (D46), teams (D44)
            "text", "receivedOn", "resolution", "satisfaction", "overdue", "creditShare", "member",
            // targets by measure and annual plans (D48)
            "year", "annual", "quarters[0]", "quarters[3]", "lines[0].rm", "lines[0].quarters[1]",
            // the same lists bare, so that a name's suffix can index them ("quarters[x]")
            "quarters", "lines", "lines[0].quarters",
            // the branch league table (D53)
            "parent");

    private static final List<String> HOSTILE = List.of("", " ", "0", "-1", "-0.01", "1e309", "NaN", "99999999999999999999",
            "0.001", "2026-02-30", "2026-13-01", "9999-12-31", "0000-00-00", "2026-1-1", "yesterday", "RM", "ADMIN",
            "WON", "LOST", "IDENTIFIED", "A", "RETAIL", "CORPORATE", "FX", "NOPE", "rm1", "admin", "BR001", "HQ",
            "<script>alert(1)</script>", "'; drop table customer; --", "\" or 1=1 --", "../../etc/passwd", "%00",
            "\u0000", "\u202e\u0631", "𠀀𠀁", "中文客户", "a".repeat(5000), "{}", "[]", "null", "true", "1,000.00",
            "12.5.0", "  100.00  ", "\r\n", "${7*7}", "#{7*7}", "*{7*7}", "__${T(java.lang.Runtime)}__::.x",
            // dates java.time reads beyond four-digit years, a sort of empty parts (second prober, D83)
            "+999999999-12-31", "-999999999-01-01", "-999999999-01-01T00:00:00Z", "9999-12-31", ",");

    /**
     * Parameter names a form object cannot follow, put after a known field's name: a property of a value that has none,
     * an index into what is no list, a broken path, the class loader's path. Spring's binder throws on some of them
     * ({@code status.x} once answered 500, D80); each must be a 400 or ignored.
     */
    private static final List<String> NAME_SUFFIXES = List.of(".x", "[0]", "[x]", "[-1]", "[99999999999]", ".class",
            ".class.module.classLoader", "[", "]", "..x", "[0].x", "[0][1]", "['k']", ".", "%", "\u0000");

    /**
     * Values sent as they are, already escaped, whose bytes are no UTF-8: a lone continuation, a truncated sequence, an
     * overlong slash, a surrogate, bytes no UTF-8 has. Tomcat throws when it decodes them (D81); each must be a 400.
     * (Escapes that are broken, {@code %ZZ}, cannot pass {@link java.net.URI}; {@code HostileRequestTest} sends those.)
     */
    private static final List<String> UNDECODABLE = List.of("%C3%28", "%80", "%E4%B8", "%C0%AF", "%ED%A0%80",
            "%FF%FE", "%F8%88%80%80%80", "ok%C3");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Random random = new Random(SEED);

    private String hostile() {
        return HOSTILE.get(random.nextInt(HOSTILE.size()));
    }

    private String jsonValue(int depth) {
        return switch (random.nextInt(depth > 2 ? 6 : 9)) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(200) - 50);
            case 2 -> String.valueOf(random.nextDouble() * 1e6 * (random.nextBoolean() ? 1 : -1));
            case 3 -> String.valueOf(random.nextBoolean());
            case 4, 5 -> quote(hostile());
            case 6 -> "[" + jsonValue(depth + 1) + "," + jsonValue(depth + 1) + "]";
            default -> jsonObject(depth + 1);
        };
    }

    private String jsonObject(int depth) {
        StringBuilder b = new StringBuilder("{");
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            String field = random.nextInt(8) == 0 ? hostile() : FIELDS.get(random.nextInt(FIELDS.size()));
            b.append(quote(field)).append(':').append(jsonValue(depth));
        }
        return b.append('}').toString();
    }

    /** A field's name, one time in four followed by a path the form object cannot follow. */
    private String name() {
        String field = FIELDS.get(random.nextInt(FIELDS.size()));
        return random.nextInt(4) == 0 ? field + NAME_SUFFIXES.get(random.nextInt(NAME_SUFFIXES.size())) : field;
    }

    /** A hostile value escaped, one time in eight one whose bytes are no UTF-8. */
    private String encodedValue() {
        return random.nextInt(8) == 0 ? UNDECODABLE.get(random.nextInt(UNDECODABLE.size())) : enc(hostile());
    }

    private String body(boolean api) {
        if (api) {
            return switch (random.nextInt(10)) {
                case 0 -> hostile();                                   // not JSON at all
                case 1 -> "[" + jsonObject(1) + "]";
                default -> jsonObject(0);
            };
        }
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(7);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : "&").append(enc(name())).append('=')
                    .append(encodedValue());
        }
        return b.toString();
    }

    /** The body's type as a client sends it; one time in twelve a pattern (a 500 once, D83). */
    private String contentType(boolean api) {
        if (random.nextInt(12) == 0) {
            return List.of("*/*", "application/*", "*").get(random.nextInt(3));
        }
        return api ? "application/json" : "application/x-www-form-urlencoded";
    }

    private String query() {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "?" : "&").append(enc(name())).append('=').append(encodedValue());
        }
        return b.toString();
    }

    /** The path with each template variable replaced by a real id now and then, else by a hostile value. */
    private String path(String pattern, Map<String, String> ids, boolean onlyMissing) {
        String real = AuthorizationMatrixTest.fill(pattern, ids);
        if (!pattern.contains("{")) {
            return real;
        }
        if (!onlyMissing && random.nextInt(3) == 0) {
            return real;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : pattern.split("/", -1)) {
            if (segment.contains("{")) {
                String v = onlyMissing ? "999999" + random.nextInt(1000) : hostile();
                String value = !onlyMissing && random.nextInt(8) == 0
                        ? UNDECODABLE.get(random.nextInt(UNDECODABLE.size())) : enc(v.isEmpty() ? "x" : v);
                segments.add(segment.replaceAll("\\{[^}]+}", value));
            } else {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    /**
     * Waits until no discovery or import run is queued or running. The fuzz itself may start one (a body that
     * {@code POST /api/v1/discovery/runs} accepts), and such a run writes opportunities on its own thread after the
     * 202: counted against whichever request came next, its rows would read as a GET or a rejected request storing
     * something. On a fast machine the run is done before the next request; on a slow one it is not.
     */
    private void awaitBackgroundRuns() {
        await("background runs finish within two minutes").atMost(Duration.ofMinutes(2))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.queryForObject("""
                        select (select count(*) from discovery_run where status in ('QUEUED', 'RUNNING'))
                             + (select count(*) from import_run where status in ('QUEUED', 'RUNNING'))""",
                        Long.class) == 0);
    }

    private long businessRows() {
        return jdbc.queryForObject("""
                select (select count(*) from customer) + (select count(*) from opportunity) + (select count(*) from follow_up)
                     + (select count(*) from referral) + (select count(*) from visit_plan) + (select count(*) from branch)
                     + (select count(*) from staff_user) + (select count(*) from target) + (select count(*) from channel_served)
                     + (select count(*) from lost_reason) + (select count(*) from scoring_model)
                     + (select count(*) from holding) + (select count(*) from opportunity_history)
                     + (select count(*) from approval) + (select count(*) from approval_rule)
                     + (select count(*) from approval where status <> 'PENDING')
                     + (select count(*) from complaint)
                     + (select count(*) from opportunity_member) + (select count(*) from opportunity_comment)""",
                Long.class);
    }

    @Test
    void everyEndpointSurvivesGeneratedInputAndRejectedInputStoresNothing() throws Exception {
        // Generated input that happens to be valid changes shared settings (a cool-down of "  100.00  " days): the
        // settings are put back afterwards, so that no later test depends on what the fuzz drew (D27).
        List<Map<String, Object>> settings = jdbc.queryForList("select key, value from app_setting");
        List<Map<String, Object>> params = jdbc.queryForList(
                "select rule_code, name, value from discovery_rule_param");
        List<Map<String, Object>> rules = jdbc.queryForList("select code, enabled from discovery_rule");
        List<Map<String, Object>> rateVersions = jdbc.queryForList(
                "select valid_from, referral_reward, updated_by, version from incentive_rate_version");
        List<Map<String, Object>> rates = jdbc.queryForList("select valid_from, category, rate from incentive_rate");
        List<Map<String, Object>> approvalRules = jdbc.queryForList(
                "select product_category, min_amount from approval_rule");
        try {
            fuzz();
        } finally {
            jdbc.update("delete from incentive_rate_version");
            rateVersions.forEach(r -> jdbc.update("insert into incentive_rate_version (valid_from, referral_reward,"
                    + " updated_by, version) values (?, ?, ?, ?)", r.get("valid_from"), r.get("referral_reward"),
                    r.get("updated_by"), r.get("version")));
            rates.forEach(r -> jdbc.update("insert into incentive_rate (valid_from, category, rate) values (?, ?, ?)",
                    r.get("valid_from"), r.get("category"), r.get("rate")));
            jdbc.update("delete from approval_rule");
            approvalRules.forEach(r -> jdbc.update("insert into approval_rule (product_category, min_amount)"
                    + " values (?, ?)", r.get("product_category"), r.get("min_amount")));
            settings.forEach(r -> jdbc.update("update app_setting set value = ? where key = ? and value <> ?",
                    r.get("value"), r.get("key"), r.get("value")));
            params.forEach(r -> jdbc.update("update discovery_rule_param set value = ?"
                    + " where rule_code = ? and name = ? and value <> ?", r.get("value"), r.get("rule_code"),
                    r.get("name"), r.get("value")));
            rules.forEach(r -> jdbc.update("update discovery_rule set enabled = ? where code = ? and enabled <> ?",
                    r.get("enabled"), r.get("code"), r.get("enabled")));
        }
    }

    private void fuzz() throws Exception {
        Set<String> endpoints = AuthorizationMatrixTest.mapped(mappings);
        Map<String, String> ids = AuthorizationMatrixTest.records(port, jdbc);
        Map<Who, SessionClient> clients = new java.util.EnumMap<>(Who.class);
        int requests = 0;
        int rejected = 0;
        List<String> failures = new ArrayList<>();
        for (String endpoint : endpoints) {
            Row row = AuthorizationMatrixTest.MATRIX.get(endpoint);
            assertThat(row).as(endpoint + " has a row in the authorization matrix").isNotNull();
            Who who = row.allowed().stream().filter(w -> w != Who.ANONYMOUS).findFirst().orElse(Who.ANONYMOUS);
            SessionClient client = clients.get(who);
            if (client == null) {
                client = new SessionClient(port, AuthorizationMatrixTest.USERNAMES.get(who));
                clients.put(who, client);
            }
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
            boolean api = pattern.startsWith("/api/");
            boolean acting = !row.probeAllowed();
            if (acting && !pattern.contains("{")) {
                continue;   // acts on whatever it is sent (runs discovery): nothing to vary safely
            }
            for (int i = 0; i < INPUTS; i++) {
                String base = path(pattern, ids, acting);
                String q = method.equals("GET") ? query() : "";
                // a path that carries a query already (a statement of rm1's) gets the generated one appended
                String path = base.contains("?") && q.startsWith("?") ? base + "&" + q.substring(1) : base + q;
                boolean hasBody = !method.equals("GET");
                awaitBackgroundRuns();
                long before = businessRows();
                HttpResponse<String> res = client.send(method, path, hasBody ? contentType(api) : null,
                        hasBody ? body(api) : null);
                requests++;
                int status = res.statusCode();
                if (status >= 500) {
                    failures.add(endpoint + " → " + status + " for " + abbreviate(path));
                } else if (!hasBody) {
                    if (businessRows() != before) {
                        failures.add(endpoint + " changed business data on a GET");
                    }
                } else if (status >= 400) {
                    rejected++;
                    if (businessRows() != before) {
                        failures.add(endpoint + " stored something from a rejected request (" + status + ")");
                    }
                }
            }
        }
        System.out.printf("FUZZ endpoints=%d inputs/endpoint=%d requests=%d rejected writes=%d 5xx or stored=%d%n",
                endpoints.size(), INPUTS, requests, rejected, failures.size());
        assertThat(failures).isEmpty();
    }

    /**
     * A session cookie is Base64 that Spring Session decodes to an id and looks up: a client can make that id any
     * bytes (a NUL once answered 500 on every request). Each hostile value and random bytes as the cookie, on a page
     * and on the API: never a 5xx, and the request is anonymous (a sign-in page, a 401).
     */
    @Test
    void anySessionCookieIsAnsweredAsAnonymous() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> cookies = new ArrayList<>();
        for (String value : HOSTILE) {
            cookies.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < INPUTS; i++) {
            byte[] bytes = new byte[random.nextInt(48) + 1];
            random.nextBytes(bytes);
            cookies.add(Base64.getEncoder().encodeToString(bytes));
        }
        cookies.add("%%%");
        cookies.add(UUID.randomUUID().toString());
        List<String> failures = new ArrayList<>();
        for (String cookie : cookies) {
            for (String path : List.of("/api/v1/me", "/opportunities")) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Cookie", "SESSION=" + cookie).build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != (path.startsWith("/api/") ? 401 : 302)) {
                    failures.add(path + " → " + status + " for SESSION=" + abbreviate(cookie));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
