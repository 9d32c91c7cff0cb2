package org.bankcrm.web.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Every opportunity is scored with the active model, explained factor by factor, and re-scored as it changes. */
@CrmWebTest
class ScoringApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private JsonNode create(Map<String, Object> extra) {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' and c.type = 'RETAIL' order by c.customer_no limit 1 offset 5""", String.class);
        Map<String, Object> body = new HashMap<>(Map.of("customerNo", customer, "productCode", "INSURANCE",
                "amount", 500000, "expectedCloseDate", LocalDate.now().plusDays(20).toString()));
        body.putAll(extra);
        var res = Http.basic(port, "rm1").postJson("/api/v1/opportunities", body);
        assertThat(res.status()).isEqualTo(201);
        return res.json();
    }

    private static BigDecimal sum(JsonNode breakdown) {
        return breakdown.valueStream().map(f -> f.get("contribution").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void aNewOpportunityIsScoredAndExplained() {
        JsonNode o = create(Map.of("riskLevel", "LOW", "competition", "NONE", "needStrength", 5));
        assertThat(o.get("score").isNull()).isFalse();
        assertThat(o.get("scoreModelVersion").asInt()).isPositive();
        assertThat(o.get("band").asString()).isIn("A", "B", "C", "D");
        JsonNode breakdown = o.get("scoreBreakdown");
        assertThat(breakdown.size()).isEqualTo(8);
        assertThat(breakdown.valueStream().map(f -> f.get("factor").asString())).containsExactly("REVENUE", "RISK",
                "DEMAND", "COMPETITION", "CUSTOMER_VALUE", "RELATIONSHIP", "URGENCY", "ENGAGEMENT");
        assertThat(sum(breakdown)).isEqualByComparingTo(o.get("score").decimalValue());
        assertThat(breakdown.get(1).get("value").decimalValue()).isEqualByComparingTo("100");
        assertThat(breakdown.get(1).get("weight").asInt()).isEqualTo(15);
    }

    @Test
    void theScoreFollowsTheDataAndDoesNotMoveTheVersion() {
        JsonNode o = create(Map.of("riskLevel", "HIGH", "competition", "STRONG", "needStrength", 1));
        long id = o.get("id").asLong();
        BigDecimal before = o.get("score").decimalValue();
        var patched = Http.basic(port, "rm1").patchJson("/api/v1/opportunities/" + id,
                Map.of("version", 0, "riskLevel", "LOW", "competition", "NONE", "needStrength", 5));
        BigDecimal afterEdit = patched.json().get("score").decimalValue();
        assertThat(afterEdit).isGreaterThan(before);
        assertThat(patched.json().get("version").asInt()).isEqualTo(1);

        Http.basic(port, "rm1").postJson("/api/v1/opportunities/" + id + "/follow-ups",
                Map.of("type", "VISIT", "summary", "拜访"));
        JsonNode afterFollowUp = Http.basic(port, "rm1").get("/api/v1/opportunities/" + id).json();
        assertThat(afterFollowUp.get("score").decimalValue()).isGreaterThan(afterEdit);
        assertThat(afterFollowUp.get("version").asInt()).isEqualTo(1);
        assertThat(Http.basic(port, "rm1").patchJson("/api/v1/opportunities/" + id,
                Map.of("version", 1, "title", "评分后仍可用原版本号修改")).status()).isEqualTo(200);
    }

    @Test
    void aClosedOpportunityKeepsTheScoreItClosedWith() {
        JsonNode o = create(Map.of());
        long id = o.get("id").asLong();
        Http rm1 = Http.basic(port, "rm1");
        rm1.postJson("/api/v1/opportunities/" + id + "/transitions", Map.of("toStage", "LOST", "version", 0,
                "lostReason", "PRICE"));
        BigDecimal closedScore = rm1.get("/api/v1/opportunities/" + id).json().get("score").decimalValue();
        rm1.postJson("/api/v1/opportunities/" + id + "/follow-ups", Map.of("type", "CALL", "summary", "回访"));
        assertThat(rm1.get("/api/v1/opportunities/" + id).json().get("score").decimalValue())
                .isEqualByComparingTo(closedScore);
    }

    /**
     * On the demo's branches (BR…): the fixtures of other test classes insert opportunities by SQL on branches of
     * their own, without a score, and may run before this one.
     */
    @Test
    void theDemoPipelineIsScored() {
        assertThat(jdbc.queryForObject("""
                select count(*) from opportunity o join branch b on b.id = o.branch_id
                where b.code like 'BR%' and o.status = 'OPEN' and o.score is null""", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from opportunity o join branch b on b.id = o.branch_id
                where b.code like 'BR%' and o.status = 'OPEN'""", Integer.class)).isPositive();
    }

    static Map<String, Integer> weights(int revenue, int risk, int demand, int competition, int value, int relationship,
                                        int urgency, int engagement) {
        Map<String, Integer> w = new java.util.LinkedHashMap<>();
        w.put("REVENUE", revenue);
        w.put("RISK", risk);
        w.put("DEMAND", demand);
        w.put("COMPETITION", competition);
        w.put("CUSTOMER_VALUE", value);
        w.put("RELATIONSHIP", relationship);
        w.put("URGENCY", urgency);
        w.put("ENGAGEMENT", engagement);
        return w;
    }

    @Test
    void badWeightsAreRefusedWithTheReason() {
        Http admin = Http.basic(port, "admin");
        var sum = admin.putJson("/api/v1/scoring/model", Map.of("weights", weights(30, 15, 15, 10, 15, 5, 5, 6)));
        assertThat(sum.status()).isEqualTo(400);
        assertThat(sum.json().get("errors").get(0).get("field").asString()).isEqualTo("weights");
        assertThat(sum.json().get("errors").get(0).get("message").asString()).contains("101");
        var negative = admin.putJson("/api/v1/scoring/model", Map.of("weights", weights(40, -10, 15, 10, 15, 5, 5, 20)));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body()).contains("weights.RISK");
        Map<String, Integer> unknown = weights(30, 15, 15, 10, 15, 5, 5, 5);
        unknown.put("LUCK", 0);
        assertThat(admin.putJson("/api/v1/scoring/model", Map.of("weights", unknown)).status()).isEqualTo(400);
        Map<String, Integer> missing = weights(30, 15, 15, 10, 15, 5, 5, 5);
        missing.remove("URGENCY");
        assertThat(admin.putJson("/api/v1/scoring/model", Map.of("weights", missing)).body()).contains("weights.URGENCY");
        assertThat(admin.putJson("/api/v1/scoring/model", Map.of("weights", weights(30, 15, 15, 10, 15, 5, 5, 5),
                "bandThresholds", Map.of("A", 60, "B", 80, "C", 40))).status()).isEqualTo(400);
        assertThat(admin.putJson("/api/v1/scoring/model", "{\"weights\": {\"REVENUE\": 1.5}}").status()).isEqualTo(400);
        assertThat(Http.basic(port, "head1").putJson("/api/v1/scoring/model",
                Map.of("weights", weights(30, 15, 15, 10, 15, 5, 5, 5))).status()).isEqualTo(403);
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/scoring/model/preview",
                Map.of("weights", weights(30, 15, 15, 10, 15, 5, 5, 5))).status()).isEqualTo(403);
    }

    private static final String DEFAULT_WEIGHTS_BUT_REVENUE = "\"RISK\": 15, \"DEMAND\": 15, \"COMPETITION\": 10,"
            + " \"CUSTOMER_VALUE\": 15, \"RELATIONSHIP\": 5, \"URGENCY\": 5, \"ENGAGEMENT\": 5";

    private int models() {
        return jdbc.queryForObject("select count(*) from scoring_model", Integer.class);
    }

    /**
     * The contract's weights are integers: 30.9 is not cut to 30, "15" is not read as 15, and 30.0 (a number written
     * with a fraction) is refused too; each answer names the field and nothing is activated.
     */
    @Test
    void aWeightOrThresholdThatIsNotAJsonIntegerIsRefusedNamingItsField() {
        Http admin = Http.basic(port, "admin");
        int before = models();
        int version = admin.get("/api/v1/scoring/model").json().get("version").asInt();
        for (String revenue : new String[]{"30.9", "\"30\"", "30.0", "3e1"}) {
            String body = "{\"weights\": {\"REVENUE\": " + revenue + ", " + DEFAULT_WEIGHTS_BUT_REVENUE + "}}";
            var refused = admin.putJson("/api/v1/scoring/model", body);
            assertThat(refused.status()).as(revenue).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            JsonNode error = refused.json().get("errors").get(0);
            assertThat(error.get("field").asString()).as(revenue).isEqualTo("weights.REVENUE");
            assertThat(error.get("message").asString()).isEqualTo("请填写整数：不带小数点，也不加引号。");
            assertThat(admin.postJson("/api/v1/scoring/model/preview", body).status()).as(revenue).isEqualTo(400);
        }
        var english = Http.basic(port, "admin").language("en").putJson("/api/v1/scoring/model",
                "{\"weights\": {\"REVENUE\": 30, " + DEFAULT_WEIGHTS_BUT_REVENUE + "}, \"bandThresholds\":"
                        + " {\"A\": 80.5, \"B\": 60, \"C\": 40}}");
        assertThat(english.status()).isEqualTo(400);
        assertThat(english.json().get("errors").get(0).get("field").asString()).isEqualTo("bandThresholds.A");
        assertThat(english.json().get("errors").get(0).get("message").asString()).startsWith("Enter a whole number");
        var string = admin.putJson("/api/v1/scoring/model", "{\"weights\": {\"REVENUE\": 30, "
                + DEFAULT_WEIGHTS_BUT_REVENUE + "}, \"bandThresholds\": {\"A\": 80, \"B\": \"60\", \"C\": 40}}");
        assertThat(string.status()).isEqualTo(400);
        assertThat(string.json().get("errors").get(0).get("field").asString()).isEqualTo("bandThresholds.B");

        assertThat(models()).isEqualTo(before);
        assertThat(admin.get("/api/v1/scoring/model").json().get("version").asInt()).isEqualTo(version);
    }

    /** The page's form posts text: "30.9" is refused naming the factor, shown again as typed, nothing activated. */
    @Test
    void theAdminPageRefusesAWeightThatIsNotWholeNamingTheFactor() {
        Http admin = Http.session(port, "admin");
        int before = models();
        Map<String, String> form = new java.util.LinkedHashMap<>();
        weights(30, 15, 15, 10, 15, 5, 5, 5).forEach((f, w) -> form.put("weights[" + f + "]", String.valueOf(w)));
        form.put("weights[REVENUE]", "30.9");
        form.put("bandA", "80");
        form.put("bandB", "60");
        form.put("bandC", "40");
        for (String action : new String[]{"/admin/scoring", "/admin/scoring/preview"}) {
            var page = admin.submit("/admin/scoring", action, form);
            assertThat(page.status()).as(action).isEqualTo(200);
            assertThat(page.body()).as(action).contains("scoring-problems").contains("因素 REVENUE 的权重应为 0 到 100 的整数。")
                    .contains("value=\"30.9\"").contains("is-invalid").doesNotContain("preview-result");
        }
        form.put("weights[REVENUE]", "30");
        form.put("bandB", "6O");
        var band = admin.submit("/admin/scoring?lang=en", "/admin/scoring", form);
        assertThat(band.body()).contains("The threshold of band B must be a whole number from 1 to 100.");
        assertThat(models()).isEqualTo(before);
    }

    @Test
    void previewComparesBothModelsOnTheClosedOpportunitiesAndActivationRescoresTheOpenOnes() throws Exception {
        Http admin = Http.basic(port, "admin");
        Map<String, Integer> proposed = weights(10, 10, 40, 10, 10, 10, 5, 5);
        var preview = admin.postJson("/api/v1/scoring/model/preview", Map.of("weights", proposed));
        assertThat(preview.status()).isEqualTo(200);
        JsonNode p = preview.json();
        long closed = jdbc.queryForObject("select count(*) from opportunity where status in ('WON', 'LOST')", Long.class);
        assertThat(p.get("closedEvaluated").asLong()).isEqualTo(closed);
        for (String side : new String[]{"current", "proposed"}) {
            assertThat(p.get(side).get("auc").asDouble()).isBetween(0.0, 1.0);
            long counted = p.get(side).get("bands").valueStream().mapToLong(b -> b.get("count").asLong()).sum();
            assertThat(counted).isEqualTo(closed);
        }
        int before = admin.get("/api/v1/scoring/model").json().get("version").asInt();
        var activated = admin.putJson("/api/v1/scoring/model", Map.of("weights", proposed,
                "bandThresholds", Map.of("A", 75, "B", 55, "C", 35)));
        assertThat(activated.status()).isEqualTo(200);
        int version = activated.json().get("version").asInt();
        assertThat(version).isEqualTo(before + 1);
        assertThat(activated.json().get("weights").get("DEMAND").asInt()).isEqualTo(40);
        waitForRescoring(admin, version);
        assertThat(jdbc.queryForObject("select count(*) from opportunity where status = 'OPEN' and score_model_version <> ?",
                Integer.class, version)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'SCORING_MODEL_ACTIVATED'"
                + " and entity_id = ?", Integer.class, String.valueOf(version))).isEqualTo(1);

        // A proposal made from the version before is refused: it would replace weights its author never saw.
        var stale = admin.putJson("/api/v1/scoring/model", Map.of("weights", weights(30, 15, 15, 10, 15, 5, 5, 5),
                "baseVersion", before));
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(admin.get("/api/v1/scoring/model").json().get("version").asInt()).isEqualTo(version);
        assertThat(org.jsoup.Jsoup.parse(Http.session(port, "admin").get("/admin/scoring").body())
                .selectFirst("#scoring-form input[name=baseVersion]").val()).isEqualTo(String.valueOf(version));

        // Back to the defaults, as a new version: versions are never edited.
        var restored = admin.putJson("/api/v1/scoring/model", Map.of("weights", weights(30, 15, 15, 10, 15, 5, 5, 5),
                "bandThresholds", Map.of("A", 80, "B", 60, "C", 40), "baseVersion", version));
        assertThat(restored.json().get("version").asInt()).isEqualTo(version + 1);
        waitForRescoring(admin, version + 1);
        assertThat(jdbc.queryForObject("select count(*) from scoring_model where active", Integer.class)).isEqualTo(1);
    }

    /**
     * Waits until model {@code version} (or a later one) is active and every open opportunity carries it. The
     * re-score covers the whole shared test database, so the deadline is generous for a slow machine.
     */
    static void waitForRescoring(Http admin, int version) throws InterruptedException {
        await("re-scoring under model v" + version).atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.get("/api/v1/scoring/model/progress").json(),
                        progress -> progress.get("version").asInt() >= version
                                && progress.get("scored").asLong() == progress.get("open").asLong());
    }

    /**
     * A follow-up re-scores its opportunity but writes the row only when the score comes out different from the one
     * stored: its value, band, model or any part (D79).
     */
    @Test
    void aFollowUpWritesTheScoreOnlyWhenItChanges() {
        long id = create(Map.of()).get("id").asLong();
        Http rm1 = Http.basic(port, "rm1");
        String path = "/api/v1/opportunities/" + id;
        String rowVersion = "select xmin::text from opportunity where id = ?";
        // Engagement counts up to five follow-ups in 30 days: from the fifth on, another one today moves nothing.
        for (int i = 1; i <= 5; i++) {
            assertThat(rm1.postJson(path + "/follow-ups", Map.of("type", "CALL", "summary", "电话 " + i)).status())
                    .isEqualTo(201);
        }
        JsonNode scored = rm1.get(path).json();
        String before = jdbc.queryForObject(rowVersion, String.class, id);

        assertThat(rm1.postJson(path + "/follow-ups", Map.of("type", "CALL", "summary", "电话 6")).status())
                .isEqualTo(201);
        assertThat(jdbc.queryForObject(rowVersion, String.class, id)).as("the same score is not written again")
                .isEqualTo(before);

        // One part stored with another weight, the same total: the next follow-up writes the parts as they are.
        jdbc.update("update opportunity set score_breakdown = jsonb_set(score_breakdown, '{0,weight}', '0')"
                + " where id = ?", id);
        String tampered = jdbc.queryForObject(rowVersion, String.class, id);
        assertThat(rm1.postJson(path + "/follow-ups", Map.of("type", "CALL", "summary", "电话 7")).status())
                .isEqualTo(201);
        assertThat(jdbc.queryForObject(rowVersion, String.class, id)).isNotEqualTo(tampered);
        JsonNode rescored = rm1.get(path).json();
        assertThat(rescored.get("scoreBreakdown")).isEqualTo(scored.get("scoreBreakdown"));
        assertThat(rescored.get("score").decimalValue()).isEqualByComparingTo(scored.get("score").decimalValue());
    }

    @Autowired
    org.bankcrm.service.scoring.RescoreCatchUp catchUp;

    @Autowired
    org.bankcrm.service.scoring.OpenOpportunityRescorer rescorer;

    /**
     * A node that stopped part-way through the re-scoring after an activation left open opportunities on the old
     * version: the next node to start moves them to the active one; closed ones keep the version they closed with.
     */
    @Test
    void aStartingNodeFinishesTheRescoringAStoppedNodeLeftPartWay() throws InterruptedException {
        int active = jdbc.queryForObject("select version from scoring_model where active", Integer.class);
        java.util.List<Long> behind = jdbc.queryForList(
                "select id from opportunity where status = 'OPEN' order by id desc limit 5", Long.class);
        Long closed = jdbc.queryForObject("select min(id) from opportunity where status = 'LOST'", Long.class);
        String ids = behind.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        java.util.List<Integer> versions = jdbc.queryForList(
                "select version from opportunity where id in (" + ids + ") order by id", Integer.class);
        jdbc.update("update opportunity set score_model_version = ?, score = 0, band = 'D',"
                + " scored_at = timestamptz '2000-01-01 00:00Z' where id in (" + ids + ")", active - 1);
        Integer closedVersion = jdbc.queryForObject("select score_model_version from opportunity where id = ?",
                Integer.class, closed);
        jdbc.update("update opportunity set score_model_version = ? where id = ?", active - 1, closed);
        try {
            catchUp.onApplicationReady();
            String caughtUp = "select count(*) from opportunity where id in (" + ids + ") and score_model_version = ?"
                    + " and scored_at > timestamptz '2000-01-02 00:00Z'";
            await("catch-up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> jdbc.queryForObject(caughtUp, Integer.class, active) >= behind.size());
            assertThat(jdbc.queryForObject(caughtUp, Integer.class, active)).isEqualTo(behind.size());
            for (Long id : behind) {
                JsonNode o = Http.basic(port, "admin").get("/api/v1/opportunities/" + id).json();
                assertThat(sum(o.get("scoreBreakdown"))).isEqualByComparingTo(o.get("score").decimalValue());
            }
            assertThat(jdbc.queryForList("select version from opportunity where id in (" + ids + ") order by id",
                    Integer.class)).as("re-scoring is not an edit").isEqualTo(versions);
            assertThat(jdbc.queryForObject("select score_model_version from opportunity where id = ?", Integer.class,
                    closed)).isEqualTo(active - 1);

            // Everything current: the catch-up takes the lock, finds nothing, writes nothing.
            java.sql.Timestamp lastScored = jdbc.queryForObject(
                    "select max(scored_at) from opportunity where status = 'OPEN'", java.sql.Timestamp.class);
            assertThat(rescorer.catchUp()).contains(0);
            assertThat(jdbc.queryForObject("select max(scored_at) from opportunity where status = 'OPEN'",
                    java.sql.Timestamp.class)).isEqualTo(lastScored);
        } finally {
            jdbc.update("update opportunity set score_model_version = ? where id = ?", closedVersion, closed);
        }
    }

    @Test
    void onlyAdminsReadTheModel() {
        var model = Http.basic(port, "admin").get("/api/v1/scoring/model");
        assertThat(model.status()).isEqualTo(200);
        assertThat(model.json().get("weights").get("REVENUE").asInt()).isEqualTo(30);
        assertThat(model.json().get("bandThresholds").get("A").asInt()).isEqualTo(80);
        assertThat(model.json().get("version").asInt()).isPositive();
        assertThat(Http.basic(port, "head1").get("/api/v1/scoring/model").status()).isEqualTo(403);
        assertThat(Http.basic(port, "rm1").get("/api/v1/scoring/model").status()).isEqualTo(403);
    }
}
