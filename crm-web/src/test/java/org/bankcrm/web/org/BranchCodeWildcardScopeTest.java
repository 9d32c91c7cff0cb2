package org.bankcrm.web.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A branch code may contain {@code _}, a LIKE wildcard. The head of {@code B_1} sees {@code B_1} and the branch
 * under it, and nothing of its sibling {@code BX1}, whose path {@code /HQ/BX1/} an unescaped pattern
 * {@code /HQ/B_1/%} would match: in every list, picker, read model and export.
 */
@CrmWebTest
class BranchCodeWildcardScopeTest {

    private static final String HEAD = "wldhead";
    private static final String RM_OWN = "wldrmown";
    private static final String RM_KID = "wldrmkid";
    private static final String RM_SIB = "wldrmsib";
    private static final String OWN = "WLD_OWN";
    private static final String KID = "WLD_KID";
    private static final String SIB = "WLD_SIB";

    private static final Map<String, Long> opportunities = new java.util.HashMap<>();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void branchesUsersAndRecords() {
        if (!opportunities.isEmpty()) {
            return;
        }
        Http admin = Http.basic(port, "admin");
        created(admin.postJson("/api/v1/admin/branches", Map.of("code", "B_1", "name", "通配本行", "parentCode", "HQ")));
        created(admin.postJson("/api/v1/admin/branches", Map.of("code", "BX1", "name", "通配邻行", "parentCode", "HQ")));
        created(admin.postJson("/api/v1/admin/branches", Map.of("code", "B_1C", "name", "通配下级", "parentCode", "B_1")));
        assertThat(jdbc.queryForList("select path from branch where code in ('B_1', 'BX1', 'B_1C') order by path",
                String.class)).containsExactly("/HQ/BX1/", "/HQ/B_1/", "/HQ/B_1/B_1C/");
        created(admin.postJson("/api/v1/admin/users", Map.of("username", HEAD, "displayName", "通配行长",
                "role", "BRANCH_HEAD", "branchCode", "B_1", "password", Http.DEMO_PASSWORD)));
        record(admin, RM_OWN, "B_1", OWN);
        record(admin, RM_KID, "B_1C", KID);
        record(admin, RM_SIB, "BX1", SIB);
    }

    private static void created(Http.Response res) {
        assertThat(res.status()).as(res.body()).isEqualTo(201);
    }

    /** An RM of the branch, their customer, an open opportunity on it, an overdue action and a waiting referral. */
    private void record(Http admin, String rm, String branch, String customerNo) {
        created(admin.postJson("/api/v1/admin/users", Map.of("username", rm, "displayName", "经理" + rm,
                "role", "RM", "branchCode", branch, "password", Http.DEMO_PASSWORD)));
        created(admin.postJson("/api/v1/customers", Map.of("customerNo", customerNo, "type", "RETAIL",
                "name", "客户" + customerNo, "branchCode", branch, "ownerRm", rm, "aum", 120000,
                "birthDate", "1985-05-05")));
        var opp = admin.postJson("/api/v1/opportunities", Map.of("customerNo", customerNo, "productCode", "FUND",
                "amount", new BigDecimal("12345"), "ownerRm", rm,
                "expectedCloseDate", LocalDate.now().plusDays(30).toString()));
        created(opp);
        long id = opp.json().get("id").asLong();
        opportunities.put(customerNo, id);
        jdbc.update("""
                        insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, next_action,
                                               next_action_date, next_action_done, created_by)
                        select o.customer_id, o.id, 'CALL', now(), 'wildcard', ?, ?, false, u.id
                        from opportunity o, staff_user u where o.id = ? and u.username = ?""",
                "action-" + customerNo, LocalDate.now().minusDays(2), id, rm);
        created(Http.basic(port, rm).postJson("/api/v1/referrals", Map.of("customerNo", customerNo,
                "channel", "LOBBY", "need", "need-" + customerNo)));
    }

    private static Set<String> all(Http http, String path, String field) {
        Set<String> values = new HashSet<>();
        var res = http.get(path + (path.contains("?") ? "&" : "?") + "size=500");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        res.json().get("items").forEach(i -> values.add(i.get(field).isNull() ? "null" : i.get(field).asString()));
        return values;
    }

    private static String page(Http session, String path) {
        var res = session.get(path);
        assertThat(res.status()).as(path + ": " + res.body()).isEqualTo(200);
        return res.body();
    }

    private static String link(long opportunityId) {
        return "/opportunities/" + opportunityId + "\"";
    }

