package org.bankcrm.web.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The opportunity lifecycle through the API: edits, transitions, reassignment, follow-ups, history, 409s. */
@CrmWebTest
class LifecycleApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private JsonNode open(String rm) {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = ? order by c.customer_no limit 1""", String.class, rm);
        var res = Http.basic(port, rm).postJson("/api/v1/opportunities", Map.of("customerNo", customer,
                "productCode", "FUND", "amount", 100000, "expectedCloseDate", LocalDate.now().plusDays(40).toString()));
        assertThat(res.status()).isEqualTo(201);
        return res.json();
    }

    private static Map<String, Object> move(String to, int version) {
        Map<String, Object> m = new HashMap<>();
        m.put("toStage", to);
        m.put("version", version);
        return m;
    }

    @Test
    void aPatchChangesFieldsRecordsHistoryAndBumpsTheVersion() {
        JsonNode o = open("rm1");
        long id = o.get("id").asLong();
        var res = Http.basic(port, "rm1").postJson("/api/v1/opportunities/" + id, Map.of());
        assertThat(res.status()).isEqualTo(405);
        var patched = patch(id, Map.of("version", 0, "amount", 150000, "riskLevel", "LOW"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("amount").decimalValue()).isEqualByComparingTo("150000");
        assertThat(patched.json().get("expectedRevenue").decimalValue()).isEqualByComparingTo("1800.00");
        assertThat(patched.json().get("version").asInt()).isEqualTo(1);
        var stale = patch(id, Map.of("version", 0, "amount", 1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        var history = Http.basic(port, "rm1").get("/api/v1/opportunities/" + id + "/history").json();
        List<String> events = history.valueStream().map(h -> h.get("event").asString()).toList();
        assertThat(events).containsExactly("CREATED", "FIELD:amount", "FIELD:riskLevel");
        assertThat(history.get(1).get("from").asString()).isEqualTo("100000.00");
        assertThat(history.get(1).get("to").asString()).isEqualTo("150000");
    }

    private Http.Response patch(long id, Map<String, Object> body) {
        return Http.basic(port, "rm1").patchJson("/api/v1/opportunities/" + id, body);
    }

    @Test
    void transitionsFollowTheTable() {
        long id = open("rm1").get("id").asLong();
        Http rm1 = Http.basic(port, "rm1");
        String path = "/api/v1/opportunities/" + id + "/transitions";
        Map<String, Object> won = move("WON", 0);
        won.put("wonAmount", 1000);
        assertThat(rm1.postJson(path, won).status()).isEqualTo(409);
        var qualified = rm1.postJson(path, move("QUALIFIED", 0));
        assertThat(qualified.status()).isEqualTo(200);
        assertThat(qualified.json().get("probability").asInt()).isEqualTo(40);
        assertThat(rm1.postJson(path, move("WON", 1)).status()).isEqualTo(400);
        Map<String, Object> lost = move("LOST", 1);
        lost.put("lostReason", "NOT_A_REASON");
        assertThat(rm1.postJson(path, lost).status()).isEqualTo(400);
        won = move("WON", 1);
        won.put("wonAmount", 95000.5);
        var closed = rm1.postJson(path, won);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().get("status").asString()).isEqualTo("WON");
        assertThat(closed.json().get("closedAt").isNull()).isFalse();
        Map<String, Object> reopen = move("NEGOTIATION", 2);
        reopen.put("comment", "客户追加");
        assertThat(rm1.postJson(path, reopen).status()).isEqualTo(403);
        assertThat(Http.basic(port, "head1").postJson(path, move("NEGOTIATION", 2)).status()).isEqualTo(400);
        var reopened = Http.basic(port, "head1").postJson(path, reopen);
        assertThat(reopened.status()).isEqualTo(200);
        assertThat(reopened.json().get("status").asString()).isEqualTo("OPEN");
        var events = rm1.get("/api/v1/opportunities/" + id + "/history").json().valueStream()
                .map(h -> h.get("event").asString()).toList();
        assertThat(events).containsExactly("CREATED", "STAGE", "STAGE", "REOPENED");
        assertThat(Http.basic(port, "head2").postJson(path, move("LOST", 3)).status()).isEqualTo(404);
    }

    /** A reason an admin added has its name only in the table: the page shows that name, in the reader's language. */
    @Test
    void anOpportunityLostForAnAddedReasonShowsThatReasonsName() {
        String code = "T_ADDED_" + (System.nanoTime() % 100_000);
        Http admin = Http.session(port, "admin");
        admin.submit("/admin/settings", "/admin/settings/lost-reasons", Map.of("code", code, "nameZh", "客户出国定居",
                "nameEn", "Customer emigrated"));
        long id = open("rm1").get("id").asLong();
        Map<String, Object> lost = move("LOST", 0);
        lost.put("lostReason", code);
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/opportunities/" + id + "/transitions", lost).status())
                .isEqualTo(200);

        Http rm1 = Http.session(port, "rm1");
        assertThat(rm1.get("/opportunities/" + id).body()).contains("客户出国定居").doesNotContain("??");
        assertThat(rm1.get("/opportunities/" + id + "?lang=en").body()).contains("Customer emigrated");
        admin.submit("/admin/settings", "/admin/settings/lost-reasons/" + code, Map.of("enabled", "false"));
    }

    @Test
    void onlyHeadsAndAdminsReassignWithinTheirSubtree() {
        JsonNode o = open("rm1");
        long id = o.get("id").asLong();
        String path = "/api/v1/opportunities/" + id + "/owner";
        assertThat(Http.basic(port, "rm1").postJson(path, Map.of("ownerRm", "rm2", "version", 0)).status())
                .isEqualTo(403);
        assertThat(Http.basic(port, "head1").postJson(path, Map.of("ownerRm", "rm3", "version", 0)).status())
                .isEqualTo(400);
        long visit = jdbc.queryForObject("""
                insert into visit_plan (rm_id, customer_id, opportunity_id, planned_on, purpose)
                select u.id, o.customer_id, o.id, current_date + 3, '带方案拜访' from opportunity o, staff_user u
                where o.id = ? and u.username = 'rm1' returning id""", Long.class, id);
        var res = Http.basic(port, "head1").postJson(path, Map.of("ownerRm", "rm2", "version", 0));
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().get("ownerRm").asString()).isEqualTo("rm2");
        // rm1's planned visit for it is rm2's now.
        assertThat(jdbc.queryForObject("select u.username from visit_plan v join staff_user u on u.id = v.rm_id"
                + " where v.id = ?", String.class, visit)).isEqualTo("rm2");
        assertThat(Http.basic(port, "rm1").get("/api/v1/opportunities/" + id).status()).isEqualTo(404);
        assertThat(Http.basic(port, "rm2").get("/api/v1/opportunities/" + id).status()).isEqualTo(200);
        assertThat(Http.basic(port, "head1").postJson(path, Map.of("ownerRm", "rm1", "version", 0)).status())
                .isEqualTo(409);
    }

    @Test
    void nobodyOutsideTheScopeChangesAnOpportunityOrLearnsAnythingOfIt() {
        long id = open("rm1").get("id").asLong();
        String base = "/api/v1/opportunities/" + id;
        for (String outsider : new String[]{"rm2", "rm3", "head2"}) {
            Http http = Http.basic(port, outsider);
            var patch = http.patchJson(base, Map.of("version", 0, "amount", 1));
            assertThat(patch.status()).as(outsider).isEqualTo(404);
            assertThat(patch.body()).doesNotContain("amount\"").doesNotContain("rm1");
            assertThat(http.postJson(base + "/transitions", move("CONTACTED", 0)).status()).as(outsider).isEqualTo(404);
            assertThat(http.get(base + "/history").status()).as(outsider).isEqualTo(404);
        }
        assertThat(Http.basic(port, "head2").postJson(base + "/owner", Map.of("ownerRm", "rm3", "version", 0)).status())
                .isEqualTo(404);
        Http teller = Http.basic(port, "teller1");
        assertThat(teller.patchJson(base, Map.of("version", 0, "amount", 1)).status()).isEqualTo(403);
        assertThat(teller.postJson(base + "/follow-ups", Map.of("type", "CALL", "summary", "x")).status()).isEqualTo(403);
        var unchanged = Http.basic(port, "rm1").get(base).json();
        assertThat(unchanged.get("version").asInt()).isZero();
        assertThat(unchanged.get("stage").asString()).isEqualTo("IDENTIFIED");
    }

    @Test
    void aRaceOfTwoSavesOnTheSameVersionLetsExactlyOneWin() throws Exception {
        long id = open("rm1").get("id").asLong();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> patch(id, Map.of("version", 0, "amount", 111111)).status());
            var b = pool.submit(() -> Http.basic(port, "head1").patchJson("/api/v1/opportunities/" + id,
                    Map.of("version", 0, "amount", 222222)).status());
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdown();
        }
        assertThat(Http.basic(port, "rm1").get("/api/v1/opportunities/" + id).json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void followUpsAreLoggedListedNewestFirstAndScoped() {
        long id = open("rm1").get("id").asLong();
        String path = "/api/v1/opportunities/" + id + "/follow-ups";
        Http rm1 = Http.basic(port, "rm1");
        var first = rm1.postJson(path, Map.of("type", "CALL", "summary", "电话沟通", "nextAction", "上门拜访",
                "nextActionDate", LocalDate.now().plusDays(2).toString()));
        assertThat(first.status()).isEqualTo(201);
        var second = rm1.postJson(path, Map.of("type", "VISIT", "occurredAt",
                java.time.OffsetDateTime.now().toString(), "summary", "上门拜访，客户认可方案", "outcome", "同意"));
        assertThat(second.status()).isEqualTo(201);
        var list = rm1.get(path).json();
        assertThat(list.get(0).get("type").asString()).isEqualTo("VISIT");
        assertThat(list.get(1).get("nextActionDone").asBoolean()).isTrue();
        assertThat(rm1.postJson(path, Map.of("type", "TELEPATHY", "summary", "x")).status()).isEqualTo(400);
        assertThat(rm1.postJson(path, Map.of("type", "CALL", "summary", " ")).status()).isEqualTo(400);
        assertThat(rm1.postJson(path, Map.of("type", "CALL", "summary", "x", "nextActionDate",
                LocalDate.now().plusDays(1).toString())).status()).isEqualTo(400);
        assertThat(Http.basic(port, "rm2").get(path).status()).isEqualTo(404);
        assertThat(Http.basic(port, "rm2").postJson(path, Map.of("type", "CALL", "summary", "x")).status())
                .isEqualTo(404);
    }

    @Test
    void aReferralIsAcceptedIntoACreditedOpportunity() {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id join branch b
                on b.id = c.branch_id where u.username = 'rm2' and b.code = 'BR001' order by 1 limit 1""", String.class);
        Http teller = Http.basic(port, "teller1");
        var created = teller.postJson("/api/v1/referrals", Map.of("customerNo", customer, "channel", "LOBBY",
                "productCode", "WEALTH", "need", "咨询理财"));
        assertThat(created.status()).isEqualTo(201);
        var r = created.json();
        assertThat(r.get("status").asString()).isEqualTo("NEW");
        assertThat(r.get("referrer").asString()).isEqualTo("teller1");
        assertThat(r.get("opportunityId").isNull()).isTrue();
        long id = r.get("id").asLong();

        assertThat(Http.basic(port, "rm1").postJson("/api/v1/referrals/" + id + "/accept", Map.of("amount", 1,
                "expectedCloseDate", LocalDate.now().plusDays(9).toString())).status()).isEqualTo(404);
        var accepted = Http.basic(port, "rm2").postJson("/api/v1/referrals/" + id + "/accept", Map.of(
                "amount", 300000, "expectedCloseDate", LocalDate.now().plusDays(30).toString()));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("status").asString()).isEqualTo("ACCEPTED");
        long opp = accepted.json().get("opportunityId").asLong();
        var o = Http.basic(port, "rm2").get("/api/v1/opportunities/" + opp).json();
        assertThat(o.get("source").asString()).isEqualTo("REFERRAL");
        assertThat(o.get("ownerRm").asString()).isEqualTo("rm2");
        assertThat(Http.basic(port, "rm2").postJson("/api/v1/referrals/" + id + "/reject", Map.of("reason", "x"))
                .status()).isEqualTo(409);
        var mine = teller.get("/api/v1/referrals?status=ACCEPTED&size=500").json();
        assertThat(mine.get("items").valueStream().map(i -> i.get("id").asLong())).contains(id);
        assertThat(teller.get("/api/v1/opportunities/" + opp).status()).isEqualTo(403);
    }

    @Test
    void aReferralIsRejectedWithAReasonOrRoutedByAHead() {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join branch b on b.id = c.branch_id
                where b.code = 'BR001' order by 1 limit 1""", String.class);
        Http teller = Http.basic(port, "teller1");
        long id = teller.postJson("/api/v1/referrals", Map.of("customerNo", customer, "channel", "COUNTER",
                "need", "办信用卡", "suggestedRm", "rm1")).json().get("id").asLong();
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/referrals/" + id + "/reject", Map.of("reason", " "))
                .status()).isEqualTo(400);
        var routed = Http.basic(port, "head1").postJson("/api/v1/referrals/" + id + "/route", Map.of("ownerRm", "rm2"));
        assertThat(routed.status()).isEqualTo(200);
        assertThat(routed.json().get("suggestedRm").asString()).isEqualTo("rm2");
        var rejected = Http.basic(port, "rm2").postJson("/api/v1/referrals/" + id + "/reject",
                Map.of("reason", "客户已在他行办理"));
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(teller.postJson("/api/v1/referrals", Map.of("customerNo", "NOPE", "channel", "LOBBY", "need", "x"))
                .status()).isEqualTo(400);
        assertThat(teller.postJson("/api/v1/referrals/" + id + "/accept", Map.of()).status()).isIn(403, 404);
    }
}
