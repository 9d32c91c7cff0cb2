package org.bankcrm.web.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The branch league table (issue 17, D53) on a tree of its own under HQ: parent P with children A and B, A with a
 * grandchild A1, and elsewhere Q with a child Q1. Every figure against hand values and against the same branch's
 * dashboard APIs; scope (a leaf's head 403, another subtree's parent 404 as an unknown one); bad input 400.
 */
@CrmWebTest
class LeagueTest {

    private static final ZoneId BANK = ZoneId.of("Asia/Shanghai");
    private static final String PERIOD = "from=2025-03-01&to=2025-03-31";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private String p;
    private String headP;
    private String headA;
    private String headA1;
    private String headQ;
    private String rmA;
    private int customers;

    @BeforeEach
    void tree() {
        p = "LG" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String l = p.toLowerCase();
        branch(p + "P", "HQ");
        branch(p + "A", p + "P");
        branch(p + "B", p + "P");
        branch(p + "A1", p + "A");
        branch(p + "Q", "HQ");
        branch(p + "Q1", p + "Q");
        headP = user(l + "_headp", "BRANCH_HEAD", p + "P");
        headA = user(l + "_heada", "BRANCH_HEAD", p + "A");
        headA1 = user(l + "_heada1", "BRANCH_HEAD", p + "A1");
        headQ = user(l + "_headq", "BRANCH_HEAD", p + "Q");
        rmA = user(l + "_rma", "RM", p + "A");
        String rmA1 = user(l + "_rma1", "RM", p + "A1");
        String rmB = user(l + "_rmb", "RM", p + "B");

        // A's subtree: 5000 (A) and 3000 (A1) won, one lost; A1's February win is outside the period.
        deal(rmA, "WON", "5000.00", "2025-03-10T10:00:00");
        deal(rmA, "LOST", "900.00", "2025-03-12T10:00:00");
        long a1Customer = deal(rmA1, "WON", "3000.00", "2025-03-20T10:00:00");
        deal(rmA1, "WON", "7000.00", "2025-02-28T23:59:59");
        // B: 2000 won, two lost (one late on the last day, bank time).
        long bCustomer = deal(rmB, "WON", "2000.00", "2025-03-05T10:00:00");
        deal(rmB, "LOST", "100.00", "2025-03-31T23:00:00");
        deal(rmB, "LOST", "100.00", "2025-03-15T10:00:00");
        // A's own won-amount target for March; a category target of A is not the branch's own row.
        jdbc.update("""
                insert into target (measure, period_type, period_start, branch_id, target_amount, created_by)
                select 'WON', 'MONTH', date '2025-03-01', b.id, 10000.00, u.id from branch b, staff_user u
                where b.code = ? and u.username = ?""", p + "A", headP);
        jdbc.update("""
                insert into target (measure, period_type, period_start, branch_id, product_category, target_amount,
                    created_by)
                select 'WON', 'MONTH', date '2025-03-01', b.id, 'WEALTH', 100.00, u.id from branch b, staff_user u
                where b.code = ? and u.username = ?""", p + "A", headP);
        // Satisfaction in A1 (counts for A's subtree): 4 and 5; an unrated follow-up does not count.
        followUp(rmA1, a1Customer, "2025-03-11T09:00:00", 4);
        followUp(rmA1, a1Customer, "2025-03-21T09:00:00", 5);
        followUp(rmA1, a1Customer, "2025-03-22T09:00:00", null);
        // An overdue open complaint in B.
        jdbc.update("""
                insert into complaint (customer_id, category, text, received_on, due_on, status, owner_id,
                    registered_by)
                select ?, 'SERVICE', '排名测试投诉', date '2025-01-01', date '2025-01-16', 'OPEN', u.id, u.id
                from staff_user u where u.username = ?""", bCustomer, rmB);
        // A GOLD customer of A, called in the period, for coverage.
        long gold = customer(rmA, "GOLD");
        followUp(rmA, gold, "2025-03-25T09:00:00", null);
    }