    @Test
    void opportunitiesOfTheSiblingBranchStayOutOfTheListApiAndDetail() {
        Http api = Http.basic(port, HEAD);
        assertThat(all(api, "/api/v1/opportunities", "branchCode")).containsOnly("B_1", "B_1C");
        assertThat(api.get("/api/v1/opportunities/" + opportunities.get(SIB)).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/opportunities/" + opportunities.get(KID)).status()).isEqualTo(200);

        String list = page(Http.session(port, HEAD), "/opportunities");
        assertThat(list).contains(link(opportunities.get(OWN)), link(opportunities.get(KID)))
                .doesNotContain(link(opportunities.get(SIB)));
        assertThat(page(Http.session(port, HEAD), "/opportunities/board"))
                .contains(link(opportunities.get(KID))).doesNotContain(link(opportunities.get(SIB)));
    }

    @Test
    void customersOfTheSiblingBranchStayOutOfTheListApiAndDetail() {
        Http api = Http.basic(port, HEAD);
        assertThat(all(api, "/api/v1/customers", "customerNo")).containsOnly(OWN, KID);
        assertThat(api.get("/api/v1/customers/" + SIB).status()).isEqualTo(404);

        Http session = Http.session(port, HEAD);
        assertThat(page(session, "/customers")).contains(OWN, KID).doesNotContain(SIB);
        assertThat(session.get("/customers/" + SIB).status()).isEqualTo(404);
    }

    @Test
    void myDayShowsTheSubtreeOnly() {
        String home = page(Http.session(port, HEAD), "/");
        assertThat(home).contains(link(opportunities.get(OWN)), link(opportunities.get(KID)), "action-" + KID,
                "need-" + KID);
        assertThat(home).doesNotContain(link(opportunities.get(SIB))).doesNotContain(SIB);
    }

    @Test
    void referralsAndTheReferralCustomerFinderShowTheSubtreeOnly() {
        assertThat(all(Http.basic(port, HEAD), "/api/v1/referrals", "customerNo")).containsOnly(OWN, KID);
        Http session = Http.session(port, HEAD);
        assertThat(page(session, "/referrals")).contains("need-" + OWN, "need-" + KID).doesNotContain("need-" + SIB);
        assertThat(page(session, "/customers/suggestions?reach=REFERRAL&q=WLD")).contains(OWN, KID).doesNotContain(SIB);
    }

    @Test
    void rmPickersOfferTheSubtreesRmsOnly() {
        Http session = Http.session(port, HEAD);
        for (String path : new String[] {"/opportunities", "/opportunities/" + opportunities.get(OWN), "/customers",
                "/customers/" + OWN, "/referrals", "/dashboard", "/dashboard/targets"}) {
            assertThat(page(session, path)).as(path).contains(RM_KID).doesNotContain(RM_SIB);
        }
    }

    @Test
    void theDashboardItsApiAndExportsCoverTheSubtreeOnly() {
        Http session = Http.session(port, HEAD);
        String dashboard = page(session, "/dashboard");
        assertThat(dashboard).contains("value=\"B_1C\"").doesNotContain("value=\"BX1\"").doesNotContain(RM_SIB);
        assertThat(session.get("/dashboard?branch=BX1").status()).isEqualTo(403);

        JsonNode pipeline = Http.basic(port, HEAD).get("/api/v1/dashboard/pipeline").json();
        assertThat(pipeline.get("open").get("count").asInt()).isEqualTo(2);
        assertThat(pipeline.get("overdueActions").asInt()).isEqualTo(2);
        Set<String> owners = new HashSet<>();
        pipeline.get("byOwner").forEach(o -> owners.add(o.get("ownerRm").asString()));
        assertThat(owners).containsOnly(RM_OWN, RM_KID);
        assertThat(Http.basic(port, HEAD).get("/api/v1/dashboard/pipeline?branch=BX1").status()).isEqualTo(403);

        String open = page(session, "/dashboard/list.csv?measure=OPEN");
        assertThat(open).contains(OWN, KID).doesNotContain(SIB).doesNotContain(RM_SIB);
        String overdue = page(session, "/dashboard/list.csv?measure=OVERDUE");
        assertThat(overdue).contains("action-" + KID).doesNotContain("action-" + SIB);
        String export = page(session, "/dashboard/export.csv");
        assertThat(export).contains(RM_KID).doesNotContain(RM_SIB).doesNotContain(SIB);
    }

    @Test
    void targetsOfTheSiblingBranchStayOut() {
        jdbc.update("""
                insert into target (period_type, period_start, rm_id, target_amount)
                select 'MONTH', date_trunc('month', current_date)::date, u.id, 777777 from staff_user u
                where u.username = ? and not exists (select 1 from target t where t.rm_id = u.id)""", RM_SIB);
        jdbc.update("""
                insert into target (period_type, period_start, rm_id, target_amount)
                select 'MONTH', date_trunc('month', current_date)::date, u.id, 666666 from staff_user u
                where u.username = ? and not exists (select 1 from target t where t.rm_id = u.id)""", RM_KID);
        String targets = page(Http.session(port, HEAD), "/dashboard/targets");
        assertThat(targets).contains(RM_KID).doesNotContain(RM_SIB);
    }
}
