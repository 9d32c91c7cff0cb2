package org.bankcrm.web.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bankcrm.service.opportunity.TeamQueries;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Opportunity teams and comments through the API on PostgreSQL (D44): each permission of each team role (owner,
 * CO_OWNER, SUPPORT, a non-member RM, the heads, the admin), {@code ?member=me}, a member seeing nothing else of the
 * customer, removal refusing at once (a signed-in session included), bad input, history events, the credit-share
 * fragment, and the mention rules. Each test opens its own opportunities (rm1's, in BR001) and adds rm3 (BR002)
 * and rm2 (BR001) as it needs.
 */
@CrmWebTest
class TeamApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private Http as(String user) {
        return Http.basic(port, user);
    }

    private String customerOfRm1() {
        return jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' order by c.customer_no limit 1""", String.class);
    }

    /** A new open opportunity of rm1 on {@code customerNo}. */
    private long open(String customerNo, String title) {
        Http.Response r = as("rm1").postJson("/api/v1/opportunities", Map.of("customerNo", customerNo,
                "productCode", "FUND", "title", title, "amount", 500000,
                "expectedCloseDate", LocalDate.now().plusDays(40).toString()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private Http.Response add(String by, long id, String username, String role, Integer share) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("role", role);
        if (share != null) {
            body.put("creditShare", share);
        }
        return as(by).postJson("/api/v1/opportunities/" + id + "/team", body);
    }

    private static List<String> team(JsonNode team) {
        List<String> lines = new ArrayList<>();
        team.forEach(m -> lines.add(m.get("username").asText() + " " + m.get("role").asText() + " "
                + m.get("creditShare").asInt()));
        return lines;
    }

    private int version(long id) {
        return as("admin").get("/api/v1/opportunities/" + id).json().get("version").asInt();
    }

    private Http.Response followUp(String by, long id) {
        return as(by).postJson("/api/v1/opportunities/" + id + "/follow-ups", Map.of("type", "CALL",
                "summary", "团队成员跟进", "nextAction", "团队成员下一步",
                "nextActionDate", LocalDate.now().toString()));
    }

    @Test
    void eachTeamRoleMayDoWhatTheContractSaysAndNothingElse() {
        String customer = customerOfRm1();
        long deal = open(customer, "团队权限 主商机");
        long other = open(customer, "团队权限 同客户另一商机");

        // Before joining, rm2 (a peer RM) and rm3 (another branch) see nothing of it.
        assertThat(as("rm2").get("/api/v1/opportunities/" + deal).status()).isEqualTo(404);
        assertThat(as("rm3").get("/api/v1/opportunities/" + deal).status()).isEqualTo(404);
        assertThat(as("rm3").get("/api/v1/opportunities/" + deal + "/team").status()).isEqualTo(404);

        Http.Response added = add("rm1", deal, "rm3", "CO_OWNER", 30);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(team(added.json())).containsExactly("rm1 OWNER 70", "rm3 CO_OWNER 30");
        // A head of the opportunity's branch manages the team too.
        assertThat(add("head1", deal, "rm2", "SUPPORT", 10).status()).isEqualTo(201);
        assertThat(team(as("rm3").get("/api/v1/opportunities/" + deal + "/team").json()))
                .containsExactly("rm1 OWNER 60", "rm3 CO_OWNER 30", "rm2 SUPPORT 10");

        // CO_OWNER (rm3, BR002): sees it, its follow-ups, history and comments; edits, moves, logs, comments.
        Http rm3 = as("rm3");
        assertThat(rm3.get("/api/v1/opportunities/" + deal).status()).isEqualTo(200);
        assertThat(rm3.get("/api/v1/opportunities/" + deal + "/follow-ups").status()).isEqualTo(200);
        assertThat(rm3.get("/api/v1/opportunities/" + deal + "/history").status()).isEqualTo(200);
        assertThat(rm3.get("/api/v1/opportunities/" + deal + "/comments").status()).isEqualTo(200);
        assertThat(rm3.patchJson("/api/v1/opportunities/" + deal, Map.of("version", version(deal),
                "title", "团队权限 共同负责人改过")).status()).isEqualTo(200);
        assertThat(rm3.postJson("/api/v1/opportunities/" + deal + "/transitions", Map.of("toStage", "CONTACTED",
                "version", version(deal))).status()).isEqualTo(200);
        assertThat(followUp("rm3", deal).status()).isEqualTo(201);
        assertThat(rm3.postJson("/api/v1/opportunities/" + deal + "/comments", Map.of("text", "共同负责人评论"))
                .status()).isEqualTo(201);
        // ...but does not manage the team or reassign.
        assertThat(add("rm3", deal, "head2", "SUPPORT", 0).status()).isEqualTo(403);
        assertThat(rm3.delete("/api/v1/opportunities/" + deal + "/team/rm2").status()).isEqualTo(403);
        assertThat(rm3.postJson("/api/v1/opportunities/" + deal + "/owner", Map.of("ownerRm", "rm3",
                "version", version(deal))).status()).isEqualTo(403);
        // The customer's name and masked data come with the opportunity; nothing else of the customer.
        JsonNode seen = rm3.get("/api/v1/opportunities/" + deal).json();
        assertThat(seen.get("customerName").asText()).isNotBlank();
        assertThat(rm3.get("/api/v1/opportunities/" + other).status()).isEqualTo(404);
        assertThat(rm3.get("/api/v1/customers/" + customer).status()).isEqualTo(404);
        assertThat(rm3.get("/api/v1/customers/" + customer + "/follow-ups").status()).isEqualTo(404);
        JsonNode listed = rm3.get("/api/v1/opportunities?customerNo=" + customer + "&size=100").json();
        assertThat(ids(listed)).contains(deal).doesNotContain(other);

        // SUPPORT (rm2): logs follow-ups and comments; no edit, no move, no team.
        Http rm2 = as("rm2");
        assertThat(rm2.get("/api/v1/opportunities/" + deal).status()).isEqualTo(200);
        assertThat(followUp("rm2", deal).status()).isEqualTo(201);
        assertThat(rm2.postJson("/api/v1/opportunities/" + deal + "/comments", Map.of("text", "协助成员评论"))
                .status()).isEqualTo(201);
        assertThat(rm2.patchJson("/api/v1/opportunities/" + deal, Map.of("version", version(deal),
                "title", "协助成员不能改")).status()).isEqualTo(403);
        assertThat(rm2.postJson("/api/v1/opportunities/" + deal + "/transitions", Map.of("toStage", "QUALIFIED",
                "version", version(deal))).status()).isEqualTo(403);
        assertThat(add("rm2", deal, "head2", "SUPPORT", 0).status()).isEqualTo(403);
        assertThat(rm2.get("/api/v1/opportunities/" + other).status()).isEqualTo(404);

        // The heads: head1 (its branch) sees and works it; head2 (rm3's head, another branch) sees nothing.
        assertThat(as("head1").get("/api/v1/opportunities/" + deal).status()).isEqualTo(200);
        assertThat(as("head2").get("/api/v1/opportunities/" + deal).status()).isEqualTo(404);
        assertThat(as("head2").get("/api/v1/opportunities/" + deal + "/comments").status()).isEqualTo(404);
        assertThat(as("admin").get("/api/v1/opportunities/" + deal + "/team").status()).isEqualTo(200);
        assertThat(as("teller1").get("/api/v1/opportunities/" + deal + "/team").status()).isEqualTo(403);

        // The owner still works it fully; the pipeline stays by owner.
        assertThat(as("rm1").patchJson("/api/v1/opportunities/" + deal, Map.of("version", version(deal),
                "title", "团队权限 负责人改过")).status()).isEqualTo(200);

        // ?member=me: the caller's teams only; the owner is no member of their own.
        assertThat(ids(rm3.get("/api/v1/opportunities?member=me&size=200").json())).contains(deal)
                .doesNotContain(other);
        assertThat(ids(as("rm1").get("/api/v1/opportunities?member=me&size=200").json())).doesNotContain(deal);

        // The board's column total counts what the board shows a member: the team's deal is counted in its stage,
        // as the list (owner or team) counts it; the pipeline figures elsewhere stay by owner.
        String stage = jdbc.queryForObject("select stage from opportunity where id = ?", String.class, deal);
        Element column = Jsoup.parse(Http.session(port, "rm3").get("/opportunities/board").body())
                .selectFirst(".board-column[data-stage=" + stage + "] .board-column-head .small");
        long inStage = rm3.get("/api/v1/opportunities?status=OPEN&stage=" + stage + "&size=1").json().get("total")
                .asLong();
        assertThat(column.text()).startsWith(inStage + " 笔");
        Http.Response bad = rm3.get("/api/v1/opportunities?member=rm1");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("member");

        // History: who was added and removed, by whom.
        JsonNode history = as("rm1").get("/api/v1/opportunities/" + deal + "/history").json();
        List<String> events = new ArrayList<>();
        history.forEach(h -> events.add(h.get("event").asText() + " " + h.path("to").asText("")));
        assertThat(events).contains("MEMBER_ADDED rm3", "MEMBER_ADDED rm2");
    }

    @Test
    void removalTakesAccessAwayAtOnceSessionsIncluded() {
        long deal = open(customerOfRm1(), "团队移出");
        assertThat(add("rm1", deal, "rm3", "SUPPORT", 20).status()).isEqualTo(201);
        Http session = Http.session(port, "rm3");
        assertThat(session.get("/api/v1/opportunities/" + deal).status()).isEqualTo(200);
        assertThat(session.get("/opportunities/" + deal).status()).isEqualTo(200);

        Http.Response removed = as("rm1").delete("/api/v1/opportunities/" + deal + "/team/rm3");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(team(removed.json())).containsExactly("rm1 OWNER 100");
        assertThat(session.get("/api/v1/opportunities/" + deal).status()).isEqualTo(404);
        assertThat(session.get("/opportunities/" + deal).status()).isEqualTo(404);
        assertThat(followUp("rm3", deal).status()).isEqualTo(404);
        assertThat(as("rm3").get("/api/v1/opportunities?member=me&size=200").json().toString())
                .doesNotContain("\"id\":" + deal + ",");
        // Removing someone who is no member is not found; the history has the removal.
        assertThat(as("rm1").delete("/api/v1/opportunities/" + deal + "/team/rm3").status()).isEqualTo(404);
        JsonNode history = as("rm1").get("/api/v1/opportunities/" + deal + "/history").json();
        assertThat(history.toString()).contains("MEMBER_REMOVED");
    }

    @Test
    void badInputIsRefusedWithATranslatedMessageAndChangesNothing() {
        long deal = open(customerOfRm1(), "团队错误输入");
        assertThat(add("rm1", deal, "rm3", "CO_OWNER", 60).status()).isEqualTo(201);
        long before = members(deal);

        Http.Response over = add("rm1", deal, "rm2", "SUPPORT", 41);
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.body()).contains("creditShare").contains("100").contains("40");
        Http.Response overEn = Http.basic(port, "rm1").language("en").postJson("/api/v1/opportunities/" + deal
                + "/team", Map.of("username", "rm2", "role", "SUPPORT", "creditShare", 41));
        assertThat(overEn.body()).contains("cannot sum over 100%");
        assertThat(add("rm1", deal, "nobody_here", "SUPPORT", 0).body()).contains("nobody_here");
        assertThat(add("rm1", deal, "nobody_here", "SUPPORT", 0).status()).isEqualTo(400);
        assertThat(add("rm1", deal, "rm1", "SUPPORT", 0).status()).isEqualTo(400);
        assertThat(add("rm1", deal, "teller1", "SUPPORT", 0).status()).isEqualTo(400);
        assertThat(add("rm1", deal, "rm2", "OWNER", 0).status()).isEqualTo(400);
        assertThat(add("rm1", deal, "rm2", "SUPPORT", 101).status()).isEqualTo(400);
        assertThat(add("rm1", deal, "rm2", "SUPPORT", -1).status()).isEqualTo(400);
        assertThat(as("rm1").postJson("/api/v1/opportunities/" + deal + "/team", Map.of("username", "rm2",
                "role", "SUPPORT", "creditShare", "lots")).status()).isEqualTo(400);
        assertThat(members(deal)).isEqualTo(before);
        assertThat(team(as("rm1").get("/api/v1/opportunities/" + deal + "/team").json()))
                .containsExactly("rm1 OWNER 40", "rm3 CO_OWNER 60");

        // Exactly 100 is fine: the owner then holds 0; changing a member's share counts only the others.
        assertThat(add("rm1", deal, "rm2", "SUPPORT", 40).status()).isEqualTo(201);
        assertThat(add("rm1", deal, "rm3", "CO_OWNER", 50).status()).isEqualTo(201);
        assertThat(team(as("rm1").get("/api/v1/opportunities/" + deal + "/team").json()))
                .containsExactly("rm1 OWNER 10", "rm3 CO_OWNER 50", "rm2 SUPPORT 40");

        // The credit-share fragment for incentives: every member's share and the owner's rest, summing to 100.
        List<Map<String, Object>> shares = jdbc.queryForList("select u.username, cs.share from ("
                + TeamQueries.CREDIT_SHARES + ") cs join staff_user u on u.id = cs.user_id where cs.opportunity_id = ?"
                + " order by u.username", deal);
        assertThat(shares).extracting(r -> r.get("username") + " " + r.get("share"))
                .containsExactly("rm1 10", "rm2 40", "rm3 50");

        // Comments: required, at most 2000 characters.
        assertThat(as("rm1").postJson("/api/v1/opportunities/" + deal + "/comments", Map.of("text", " "))
                .status()).isEqualTo(400);
        assertThat(as("rm1").postJson("/api/v1/opportunities/" + deal + "/comments", Map.of("text",
                "长".repeat(2001))).status()).isEqualTo(400);
    }

    /** A co-owner's approval request leaves their list with them when they leave the team (D44, D45). */
    @Test
    void aRemovedCoOwnerNoLongerSeesTheirApprovalRequest() {
        String customer = customerOfRm1();
        Http.Response r = as("rm1").postJson("/api/v1/opportunities", Map.of("customerNo", customer,
                "productCode", "LOAN_CORP", "title", "团队审批贷款", "amount", 2000000,
                "expectedCloseDate", LocalDate.now().plusDays(40).toString()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        long deal = r.json().get("id").asLong();
        assertThat(add("rm1", deal, "rm3", "CO_OWNER", 20).status()).isEqualTo(201);
        var asked = as("rm3").postJson("/api/v1/opportunities/" + deal + "/approvals", Map.of());
        assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
        long approval = asked.json().get("id").asLong();
        assertThat(as("rm3").get("/api/v1/approvals").body()).contains("\"id\":" + approval);
        assertThat(as("rm1").delete("/api/v1/opportunities/" + deal + "/team/rm3").status()).isEqualTo(200);
        assertThat(as("rm3").get("/api/v1/approvals").body()).doesNotContain("\"id\":" + approval);
    }

    /**
     * A closed opportunity's team stays as it closed: its credit shares are what the incentives paid on (D47). Adding,
     * changing a share or removing is a 409 until it is reopened, and the page offers none of it; a risk officer is
     * refused as what they are.
     */
    @Test
    void aClosedOpportunitysTeamIsNotChangedUntilReopened() {
        long deal = open(customerOfRm1(), "团队已成交");
        assertThat(add("rm1", deal, "rm2", "SUPPORT", 30).status()).isEqualTo(201);
        var qualified = as("rm1").postJson("/api/v1/opportunities/" + deal + "/transitions",
                Map.of("toStage", "QUALIFIED", "version", version(deal)));
        assertThat(qualified.status()).as(qualified.toString()).isEqualTo(200);
        var won = as("rm1").postJson("/api/v1/opportunities/" + deal + "/transitions",
                Map.of("toStage", "WON", "version", version(deal), "wonAmount", 6000));
        assertThat(won.status()).as(won.toString()).isEqualTo(200);

        assertThat(add("rm1", deal, "rm2", "SUPPORT", 60).status()).isEqualTo(409);
        assertThat(add("rm1", deal, "rm3", "CO_OWNER", 20).status()).isEqualTo(409);
        assertThat(add("head1", deal, "rm3", "CO_OWNER", 20).status()).isEqualTo(409);
        assertThat(as("rm1").delete("/api/v1/opportunities/" + deal + "/team/rm2").status()).isEqualTo(409);
        assertThat(team(as("rm1").get("/api/v1/opportunities/" + deal + "/team").json()))
                .containsExactly("rm1 OWNER 70", "rm2 SUPPORT 30");
        var page = Jsoup.parse(Http.session(port, "rm1").get("/opportunities/" + deal).body());
        assertThat(page.select("#team-list li")).hasSize(2);
        assertThat(page.select("#team-form")).isEmpty();
        assertThat(page.select("#team-list form")).isEmpty();

        var risk = add("rm1", open(customerOfRm1(), "团队审批人"), "risk1", "SUPPORT", 0);
        assertThat(risk.status()).isEqualTo(400);
        assertThat(risk.json().get("errors").get(0).get("message").asText()).contains("风险审批人")
                .doesNotContain("risk1 是转介人员，");
    }

    /**
     * Two changes made from one view of the team: the second is refused (409, nothing changed) when it names the
     * version it read, through the API's {@code If-Match} or the page's hidden field; a change naming none, or naming
     * the current version among others, goes through.
     */
    @Test
    void twoChangesFromOneViewOfTheTeamDoNotOverwriteEachOther() {
        long deal = open(customerOfRm1(), "团队并发修改");
        String path = "/api/v1/opportunities/" + deal + "/team";
        assertThat(add("rm1", deal, "rm2", "SUPPORT", 10).status()).isEqualTo(201);
        String seen = as("rm1").get(path).header("ETag");
        assertThat(seen).matches("\"[0-9a-f]{16}\"");
        var page = Http.session(port, "rm1");
        var form = Jsoup.parse(page.get("/opportunities/" + deal).body());
        assertThat("\"" + form.selectFirst("#team-form input[name=teamVersion]").val() + "\"").isEqualTo(seen);

        var first = as("head1").postJson(path, Map.of("username", "rm2", "role", "CO_OWNER", "creditShare", 30),
                Map.of("If-Match", seen));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        String now = first.header("ETag");
        assertThat(now).isNotEqualTo(seen).isEqualTo(as("rm1").get(path).header("ETag"));

        var second = as("rm1").postJson(path, Map.of("username", "rm2", "role", "SUPPORT", "creditShare", 20),
                Map.of("If-Match", seen));
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.json().get("detail").asText()).contains("团队在页面打开后已被他人修改");
        assertThat(as("rm1").delete(path + "/rm2", Map.of("If-Match", "W/" + seen)).status()).isEqualTo(409);
        var onPage = page.postForm("/opportunities/" + deal + "/team", Map.of("_csrf", form.selectFirst(
                "#team-form input[name=_csrf]").val(), "username", "rm2", "role", "SUPPORT", "creditShare", "5",
                "teamVersion", form.selectFirst("#team-form input[name=teamVersion]").val()));
        assertThat(onPage.status()).isEqualTo(302);
        var after = Jsoup.parse(page.get("/opportunities/" + deal).body());
        assertThat(after.select(".alert-danger").text()).contains("团队在页面打开后已被他人修改");
        assertThat(after.selectFirst("#team-username").val()).isEqualTo("rm2");
        assertThat(team(as("rm1").get(path).json())).containsExactly("rm1 OWNER 70", "rm2 CO_OWNER 30");

        var listed = as("rm1").delete(path + "/rm2", Map.of("If-Match", seen + ", " + now));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(add("rm1", deal, "rm3", "SUPPORT", 0).status()).isEqualTo(201);
        assertThat(team(as("rm1").get(path).json())).containsExactly("rm1 OWNER 100", "rm3 SUPPORT 0");
    }

    /**
     * The owner is never a member: a deal handed to one of its members drops their member row (V26), so they are
     * counted once in the team and in the credit shares. A risk officer joins no team (D45).
     */
    @Test
    void aMemberWhoBecomesTheOwnerLeavesTheTeamAndARiskOfficerJoinsNone() {
        long deal = open(customerOfRm1(), "团队移交给成员");
        assertThat(add("rm1", deal, "rm2", "SUPPORT", 10).status()).isEqualTo(201);
        assertThat(add("rm1", deal, "risk1", "SUPPORT", 0).status()).isEqualTo(400);
        var moved = as("head1").postJson("/api/v1/opportunities/" + deal + "/owner", Map.of("ownerRm", "rm2",
                "version", version(deal)));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(team(as("rm2").get("/api/v1/opportunities/" + deal + "/team").json()))
                .containsExactly("rm2 OWNER 100");
        assertThat(jdbc.queryForList("select user_id from (" + TeamQueries.CREDIT_SHARES + ") cs"
                + " where cs.opportunity_id = ?", Long.class, deal)).hasSize(1);
    }

    @Test
    void aMentionNotifiesThoseWhoMaySeeItOnlyAndTurnsInaccessibleAfterRemoval() {
        long deal = open(customerOfRm1(), "团队提及");
        assertThat(add("rm1", deal, "rm3", "CO_OWNER", 0).status()).isEqualTo(201);
        long rm3Before = notifications("rm3");
        long head2Before = notifications("head2");
        long rm2Before = notifications("rm2");

        Http.Response posted = as("rm1").postJson("/api/v1/opportunities/" + deal + "/comments", Map.of("text",
                "@rm3 请看客户电话 13812345678，@head2 @rm2 @nobody_here 也看看 <b>加急</b>"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        JsonNode comment = posted.json();
        // rm3 (a member) and head1-like viewers may be mentioned; head2 (another branch) and rm2 (no member)
        // cannot see it: they are not notified and gain nothing.
        assertThat(comment.get("mentions").toString()).isEqualTo("[\"rm3\"]");
        assertThat(comment.get("by").asText()).isEqualTo("rm1");
        assertThat(comment.get("text").asText()).contains("138****5678").doesNotContain("13812345678")
                .contains("<b>加急</b>");
        assertThat(notifications("rm3")).isEqualTo(rm3Before + 1);
        assertThat(notifications("head2")).isEqualTo(head2Before);
        assertThat(notifications("rm2")).isEqualTo(rm2Before);
        assertThat(as("rm2").get("/api/v1/opportunities/" + deal).status()).isEqualTo(404);
        // The other viewers, as rm3 writes: the head of its branch, the admin and its owner; head2 still not.
        Http.Response others = as("rm3").postJson("/api/v1/opportunities/" + deal + "/comments",
                Map.of("text", "@head1 @admin @rm1 @head2 请看"));
        assertThat(others.status()).as(others.toString()).isEqualTo(201);
        assertThat(others.json().get("mentions").toString()).isEqualTo("[\"head1\",\"admin\",\"rm1\"]");

        JsonNode mine = mention("rm3", deal);
        assertThat(mine.get("recordVisible").asBoolean()).isTrue();
        assertThat(mine.get("link").asText()).startsWith("/opportunities/" + deal);
        assertThat(mine.get("title").asText()).contains("团队提及");

        // The thread lists it, oldest first, to everyone who sees the opportunity.
        JsonNode thread = as("rm3").get("/api/v1/opportunities/" + deal + "/comments").json();
        assertThat(thread.get(0).get("id").asLong()).isEqualTo(comment.get("id").asLong());

        // Removed from the team, rm3's notification no longer opens the record nor names it.
        assertThat(as("rm1").delete("/api/v1/opportunities/" + deal + "/team/rm3").status()).isEqualTo(200);
        JsonNode after = mention("rm3", deal);
        assertThat(after.get("recordVisible").asBoolean()).isFalse();
        assertThat(after.get("link").isNull()).isTrue();
        assertThat(after.get("title").asText()).doesNotContain("团队提及");
    }

    private long notifications(String username) {
        return jdbc.queryForObject("""
                select count(*) from notification n join staff_user u on u.id = n.user_id
                where u.username = ? and n.kind = 'MENTION'""", Long.class, username);
    }

    private JsonNode mention(String username, long opportunityId) {
        long id = jdbc.queryForObject("""
                select max(n.id) from notification n join staff_user u on u.id = n.user_id
                where u.username = ? and n.opportunity_id = ?""", Long.class, username, opportunityId);
        Http.Response r = as(username).get("/api/v1/notifications?size=100");
        assertThat(r.status()).isEqualTo(200);
        for (JsonNode n : r.json().get("items")) {
            if (n.get("id").asLong() == id) {
                return n;
            }
        }
        throw new AssertionError("notification " + id + " not listed: " + r.body());
    }

    private long members(long deal) {
        return jdbc.queryForObject("select count(*) from opportunity_member where opportunity_id = ?", Long.class,
                deal) + jdbc.queryForObject("select count(*) from opportunity_history where opportunity_id = ?",
                Long.class, deal);
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(o -> ids.add(o.get("id").asLong()));
        return ids;
    }
}