    @Test
    void everyFigureEqualsHandValuesAndTheBranchsOwnDashboard() {
        Http head = Http.basic(port, headP);
        Http.Response r = head.get("/api/v1/league?" + PERIOD);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode league = r.json();
        assertThat(league.get("parentCode").asText()).isEqualTo(p + "P");
        assertThat(league.get("sort").asText()).isEqualTo("wonAmount,desc");
        JsonNode rows = league.get("rows");
        assertThat(codes(rows)).containsExactly(p + "A", p + "B");

        JsonNode a = rows.get(0);
        assertThat(a.get("won").asLong()).isEqualTo(2);
        assertThat(a.get("wonAmount").decimalValue()).isEqualByComparingTo("8000.00");
        assertThat(a.get("lost").asLong()).isEqualTo(1);
        assertThat(a.get("conversionRate").decimalValue()).isEqualByComparingTo("0.6667");
        assertThat(a.get("targetAmount").decimalValue()).isEqualByComparingTo("10000.00");
        assertThat(a.get("attainment").decimalValue()).isEqualByComparingTo("0.8000");
        assertThat(a.get("responses").asLong()).isEqualTo(2);
        assertThat(a.get("satisfaction").decimalValue()).isEqualByComparingTo("4.50");
        assertThat(a.get("openComplaints").asLong()).isZero();
        assertThat(a.get("overdueComplaints").asLong()).isZero();

        JsonNode b = rows.get(1);
        assertThat(b.get("won").asLong()).isEqualTo(1);
        assertThat(b.get("wonAmount").decimalValue()).isEqualByComparingTo("2000.00");
        assertThat(b.get("lost").asLong()).isEqualTo(2);
        assertThat(b.get("conversionRate").decimalValue()).isEqualByComparingTo("0.3333");
        assertThat(b.get("attainment").isNull()).as("no target: no figure").isTrue();
        assertThat(b.get("responses").asLong()).isZero();
        assertThat(b.get("satisfaction").isNull()).isTrue();
        assertThat(b.get("openComplaints").asLong()).isEqualTo(1);
        assertThat(b.get("overdueComplaints").asLong()).isEqualTo(1);

        // Each row says what the branch's own dashboard APIs say for the same period.
        for (JsonNode row : rows) {
            String code = row.get("branchCode").asText();
            JsonNode closed = head.get("/api/v1/dashboard/pipeline?branch=" + code + "&" + PERIOD).json()
                    .get("closed");
            assertThat(row.get("won").asLong()).as(code).isEqualTo(closed.get("won").asLong());
            assertThat(row.get("lost").asLong()).as(code).isEqualTo(closed.get("lost").asLong());
            assertThat(row.get("wonAmount").decimalValue()).as(code).isEqualTo(closed.get("wonAmount").decimalValue());
            assertThat(row.get("conversionRate").decimalValue()).as(code)
                    .isEqualTo(closed.get("conversionRate").decimalValue());
            JsonNode s = head.get("/api/v1/dashboard/satisfaction?branch=" + code + "&" + PERIOD).json();
            assertThat(row.get("responses").asLong()).as(code).isEqualTo(s.get("responses").asLong());
            assertThat(row.get("satisfaction").toString()).as(code).isEqualTo(s.get("average").toString());
            JsonNode targets = head.get("/api/v1/dashboard/targets?branch=" + code + "&" + PERIOD).json()
                    .get("targets");
            JsonNode own = null;
            for (JsonNode t : targets) {
                if (t.get("measure").asText().equals("WON") && t.get("rm").isNull() && t.get("category").isNull()
                        && t.get("branch").asText().equals(code)) {
                    own = t;
                }
            }
            assertThat(row.get("attainment").toString()).as(code)
                    .isEqualTo(own == null ? "null" : own.get("amountRate").toString());
            long open = head.get("/api/v1/complaints?status=OPEN&branch=" + code).json().get("total").asLong();
            long overdue = head.get("/api/v1/complaints?status=OPEN&overdue=true&branch=" + code).json().get("total")
                    .asLong();
            assertThat(row.get("openComplaints").asLong()).as(code).isEqualTo(open);
            assertThat(row.get("overdueComplaints").asLong()).as(code).isEqualTo(overdue);
            JsonNode cov = head.get("/api/v1/coverage?branch=" + code + "&asOf=2025-03-31").json().get("total");
            if (cov.get("customers").asLong() == 0) {
                assertThat(row.get("coverageRate").isNull()).as(code).isTrue();
            } else {
                assertThat(row.get("coverageCustomers").asLong()).as(code).isEqualTo(cov.get("customers").asLong());
                assertThat(row.get("covered").asLong()).as(code).isEqualTo(cov.get("covered").asLong());
                assertThat(row.get("coverageRate").decimalValue()).as(code)
                        .isEqualTo(cov.get("coverageRate").decimalValue());
            }
        }

        // The admin reads the same table for P; sorting by any column, ties and "—" last.
        JsonNode asAdmin = Http.basic(port, "admin").get("/api/v1/league?parent=" + p + "P&" + PERIOD).json();
        assertThat(asAdmin.get("rows")).isEqualTo(rows);
        assertThat(codes(head.get("/api/v1/league?sort=conversion,asc&" + PERIOD).json().get("rows")))
                .containsExactly(p + "B", p + "A");
        assertThat(codes(head.get("/api/v1/league?sort=satisfaction,asc&" + PERIOD).json().get("rows")))
                .containsExactly(p + "A", p + "B");
        assertThat(codes(head.get("/api/v1/league?sort=overdueComplaints&" + PERIOD).json().get("rows")))
                .containsExactly(p + "B", p + "A");
        assertThat(codes(head.get("/api/v1/league?sort=responses,asc&from=2025-04-01&to=2025-04-30").json()
                .get("rows"))).as("all equal: by branch code").containsExactly(p + "A", p + "B");

        // The page: the same figures, each branch linking to its dashboard for the period.
        Document page = Jsoup.parse(Http.session(port, headP).get("/league?" + PERIOD).body());
        Element rowA = page.selectFirst("#league-table tr[data-branch=" + p + "A]");
        assertThat(rowA.selectFirst(".lg-won-amount").text()).as("a sum: compact (D39)").isEqualTo("¥8,000");
        assertThat(rowA.selectFirst(".lg-conversion").text()).isEqualTo("66.7%");
        assertThat(rowA.selectFirst(".lg-attainment").text()).isEqualTo("80.0%");
        assertThat(rowA.selectFirst(".lg-satisfaction").text()).isEqualTo("4.50");
        assertThat(rowA.selectFirst("th a").attr("href"))
                .isEqualTo("/dashboard?branch=" + p + "A&from=2025-03-01&to=2025-03-31");
        Element rowB = page.selectFirst("#league-table tr[data-branch=" + p + "B]");
        assertThat(rowB.selectFirst(".lg-attainment").text()).isEqualTo("—");
        assertThat(rowB.selectFirst(".lg-overdue").text()).isEqualTo("1");
        assertThat(page.selectFirst("th[aria-sort=descending] a").id()).isEqualTo("sort-wonAmount");
    }

