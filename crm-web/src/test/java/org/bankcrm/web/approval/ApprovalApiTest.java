package org.bankcrm.web.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Risk approval through the API and the pages (issue 16, D45): the gate's edges (exactly at the minimum, a won
 * amount above the approved one, a rule changed while pending), who may request and decide (the requester, an
 * approver of another subtree), rejection without a comment, a second pending request, two decisions of one
 * request, the history and the notification, and the gate through the opportunity page and the board.
 */
@CrmWebTest
class ApprovalApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void defaultRules() {
        jdbc.update("delete from approval_rule");
        jdbc.update("insert into approval_rule (product_category, min_amount) values ('LOAN', 1000000.00)");
    }

    /** A loan of rm1's to a company, moved to QUALIFIED (from where it may be won). */
    private long loan(String amount) {
        return loan(amount, "CORPORATE");
    }

    /** A loan of rm1's to a customer of the type, moved to QUALIFIED. */
    private long loan(String amount, String type) {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' and c.type = ? order by c.customer_no limit 1""", String.class, type);
        var res = Http.basic(port, "rm1").postJson("/api/v1/opportunities", Map.of("customerNo", customer,
                "productCode", "LOAN_CORP", "title", "审批测试贷款 " + amount, "amount", amount,
                "expectedCloseDate", LocalDate.now().plusDays(40).toString()));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        long id = res.json().get("id").asLong();
        var moved = Http.basic(port, "rm1").postJson("/api/v1/opportunities/" + id + "/transitions",
                Map.of("toStage", "QUALIFIED", "version", version(id)));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        return id;
    }

    private int version(long id) {
        return jdbc.queryForObject("select version from opportunity where id = ?", Integer.class, id);
    }

    private String stage(long id) {
        return jdbc.queryForObject("select stage from opportunity where id = ?", String.class, id);
    }

    private Http.Response win(long id, String amount) {
        return Http.basic(port, "rm1").postJson("/api/v1/opportunities/" + id + "/transitions",
                Map.of("toStage", "WON", "version", version(id), "wonAmount", amount));
    }

    private JsonNode request(long id) {
        var res = Http.basic(port, "rm1").postJson("/api/v1/opportunities/" + id + "/approvals",
                Map.of("comment", "请审批"));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        return res.json();
    }

    private Http.Response decide(String who, long approval, String decision, String comment) {
        return Http.basic(port, who).postJson("/api/v1/approvals/" + approval + "/decision",
                comment == null ? Map.of("decision", decision) : Map.of("decision", decision, "comment", comment));
    }

    /**
     * A co-owner asks for approval as the owner does (D44, D45): an RM of another branch and a head of another branch,
     * whose approval scope does not hold the deal, both get their request back (201, never a 500); a support member
     * may not ask. The risk officer sees the request with the customer's name masked in the title too; the co-owner
     * sees theirs in the inbox page with the deal.
     */
    @Test
    void coOwnersAskForApprovalAndSupportMembersMayNot() {
        long id = loan("2000000");
        jdbc.update("""
                insert into opportunity_member (opportunity_id, user_id, role, credit_share)
                select ?, id, case username when 'rm2' then 'SUPPORT' else 'CO_OWNER' end, 0 from staff_user
                where username in ('head2', 'rm3', 'rm2')""", id);
        assertThat(Http.basic(port, "rm2").postJson("/api/v1/opportunities/" + id + "/approvals", Map.of())
                .status()).isEqualTo(403);
        var byHead = Http.basic(port, "head2").postJson("/api/v1/opportunities/" + id + "/approvals",
                Map.of("comment", "客户电话 13812345678，请审批"));
        assertThat(byHead.status()).as(byHead.body()).isEqualTo(201);
        assertThat(byHead.json().get("requestedBy").asText()).isEqualTo("head2");
        // the head asked outside their subtree: they see their own request all the same, and may not decide it
        assertThat(Http.basic(port, "head2").get("/api/v1/approvals").body())
                .contains("\"id\":" + byHead.json().get("id").asLong());
        assertThat(decide("head2", byHead.json().get("id").asLong(), "APPROVED", "自批").status()).isIn(403, 404);
        JsonNode seen = null;
        for (JsonNode a : Http.basic(port, "risk1").get("/api/v1/approvals?status=PENDING").json()) {
            if (a.get("id").asLong() == byHead.json().get("id").asLong()) {
                seen = a;
            }
        }
        assertThat(seen).isNotNull();
        assertThat(seen.toString()).doesNotContain("13812345678");
        var decided = decide("risk1", seen.get("id").asLong(), "REJECTED", "资料不全");
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        var byRm = Http.basic(port, "rm3").postJson("/api/v1/opportunities/" + id + "/approvals", Map.of());
        assertThat(byRm.status()).as(byRm.body()).isEqualTo(201);
        // the co-owner's inbox shows the request with the deal they see as a member (it was a 500: the deal was
        // read in the RM's approval scope, their own deals only, and the failed read spoiled the page's transaction)
        for (String status : List.of("", "?status=PENDING", "?status=")) {
            var inbox = Http.session(port, "rm3").get("/approvals" + status);
            assertThat(inbox.status()).as(status).isEqualTo(200);
            assertThat(inbox.body()).as(status).contains("审批测试贷款 2000000");
        }
    }

    /**
     * Two admins change the rules from the same view: the second save, which names the version it read ({@code
     * If-Match}, the page's hidden field), is a conflict and drops nothing of the first's; a save without a version
     * still replaces the set.
     */
    @Test
    void aSaveFromAStaleViewOfTheRulesIsAConflictAndDropsNoRule() {
        Http admin = Http.basic(port, "admin");
        var read = admin.get("/api/v1/admin/approval-rules");
        String etag = read.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{16}\"");
        var first = admin.putJson("/api/v1/admin/approval-rules", List.of(
                Map.of("productCategory", "LOAN", "minAmount", "1000000"),
                Map.of("productCategory", "FX", "minAmount", "500000")), Map.of("If-Match", etag));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.header("ETag")).isNotEqualTo(etag);

        // the page was opened before the first save, the API's second save read the same
        var page = Http.session(port, "admin");
        String form = page.get("/admin/approval-rules").body();
        var stale = admin.putJson("/api/v1/admin/approval-rules", List.of(
                Map.of("productCategory", "LOAN", "minAmount", "2000000")), Map.of("If-Match", etag));
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.body()).contains("其他管理员");
        assertThat(jdbc.queryForList("select product_category || ' ' || min_amount from approval_rule"
                + " order by 1", String.class)).containsExactly("FX 500000.00", "LOAN 1000000.00");

        String version = org.jsoup.Jsoup.parse(form).selectFirst("input[name=rulesVersion]").val();
        assertThat("\"" + version + "\"").isEqualTo(first.header("ETag"));
        admin.putJson("/api/v1/admin/approval-rules", List.of(Map.of("productCategory", "LOAN",
                "minAmount", "3000000")));
        var saved = page.postForm("/admin/approval-rules", Map.of("_csrf", page.get("/admin/approval-rules").csrf(),
                "rulesVersion", version, "min_LOAN", "2000000"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(page.get("/admin/approval-rules").body()).contains("审批规则刚被其他管理员修改");
        assertThat(jdbc.queryForList("select product_category || ' ' || min_amount from approval_rule",
                String.class)).containsExactly("LOAN 3000000.00");
    }

    @Test
    void exactlyAtTheMinimumNeedsAnApprovalAndWinsOnceApproved() {
        long id = loan("1000000.00");
        var refused = win(id, "1000000.00");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("需审批通过后才能赢单");
        assertThat(stage(id)).isEqualTo("QUALIFIED");

        JsonNode a = request(id);
        assertThat(a.get("status").asString()).isEqualTo("PENDING");
        assertThat(a.get("amount").decimalValue()).isEqualByComparingTo("1000000.00");
        assertThat(a.get("requestedBy").asString()).isEqualTo("rm1");
        assertThat(a.get("opportunityId").asLong()).isEqualTo(id);
        assertThat(win(id, "1000000.00").status()).as("pending is not approved").isEqualTo(409);

        var approved = decide("risk1", a.get("id").asLong(), "APPROVED", "同意");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("decidedBy").asString()).isEqualTo("risk1");
        assertThat(win(id, "1000000.00").status()).isEqualTo(200);
        assertThat(stage(id)).isEqualTo("WON");
    }

    @Test
    void justBelowTheMinimumNeedsNone() {
        long id = loan("999999.99");
        assertThat(win(id, "999999.99").status()).isEqualTo(200);
    }

    @Test
    void aWonAmountAboveTheApprovedNeedsANewApproval() {
        long id = loan("1200000.00");
        long first = request(id).get("id").asLong();
        assertThat(decide("risk1", first, "APPROVED", null).status()).isEqualTo(200);
        var above = win(id, "1300000.00");
        assertThat(above.status()).as(above.body()).isEqualTo(409);
        assertThat(above.json().get("detail").asString()).contains("高于已批准的金额");
        assertThat(stage(id)).isEqualTo("QUALIFIED");
        // A smaller win is covered; a new approval at the larger amount covers the larger one.
        assertThat(Http.basic(port, "rm1").patchJson("/api/v1/opportunities/" + id,
                Map.of("amount", "1300000.00", "version", version(id))).status()).isEqualTo(200);
        long second = request(id).get("id").asLong();
        assertThat(decide("risk1", second, "APPROVED", null).status()).isEqualTo(200);
        assertThat(win(id, "1300000.00").status()).isEqualTo(200);
    }

    @Test
    void aRejectionAfterAnApprovalWithdrawsIt() {
        long id = loan("2000000.00");
        assertThat(decide("risk1", request(id).get("id").asLong(), "APPROVED", null).status()).isEqualTo(200);
        assertThat(decide("risk1", request(id).get("id").asLong(), "REJECTED", "抵押物价值下降").status())
                .isEqualTo(200);
        assertThat(win(id, "2000000.00").status()).isEqualTo(409);
    }

    @Test
    void aRuleChangedWhilePendingIsReadAtWonTime() {
        long id = loan("1500000.00");
        request(id);
        var raised = Http.basic(port, "admin").putJson("/api/v1/admin/approval-rules",
                List.of(Map.of("productCategory", "LOAN", "minAmount", "2000000")));
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        assertThat(raised.json().get(0).get("minAmount").decimalValue()).isEqualByComparingTo("2000000");
        // The rule no longer matches 1,500,000: the pending request does not hold the deal back.
        assertThat(win(id, "1500000.00").status()).isEqualTo(200);

        long other = loan("600000.00");
        assertThat(win(other, "600000.00").status()).isEqualTo(200);
        long lowered = loan("600000.00");
        assertThat(Http.basic(port, "admin").putJson("/api/v1/admin/approval-rules",
                List.of(Map.of("productCategory", "LOAN", "minAmount", 500000))).status()).isEqualTo(200);
        assertThat(win(lowered, "600000.00").status()).as("a lowered rule applies at once").isEqualTo(409);
    }

    @Test
    void rulesRefuseBadInputTranslatedAndChangeNothing() {
        var bad = Http.basic(port, "admin").putJson("/api/v1/admin/approval-rules",
                List.of(Map.of("productCategory", "MORTGAGE", "minAmount", -5),
                        Map.of("productCategory", "LOAN", "minAmount", 1)));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("未知的产品类别").contains("金额不能为负数")
                .contains("rules[0].productCategory").contains("rules[0].minAmount");
        var rules = Http.basic(port, "admin").get("/api/v1/admin/approval-rules").json();
        assertThat(rules.size()).isEqualTo(1);
        assertThat(rules.get(0).get("minAmount").decimalValue()).isEqualByComparingTo("1000000");
        assertThat(Http.basic(port, "rm1").get("/api/v1/admin/approval-rules").status()).isEqualTo(403);
    }

    @Test
    void theRequesterAndOthersWhoAreNotApproversCannotDecide() {
        long id = loan("3000000.00");
        long a = request(id).get("id").asLong();
        var own = decide("rm1", a, "APPROVED", null);
        assertThat(own.status()).as(own.body()).isEqualTo(403);
        assertThat(decide("head1", a, "APPROVED", null).status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select status from approval where id = ?", String.class, a))
                .isEqualTo("PENDING");
        // Another RM of the branch may not ask for approval of rm1's deal; rm2 does not even see it.
        assertThat(Http.basic(port, "rm2").postJson("/api/v1/opportunities/" + id + "/approvals", Map.of())
                .status()).isEqualTo(404);
    }

    @Test
    void anApproverOfAnotherSubtreeSeesNothingOfIt() {
        if (jdbc.queryForObject("select count(*) from staff_user where username = 't_risk2'", Integer.class) == 0) {
            assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/users", Map.of("username", "t_risk2",
                    "displayName", "西区审批", "role", "APPROVER", "branchCode", "BR002",
                    "password", "Risk-Test#2026x")).status()).isEqualTo(201);
        }
        long id = loan("4000000.00");
        long a = request(id).get("id").asLong();
        Http west = Http.basic(port, "t_risk2", "Risk-Test#2026x");
        var list = west.get("/api/v1/approvals?status=");
        assertThat(list.status()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        list.json().forEach(n -> ids.add(n.get("opportunityId").asLong()));
        assertThat(ids).doesNotContain(id);
        assertThat(jdbc.queryForObject("""
                select count(*) from approval a join opportunity o on o.id = a.opportunity_id
                join branch b on b.id = o.branch_id where b.path like '/HQ/BR001/%'""", Integer.class)).isPositive();
        assertThat(list.body()).doesNotContain("BR001");
        assertThat(west.postJson("/api/v1/approvals/" + a + "/decision", Map.of("decision", "APPROVED")).status())
                .isEqualTo(404);
        for (String part : List.of("", "/follow-ups", "/history")) {
            assertThat(west.get("/api/v1/opportunities/" + id + part).status()).as(part).isEqualTo(404);
        }
        assertThat(west.get("/api/v1/customers").status()).isEqualTo(403);
        // risk1 (HQ) sees it in the inbox and reads the opportunity under approval (reference-data.md: "reads those
        // opportunities") as the inbox shows it: a company's name whole (what a credit decision is about), a person's
        // masked; its follow-ups and history; nothing else.
        Http risk = Http.basic(port, "risk1");
        List<Long> hq = new ArrayList<>();
        risk.get("/api/v1/approvals").json().forEach(n -> hq.add(n.get("id").asLong()));
        assertThat(hq).contains(a);
        assertThat(risk.get("/api/v1/customers").status()).isEqualTo(403);
        String name = jdbc.queryForObject("select c.name from opportunity o join customer c on c.id = o.customer_id"
                + " where o.id = ?", String.class, id);
        var read = risk.get("/api/v1/opportunities/" + id);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("amount").decimalValue()).isEqualByComparingTo("4000000.00");
        assertThat(read.json().get("customerName").asString()).isEqualTo(name);
        long personal = loan("3000000", "RETAIL");
        long asked = request(personal).get("id").asLong();
        String person = jdbc.queryForObject("select c.name from opportunity o join customer c on c.id = o.customer_id"
                + " where o.id = ?", String.class, personal);
        var masked = risk.get("/api/v1/opportunities/" + personal);
        assertThat(masked.json().get("customerName").asString()).isEqualTo(Masking.name(person));
        assertThat(masked.body()).doesNotContain(person);
        var inbox = org.jsoup.Jsoup.parse(Http.session(port, "risk1").get("/approvals").body());
        assertThat(inbox.select("#approval-" + a).text()).contains(name);
        assertThat(inbox.select("#approval-" + asked).text()).contains(Masking.name(person)).doesNotContain(person);
        assertThat(risk.get("/api/v1/opportunities/" + id + "/history").status()).isEqualTo(200);
        assertThat(risk.get("/api/v1/opportunities/" + id + "/follow-ups").status()).isEqualTo(200);
        assertThat(risk.patchJson("/api/v1/opportunities/" + id, Map.of("title", "改", "version", version(id)))
                .status()).isEqualTo(403);
        long plain = loan("900.00");
        assertThat(risk.get("/api/v1/opportunities/" + plain).status()).isEqualTo(404);
        assertThat(risk.get("/api/v1/opportunities").status()).isEqualTo(403);
    }

    @Test
    void aRejectionNeedsACommentAndTheSecondDecisionIsAConflict() {
        long id = loan("1100000.00");
        long a = request(id).get("id").asLong();
        var bare = decide("risk1", a, "REJECTED", null);
        assertThat(bare.status()).as(bare.body()).isEqualTo(400);
        assertThat(bare.body()).contains("驳回时必须填写审批意见");
        assertThat(decide("risk1", a, "MAYBE", "x").status()).isEqualTo(400);
        var tooLong = decide("risk1", a, "REJECTED", "长".repeat(1001));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("不能超过 1,000 个字符").doesNotContain("{1}");
        assertThat(jdbc.queryForObject("select status from approval where id = ?", String.class, a))
                .isEqualTo("PENDING");
        assertThat(decide("risk1", a, "REJECTED", "资料不全").status()).isEqualTo(200);
        var second = decide("risk1", a, "APPROVED", null);
        assertThat(second.status()).as("a second decision never overwrites the first").isEqualTo(409);
        assertThat(jdbc.queryForObject("select status from approval where id = ?", String.class, a))
                .isEqualTo("REJECTED");
    }

    @Test
    void aStaleVersionOfTheRequestIsAConflict() {
        long id = loan("1100000.00");
        JsonNode a = request(id);
        // Another approver's decision lands in between (as two approvers deciding at once would).
        jdbc.update("update approval set version = version + 1 where id = ?", a.get("id").asLong());
        var stale = Http.basic(port, "risk1").postJson("/api/v1/approvals/" + a.get("id").asLong() + "/decision",
                Map.of("decision", "APPROVED", "version", a.get("version").asInt()));
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
    }

    @Test
    void oneRequestPendingAtATime() {
        long id = loan("1100000.00");
        request(id);
        var second = Http.basic(port, "rm1").postJson("/api/v1/opportunities/" + id + "/approvals", Map.of());
        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(jdbc.queryForObject("select count(*) from approval where opportunity_id = ?", Integer.class, id))
                .isEqualTo(1);
    }

    @Test
    void requestsAndDecisionsAreHistoryAndTheOutcomeNotifiesTheRequester() {
        long id = loan("1100000.00");
        long a = request(id).get("id").asLong();
        assertThat(decide("risk1", a, "APPROVED", "同意放款").status()).isEqualTo(200);
        var history = Http.basic(port, "rm1").get("/api/v1/opportunities/" + id + "/history").json();
        List<String> approvals = new ArrayList<>();
        history.forEach(h -> {
            if ("APPROVAL".equals(h.get("event").asString())) {
                approvals.add(h.get("to").asString() + " by " + h.get("by").asString());
            }
        });
        assertThat(approvals).containsExactly("PENDING by rm1", "APPROVED by risk1");
        assertThat(jdbc.queryForObject("""
                select count(*) from notification n join staff_user u on u.id = n.user_id
                where u.username = 'rm1' and n.kind = 'APPROVAL' and n.approval_id = ?""", Integer.class, a))
                .isEqualTo(1);
        var notes = Http.basic(port, "rm1").get("/api/v1/notifications").body();
        assertThat(notes).contains("审批已批准：审批测试贷款 1100000.00");
        // RMs see their own requests in the list.
        List<Long> mine = new ArrayList<>();
        Http.basic(port, "rm1").get("/api/v1/approvals?status=APPROVED").json()
                .forEach(n -> mine.add(n.get("id").asLong()));
        assertThat(mine).contains(a);
        assertThat(Http.basic(port, "rm2").get("/api/v1/approvals?status=APPROVED").body())
                .doesNotContain("\"id\":" + a + ",");
    }

    @Test
    void theGateHoldsOnTheOpportunityPageAndTheBoard() {
        long id = loan("2500000.00");
        Http rm1 = Http.session(port, "rm1");
        var page = rm1.get("/opportunities/" + id);
        assertThat(page.body()).contains("id=\"approval-needed\"").contains("id=\"win-approval-needed\"")
                .contains("id=\"approval-request\"");
        String csrf = page.csrf();
        var won = rm1.postForm("/opportunities/" + id + "/move", Map.of("_csrf", csrf, "toStage", "WON",
                "version", "" + version(id), "wonAmount", "2500000.00"));
        assertThat(won.status()).isEqualTo(302);
        assertThat(stage(id)).isEqualTo("QUALIFIED");
        assertThat(rm1.get("/opportunities/" + id).body()).contains("该商机达到审批规则，需审批通过后才能赢单。");

        var board = rm1.get("/opportunities/board");
        assertThat(board.body()).contains("card-" + id);
        var moved = rm1.postForm("/opportunities/board/" + id + "/move", Map.of("_csrf", board.csrf(),
                "toStage", "WON", "version", "" + version(id), "wonAmount", "2500000.00"),
                Map.of("HX-Request", "true"));
        assertThat(moved.body()).doesNotContain("<html").contains("该商机达到审批规则，需审批通过后才能赢单。");
        assertThat(stage(id)).isEqualTo("QUALIFIED");

        var asked = rm1.postForm("/opportunities/" + id + "/approvals", Map.of("_csrf", csrf, "from", "board"));
        assertThat(asked.status()).isEqualTo(302);
        assertThat(rm1.get("/opportunities/board").body()).contains("审批中");
        long a = jdbc.queryForObject("select id from approval where opportunity_id = ? and status = 'PENDING'",
                Long.class, id);
        // the head sees the request and who decides it; the risk officer the form to decide
        var headInbox = org.jsoup.Jsoup.parse(Http.session(port, "head1").get("/approvals").body());
        assertThat(headInbox.select("#decide-" + a)).isEmpty();
        assertThat(headInbox.select("#approval-" + a + " .approval-waiting").text()).contains("等待风险审批人审批");
        Http risk = Http.session(port, "risk1");
        var inbox = risk.get("/approvals");
        assertThat(inbox.body()).contains("approval-" + a).contains("decide-" + a);
        assertThat(org.jsoup.Jsoup.parse(inbox.body()).select("#approval-" + a + " .approval-waiting")).isEmpty();
        assertThat(risk.postForm("/approvals/" + a + "/decision", Map.of("_csrf", inbox.csrf(),
                "decision", "APPROVED", "comment", "同意")).status()).isEqualTo(302);
        var again = rm1.postForm("/opportunities/" + id + "/move", Map.of("_csrf", csrf, "toStage", "WON",
                "version", "" + version(id), "wonAmount", "2500000.00"));
        assertThat(again.status()).isEqualTo(302);
        assertThat(stage(id)).isEqualTo("WON");
    }
}
