package org.bankcrm.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI contract (issue 18 §4, D50): every operation {@code /v3/api-docs} describes is called for real, with a
 * valid request as a user who may make it and with a refused or invalid one, and each request and answer (status,
 * content type, headers, body) is checked against the description by the swagger-request-validator. An operation in
 * the description without a call here fails the test, so a new endpoint needs a contract case.
 */
@CrmWebTest
class OpenApiContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private OpenApiInteractionValidator validator;
    private final Set<String> exercised = new TreeSet<>();
    private final List<String> failures = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One answer, read. */
    record Answer(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    @Test
    void everyOperationAnswersAsDescribed() {
        String spec = Http.anonymous(port).get("/v3/api-docs").body();
        validator = validatorFor(spec);
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), spec);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Set<String> described = operations(spec);

        Map<String, String> ids = AuthorizationMatrixTest.records(port, jdbc);
        String customer = ids.get("{customerNo}");
        String opportunity = ids.get("{id}/opportunity");
        String product = jdbc.queryForObject("select code from product where enabled order by code limit 1",
                String.class);
        String tag = Long.toString(System.nanoTime(), 36);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String month = YearMonth.from(today).toString();

        // who am I, lists and reads
        ok("rm1", "GET", "/api/v1/me", null);
        call("anonymous", "GET", "/api/v1/me", null, 401);
        ok("rm1", "GET", "/api/v1/customers?page=0&size=5", null);
        call("rm1", "GET", "/api/v1/customers?size=501", null, 400);
        ok("rm1", "GET", "/api/v1/customers/" + customer, null);
        call("rm3", "GET", "/api/v1/customers/" + customer, null, 404);
        ok("rm1", "GET", "/api/v1/customers/" + customer + "/follow-ups", null);
        ok("head1", "GET", "/api/v1/customers/unowned?page=0&size=5", null);
        ok("rm1", "GET", "/api/v1/opportunities?status=OPEN&page=0&size=5", null);
        call("rm1", "GET", "/api/v1/opportunities?sort=nonsense", null, 400);
        ok("rm1", "GET", "/api/v1/opportunities/" + opportunity, null);
        ok("rm1", "GET", "/api/v1/opportunities/" + opportunity + "/follow-ups", null);
        ok("rm1", "GET", "/api/v1/opportunities/" + opportunity + "/history", null);
        ok("rm1", "GET", "/api/v1/opportunities/" + opportunity + "/team", null);
        ok("rm1", "GET", "/api/v1/opportunities/" + opportunity + "/comments", null);
        call("teller1", "GET", "/api/v1/opportunities", null, 403);
        ok("rm1", "GET", "/api/v1/referrals?page=0&size=5", null);
        ok("rm1", "GET", "/api/v1/service-standards", null);
        ok("rm1", "GET", "/api/v1/service-standards/GOLD", null);
        ok("head1", "GET", "/api/v1/dashboard/pipeline", null);
        ok("head1", "GET", "/api/v1/dashboard/lost", null);
        ok("head1", "GET", "/api/v1/dashboard/satisfaction", null);
        ok("head1", "GET", "/api/v1/dashboard/targets", null);
        ok("head1", "GET", "/api/v1/scorecards/rm1", null);
        ok("admin", "GET", "/api/v1/league", null);
        ok("head1", "GET", "/api/v1/coverage", null);
        ok("head1", "GET", "/api/v1/coverage/by-rm", null);
        ok("head1", "GET", "/api/v1/coverage/due?page=0&size=5", null);
        ok("head1", "GET", "/api/v1/coverage/uncovered?page=0&size=5", null);
        ok("head1", "GET", "/api/v1/tiers/migration", null);
        ok("head1", "GET", "/api/v1/tiers/migration/customers?page=0&size=5", null);
        ok("head1", "GET", "/api/v1/tiers/structure", null);
        call("rm1", "GET", "/api/v1/tiers/structure", null, 403);
        ok("head1", "GET", "/api/v1/segments", null);
        ok("head1", "GET", "/api/v1/segments/" + ids.get("{id}/segment"), null);
        ok("head1", "GET", "/api/v1/segments/" + ids.get("{id}/segment") + "/customers?page=0&size=5", null);
        ok("head1", "GET", "/api/v1/campaigns", null);
        ok("head1", "GET", "/api/v1/campaigns/" + ids.get("{id}/campaign"), null);
        ok("head1", "GET", "/api/v1/campaigns/" + ids.get("{id}/campaign") + "/funnel", null);
        ok("head1", "GET", "/api/v1/campaigns/" + ids.get("{id}/campaign") + "/targets?page=0&size=5", null);
        ok("rm1", "GET", "/api/v1/notifications?page=0&size=5", null);
        ok("rm1", "GET", "/api/v1/notifications/unread-count", null);
        ok("head1", "GET", "/api/v1/alerts?page=0&size=5", null);
        ok("admin", "GET", "/api/v1/alerts/runs/" + ids.get("{id}/alertRun"), null);
        ok("admin", "GET", "/api/v1/admin/alert-settings", null);
        ok("rm1", "GET", "/api/v1/incentives?month=" + month, null);
        ok("admin", "GET", "/api/v1/admin/incentive-rates", null);
        ok("head1", "GET", "/api/v1/complaints?page=0&size=5", null);
        ok("head1", "GET", "/api/v1/complaints/" + ids.get("{id}/complaint"), null);
        ok("risk1", "GET", "/api/v1/approvals", null);
        ok("admin", "GET", "/api/v1/admin/approval-rules", null);
        ok("admin", "GET", "/api/v1/admin/branches", null);
        ok("admin", "GET", "/api/v1/admin/users", null);
        call("rm1", "GET", "/api/v1/admin/users", null, 403);
        ok("admin", "GET", "/api/v1/scoring/model", null);
        ok("admin", "GET", "/api/v1/scoring/model/progress", null);
        ok("admin", "GET", "/api/v1/imports/" + ids.get("{id}/import"), null);
        ok("admin", "GET", "/api/v1/discovery/runs/" + ids.get("{id}/discovery"), null);
        ok("head1", "GET", "/api/v1/handovers/book?rm=rm2", null);

        // customers: create, reveal, follow-ups, assignment
        String newCustomer = "OA" + tag.toUpperCase();
        ok("rm1", "POST", "/api/v1/customers", Map.of("customerNo", newCustomer, "type", "RETAIL", "name",
                "契约" + tag, "branchCode", "BR001", "phone", "13812348000", "aum", 1000, "idNo", "110105199001010021",
                "birthDate", "1990-01-01"));
        call("rm1", "POST", "/api/v1/customers", Map.of("customerNo", newCustomer, "type", "RETAIL", "name", "重复",
                "branchCode", "BR001", "aum", 1, "birthDate", "1990-01-01"), 400);
        ok("rm1", "POST", "/api/v1/customers/" + newCustomer + "/reveal", Map.of("field", "PHONE", "reason",
                "契约测试核对"));
        ok("rm1", "POST", "/api/v1/customers/" + newCustomer + "/follow-ups", Map.of("type", "CALL", "occurredAt",
                Instant.now().minusSeconds(60).toString(), "summary", "契约测试"));
        String unowned = "OB" + tag.toUpperCase();
        ok("head1", "POST", "/api/v1/customers", Map.of("customerNo", unowned, "type", "RETAIL", "name",
                "契约无主" + tag, "branchCode", "BR001", "aum", 1000, "birthDate", "1990-01-01"));
        ok("head1", "POST", "/api/v1/customers/assignments", Map.of("customerNos", List.of(unowned), "ownerRm",
                "rm1"));

        // an opportunity's life
        Answer created = ok("rm1", "POST", "/api/v1/opportunities", Map.of("customerNo", newCustomer, "productCode",
                product, "amount", 250000, "expectedCloseDate", today.plusDays(30).toString()));
        String id = created.json().get("id").asString();
        call("rm1", "POST", "/api/v1/opportunities", Map.of("customerNo", newCustomer, "productCode", product,
                "amount", -1, "expectedCloseDate", today.plusDays(30).toString()), 400);
        Answer patched = ok("rm1", "PATCH", "/api/v1/opportunities/" + id, Map.of("version",
                created.json().get("version").asInt(), "title", "契约 " + tag));
        call("rm1", "PATCH", "/api/v1/opportunities/" + id, Map.of("version", 0, "title", "旧"), 409);
        Answer moved = ok("rm1", "POST", "/api/v1/opportunities/" + id + "/transitions", Map.of("toStage",
                "CONTACTED", "version", patched.json().get("version").asInt()));
        ok("rm1", "POST", "/api/v1/opportunities/" + id + "/follow-ups", Map.of("type", "CALL", "occurredAt",
                Instant.now().minusSeconds(60).toString(), "summary", "契约测试", "nextAction", "回电 13812348000",
                "nextActionDate", today.plusDays(2).toString()));
        ok("rm1", "POST", "/api/v1/opportunities/" + id + "/team", Map.of("username", "rm2", "role", "SUPPORT"));
        ok("rm1", "DELETE", "/api/v1/opportunities/" + id + "/team/rm2", null);
        ok("rm1", "POST", "/api/v1/opportunities/" + id + "/comments", Map.of("text", "契约 @rm2"));
        call("rm1", "POST", "/api/v1/opportunities/" + id + "/approvals", Map.of("comment", "契约"), 201, 400, 409);
        ok("head1", "POST", "/api/v1/opportunities/" + id + "/owner", Map.of("ownerRm", "rm2", "version",
                moved.json().get("version").asInt()));
        call("rm1", "POST", "/api/v1/opportunities/" + id + "/owner", Map.of("ownerRm", "rm1", "version", 1), 403,
                404);

        // referrals
        Answer referral = ok("teller1", "POST", "/api/v1/referrals", Map.of("customerNo", customer, "channel",
                "LOBBY", "need", "契约 " + tag));
        String rid = referral.json().get("id").asString();
        ok("rm1", "POST", "/api/v1/referrals/" + rid + "/reject", Map.of("reason", "契约测试拒绝"));
        call("rm1", "POST", "/api/v1/referrals/" + rid + "/reject", Map.of("reason", "再拒一次"), 409);
        call("head1", "POST", "/api/v1/referrals/" + ids.get("{id}/referral") + "/route", Map.of("ownerRm", "rm2"),
                200, 409);
        call("rm1", "POST", "/api/v1/referrals/" + ids.get("{id}/referral") + "/accept", Map.of("amount", 1000,
                "expectedCloseDate", today.plusDays(10).toString(), "productCode", product), 200, 201, 404, 409);

        // complaints
        Answer complaint = ok("rm1", "POST", "/api/v1/complaints", Map.of("customerNo", customer, "category",
                "SERVICE", "text", "契约投诉 " + tag));
        ok("rm1", "POST", "/api/v1/complaints/" + complaint.json().get("id").asString() + "/resolve",
                Map.of("resolution", "已处理"));

        // segments and campaigns
        Map<String, Object> criteria = Map.of("tiers", List.of("GOLD"));
        ok("head1", "POST", "/api/v1/segments/count", Map.of("criteria", criteria));
        Answer segment = ok("head1", "POST", "/api/v1/segments", Map.of("name", "契约分群 " + tag, "criteria",
                criteria));
        String sid = segment.json().get("id").asString();
        ok("admin", "POST", "/api/v1/segments/" + sid + "/count", Map.of("criteria", criteria));
        ok("head1", "PUT", "/api/v1/segments/" + sid, Map.of("name", "契约分群改 " + tag, "criteria", criteria,
                "version", segment.json().get("version").asInt()));
        ok("head1", "DELETE", "/api/v1/segments/" + sid, null);
        call("head1", "DELETE", "/api/v1/segments/" + sid, null, 404);
        Map<String, Object> campaign = Map.of("name", "契约活动 " + tag, "productCode", product, "customerNos",
                List.of(customer), "startsOn", today.toString(), "endsOn", today.plusDays(30).toString(), "cost", 0);
        ok("head1", "POST", "/api/v1/campaigns/preview", campaign);
        Answer draft = ok("head1", "POST", "/api/v1/campaigns", campaign);
        String cid = draft.json().get("id").asString();
        Map<String, Object> changed = new LinkedHashMap<>(campaign);
        changed.put("name", "契约活动改 " + tag);
        changed.put("version", draft.json().get("version").asInt());
        ok("head1", "PUT", "/api/v1/campaigns/" + cid, changed);
        String gone = ok("head1", "POST", "/api/v1/campaigns", campaign).json().get("id").asString();
        ok("head1", "DELETE", "/api/v1/campaigns/" + gone, null);
        call("head1", "DELETE", "/api/v1/campaigns/" + gone, null, 404);
        call("head1", "POST", "/api/v1/campaigns/" + cid + "/launch", null, 200, 202);
        call("head1", "POST", "/api/v1/campaigns/" + ids.get("{id}/campaign") + "/targets/" + customer + "/assign",
                Map.of("ownerRm", "rm1"), 200, 400, 409);
        call("rm1", "POST", "/api/v1/campaigns/" + ids.get("{id}/campaign") + "/targets/" + customer,
                Map.of("outcome", "CONTACTED", "note", "契约"), 200, 400, 409);
        call("head1", "POST", "/api/v1/campaigns/" + cid + "/end", null, 200, 409);

        // notifications, alerts
        ok("rm1", "POST", "/api/v1/notifications/" + ids.get("{id}/notification") + "/read", null);
        call("rm2", "POST", "/api/v1/notifications/" + ids.get("{id}/notification") + "/read", null, 404);
        ok("rm1", "POST", "/api/v1/notifications/read-all", null);
        call("admin", "POST", "/api/v1/alerts/runs", Map.of("asOf", today.toString()), 200, 201, 202);
        // 409 where no mail server is configured (as here), else 202
        call("admin", "POST", "/api/v1/admin/digests", null, 202, 409);
        JsonNode setting = call("admin", "GET", "/api/v1/admin/alert-settings", null, 200).json().get(0);
        call("admin", "PUT", "/api/v1/admin/alert-settings/" + setting.get("code").asString(),
                Map.of("enabled", setting.get("enabled").asBoolean(), "escalateAfterDays",
                        setting.get("escalateAfterDays").asInt(), "version", setting.get("version").asInt()),
                200, 400);

        // service standards, incentives, approvals rules: write back what is there
        JsonNode standard = call("rm1", "GET", "/api/v1/service-standards/GOLD", null, 200).json();
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("contactDays", standard.get("contactDays"));
        change.put("contactTypes", standard.get("contactTypes"));
        change.put("version", standard.get("version"));
        ok("admin", "PUT", "/api/v1/service-standards/GOLD", change);
        JsonNode rates = call("admin", "GET", "/api/v1/admin/incentive-rates", null, 200).json();
        ok("admin", "PUT", "/api/v1/admin/incentive-rates", Map.of("rates", rates.get("rates"), "referralReward",
                rates.get("referralReward"), "version", rates.get("version")));
        JsonNode rules = call("admin", "GET", "/api/v1/admin/approval-rules", null, 200).json();
        ok("admin", "PUT", "/api/v1/admin/approval-rules", rules);
        call("head1", "POST", "/api/v1/approvals/" + ids.get("{id}/approval") + "/decision",
                Map.of("decision", "APPROVED"), 403);
        call("risk1", "POST", "/api/v1/approvals/" + ids.get("{id}/approval") + "/decision",
                Map.of("decision", "NONSENSE"), 400);

        // handovers
        ok("head1", "POST", "/api/v1/handovers/preview", Map.of("fromRm", "rm2", "toRms", List.of("rm1")));
        call("head1", "POST", "/api/v1/handovers", Map.of("fromRm", "rm2", "toRms", List.of()), 400);

        // administration
        ok("admin", "POST", "/api/v1/admin/branches", Map.of("code", "OA" + tag, "name", "契约支行", "parentCode",
                "BR001"));
        String username = "oa_" + tag;
        Answer user = ok("admin", "POST", "/api/v1/admin/users", Map.of("username", username, "displayName", "契约",
                "role", "RM", "branchCode", "BR001", "password", "Contract-Test#2026"));
        int version = user.json().get("version").asInt();
        version = ok("admin", "POST", "/api/v1/admin/users/" + username + "/password",
                Map.of("password", "Contract-Test#2027", "version", version)).json().get("version").asInt();
        version = ok("admin", "POST", "/api/v1/admin/users/" + username + "/assignment",
                Map.of("role", "RM", "branchCode", "BR002", "version", version)).json().get("version").asInt();
        version = ok("admin", "POST", "/api/v1/admin/users/" + username + "/disable", Map.of("version", version))
                .json().get("version").asInt();
        version = ok("admin", "POST", "/api/v1/admin/users/" + username + "/enable", Map.of("version", version))
                .json().get("version").asInt();
        ok("admin", "POST", "/api/v1/admin/users/" + username + "/disable", Map.of("version", version));
        ok("admin", "POST", "/api/v1/admin/users/" + username + "/unlock", null);
        call("admin", "POST", "/api/v1/admin/users/nobody_" + tag + "/unlock", null, 204, 404);
        JsonNode model = call("admin", "GET", "/api/v1/scoring/model", null, 200).json();
        Map<String, Object> proposal = new LinkedHashMap<>();
        proposal.put("weights", model.get("weights"));
        proposal.put("bandThresholds", model.get("bandThresholds"));
        ok("admin", "POST", "/api/v1/scoring/model/preview", proposal);
        call("admin", "PUT", "/api/v1/scoring/model", Map.of("weights", Map.of()), 400);
        call("admin", "POST", "/api/v1/discovery/runs?dryRun=true", Map.of("asOf", today.toString()), 200, 202);
        callMultipart("admin", "/api/v1/imports/not-a-feed", "x\n", 400, 404);
        callMultipart("admin", "/api/v1/imports/customers", "customer_no\n", 202, 400);

        assertThat(failures).as("answers that differ from the description").isEmpty();
        Set<String> missing = new TreeSet<>(described);
        missing.removeAll(exercised);
        assertThat(missing).as("described operations without a contract case").isEmpty();
    }

    private Answer ok(String who, String method, String path, Object body) {
        return call(who, method, path, body, 200, 201, 202, 204);
    }

    /** Sends the request as {@code who} (demo password), checks it and its answer against the description. */
    private Answer call(String who, String method, String pathAndQuery, Object body, int... expected) {
        String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json, application/problem+json");
        if (!"anonymous".equals(who)) {
            r.header("Authorization", basic(who));
        }
        if (json != null) {
            r.header("Content-Type", "application/json");
        }
        r.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return check(who, method, pathAndQuery, json, "application/json", send(r), expected);
    }

    private Answer callMultipart(String who, String path, String csv, int... expected) {
        String boundary = "----contract-" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", basic(who))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return check(who, "POST", path, null, "multipart/form-data; boundary=" + boundary, send(r), expected);
    }

    private Answer check(String who, String method, String pathAndQuery, String json, String contentType,
                         HttpResponse<String> res, int... expected) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?'))
                : pathAndQuery;
        SimpleRequest.Builder req = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        if (!"anonymous".equals(who)) {
            req.withAuthorization(basic(who));
        }
        if (json != null) {
            req.withContentType(contentType).withBody(json);
        } else if (contentType.startsWith("multipart")) {
            req.withContentType(contentType);
        }
        if (pathAndQuery.contains("?")) {
            for (String pair : pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                req.withQueryParam(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
            }
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(res.statusCode());
        res.headers().map().forEach((name, values) -> answer.withHeader(name, values));
        if (!res.body().isEmpty()) {
            answer.withBody(res.body());
        }
        ValidationReport report = validator.validate(req.build(), answer.build());
        String what = method + " " + pathAndQuery + " as " + who + " -> " + res.statusCode();
        boolean refusedOnPurpose = java.util.Arrays.stream(expected).allMatch(s -> s >= 400);
        // A request meant to be wrong (or to come without credentials) is wrong: its answer still has to match.
        report.getMessages().stream()
                .filter(m -> !(refusedOnPurpose && m.getKey().startsWith("validation.request.")))
                .forEach(m -> fail(what + ": " + m.getKey() + " " + m.getMessage()));
        if (java.util.Arrays.stream(expected).noneMatch(s -> s == res.statusCode())) {
            fail(what + ": expected one of " + java.util.Arrays.toString(expected) + " " + res.body());
        }
        exercised.add(operationOf(method, path));
        return new Answer(res.statusCode(), res.body());
    }

    private void fail(String failure) {
        failures.add(failure);
        System.out.println("CONTRACT " + failure);
    }

    private final Map<String, java.util.regex.Pattern> templates = new LinkedHashMap<>();

    /** The described operation a concrete path belongs to (literal segments win over templated ones). */
    private String operationOf(String method, String path) {
        String best = null;
        int bestLiterals = -1;
        for (var e : templates.entrySet()) {
            if (e.getKey().startsWith(method + " ") && e.getValue().matcher(path).matches()) {
                int literals = e.getKey().replaceAll("\\{[^}]+}", "").length();
                if (literals > bestLiterals) {
                    best = e.getKey();
                    bestLiterals = literals;
                }
            }
        }
        return best == null ? method + " " + path + " (not described)" : best;
    }

    private Set<String> operations(String spec) {
        Set<String> ops = new TreeSet<>();
        JsonNode paths = JSON.readTree(spec).get("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                String key = method.toUpperCase() + " " + path;
                ops.add(key);
                templates.put(key, java.util.regex.Pattern.compile(path.replaceAll("\\{[^}]+}", "[^/]+")));
            }
        }
        return ops;
    }

    /** Checks requests and answers as strictly as the validator can: also fields the description does not name. */
    static OpenApiInteractionValidator validatorFor(String spec) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                        .withLevel("validation.response.body.schema.additionalProperties",
                                ValidationReport.Level.ERROR)
                        .build())
                .build();
    }

    private HttpResponse<String> send(HttpRequest.Builder r) {
        try {
            return client.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String who) {
        return "Basic " + Base64.getEncoder().encodeToString((who + ":" + Http.DEMO_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }
}