    @Test
    void scopeIsTheCallersSubtreeAndBadInputIsRefused() {
        assertThat(Http.basic(port, headA1).get("/api/v1/league").status()).as("a leaf's head").isEqualTo(403);
        assertThat(Http.basic(port, rmA).get("/api/v1/league").status()).isEqualTo(403);
        assertThat(Http.session(port, headA1).get("/league").status()).isEqualTo(403);
        assertThat(codes(Http.basic(port, headA).get("/api/v1/league").json().get("rows")))
                .containsExactly(p + "A1");
        assertThat(codes(Http.basic(port, headQ).get("/api/v1/league").json().get("rows")))
                .containsExactly(p + "Q1");
        Http.Response unknown = Http.basic(port, headQ).get("/api/v1/league?parent=" + p + "NOPE");
        assertThat(unknown.status()).isEqualTo(404);
        for (String[] ask : new String[][] {{headQ, p + "P"}, {headA, p + "P"}, {headP, p + "Q"}}) {
            Http.Response r = Http.basic(port, ask[0]).get("/api/v1/league?parent=" + ask[1]);
            assertThat(r.status()).as(ask[0] + " -> " + ask[1]).isEqualTo(404);
            assertThat(r.json().get("detail").asText()).as("says nothing of whether it exists")
                    .isEqualTo(unknown.json().get("detail").asText().replace(p + "NOPE", ask[1]));
        }
        Http head = Http.basic(port, headP);
        Http.Response bad = head.get("/api/v1/league?from=2025-13-01");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("2025-13-01");
        assertThat(head.get("/api/v1/league?from=2025-03-31&to=2025-03-01").status()).isEqualTo(400);
        Http.Response sort = head.get("/api/v1/league?sort=bogus");
        assertThat(sort.status()).isEqualTo(400);
        assertThat(sort.body()).contains("bogus");
        Document page = Jsoup.parse(Http.session(port, headP).get("/league?from=nope").body());
        assertThat(page.selectFirst("#period-error").text()).contains("nope");
        assertThat(page.select("#league-table tr[data-branch]")).hasSize(2);
        // The link is offered where the table may be read.
        assertThat(Jsoup.parse(Http.session(port, headP).get("/dashboard").body()).selectFirst("#league-link"))
                .isNotNull();
        assertThat(Jsoup.parse(Http.session(port, headA1).get("/dashboard").body()).selectFirst("#league-link"))
                .isNull();
        assertThat(Jsoup.parse(Http.session(port, headP).get("/scorecards").body()).selectFirst("#league-link"))
                .isNotNull();
    }

    private static List<String> codes(JsonNode rows) {
        List<String> codes = new ArrayList<>();
        rows.forEach(r -> codes.add(r.get("branchCode").asText()));
        return codes;
    }

    private void branch(String code, String parent) {
        jdbc.update("""
                insert into branch (code, name, parent_id, path)
                select ?, ?, id, path || ? || '/' from branch where code = ?""", code, "排名测试" + code, code, parent);
    }

    private String user(String username, String role, String branch) {
        jdbc.update("""
                insert into staff_user (username, display_name, role, branch_id, password_hash)
                select ?, ?, ?, b.id, (select password_hash from staff_user where username = 'rm1')
                from branch b where b.code = ?""", username, "排名" + username, role, branch);
        return username;
    }

    private long customer(String owner, String tier) {
        customers++;
        return jdbc.queryForObject("""
                insert into customer (customer_no, type, name, branch_id, owner_id, aum, tier)
                select ?, 'RETAIL', ?, u.branch_id, u.id, 0, ? from staff_user u where u.username = ?
                returning id""", Long.class, p + "-C" + customers, "排名客户" + customers, tier, owner);
    }

    /** A closed deal of {@code owner} on a customer of their own (returned), at a bank time. */
    private long deal(String owner, String status, String amount, String closedAt) {
        long customer = customer(owner, "MASS");
        Timestamp closed = Timestamp.from(LocalDateTime.parse(closedAt).atZone(BANK).toInstant());
        jdbc.update("""
                insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status,
                    source, owner_id, branch_id, expected_close_date, risk_level, competition, need_strength,
                    won_amount, lost_reason, created_at, updated_at, closed_at)
                select ?, 'FUND', '排名测试商机', ?, 0, ?, ?, 'RM_DISCOVERED', u.id, u.branch_id, date '2026-12-31',
                    'LOW', 'NONE', 3, ?, ?, cast(? as timestamptz) - interval '20 days', ?, ?
                from staff_user u where u.username = ?""", customer, new BigDecimal(amount), status, status,
                status.equals("WON") ? new BigDecimal(amount) : null, status.equals("LOST") ? "PRICE" : null,
                closed, closed, closed, owner);
        return customer;
    }

    private void followUp(String by, long customer, String at, Integer satisfaction) {
        jdbc.update("""
                insert into follow_up (customer_id, type, occurred_at, summary, created_by, satisfaction)
                select ?, 'CALL', ?, '排名测试', u.id, ? from staff_user u where u.username = ?""",
                customer, Timestamp.from(LocalDateTime.parse(at).atZone(BANK).toInstant()), satisfaction, by);
    }
}
