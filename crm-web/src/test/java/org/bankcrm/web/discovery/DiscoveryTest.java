package org.bankcrm.web.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.bankcrm.service.discovery.DiscoveryRunner;
import org.bankcrm.service.opportunity.OpeningStore;
import org.bankcrm.service.scoring.ScoringService;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The discovery rules on boundary data of their own (branch DSC, customers DT-*), run as of 2031-06-15 through the
 * API: every threshold on both sides, de-duplication, first rule wins with the later evidence appended, assignment,
 * the cool-down, the second run creating nothing, a switched-off rule, the admin page and who may use any of it.
 * The demo data matches some rules too; assertions look at this class's customers only, and what the runs created
 * is deleted afterwards.
 */
@CrmWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscoveryTest {

    static final LocalDate D = LocalDate.of(2031, 6, 15);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DiscoveryRunner runner;

    @Autowired
    ScoringService scoring;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    DataSource dataSource;

    long branch;
    long rm;
    long rmOff;
    JsonNode first;
    JsonNode second;
    /** The dry runs before the first run and before the second. */
    JsonNode dry;
    JsonNode dryAgain;
    List<Long> writtenBeforeDryRun;
    List<Long> writtenAfterDryRun;

    // ------------------------------------------------------------------ data

    private long customer(String label, String type, LocalDate birth, String employerNo, String aum, LocalDate lastTxn,
                          Long owner) {
        return jdbc.queryForObject("""
                        insert into customer (customer_no, type, name, birth_date, employer_no, branch_id, owner_id, aum,
                                              last_txn_on, tier)
                        values (?, ?, ?, ?, ?, ?, ?, ?::numeric, ?, (select tier from tier_threshold
                                where customer_type = ? and lower_bound <= ?::numeric order by lower_bound desc limit 1))
                        returning id""", Long.class,
                "DT-" + label, type, "发现测试" + label, birth, employerNo, branch, owner, aum, lastTxn, type,
                type.equals("RETAIL") ? aum : "0");
    }

    private long retail(String label, LocalDate birth, String aum) {
        return customer(label, "RETAIL", birth, null, aum, null, rm);
    }

    private void holding(long customer, String product, String balance, LocalDate maturity) {
        jdbc.update("""
                insert into holding (customer_id, product_code, balance, opened_on, maturity_date)
                values (?, ?, ?::numeric, date '2020-01-01' + (select count(*)::integer from holding where customer_id = ?), ?)""",
                customer, product, balance, customer, maturity);
    }

    private void aum(long customer, String month, String value) {
        jdbc.update("insert into aum_monthly (customer_id, month, avg_aum) values (?, ?::date, ?::numeric)", customer,
                month + "-01", value);
    }

    private void employees(String employer, int n, LocalDate firstBirth) {
        jdbc.update("""
                insert into customer (customer_no, type, name, birth_date, employer_no, branch_id, owner_id, aum, tier)
                select ? || '-E' || g, 'RETAIL', '员工' || g, case when g = 1 then ?::date end, ?, ?, null, 0, 'MASS'
                from generate_series(1, ?) g""", "DT-" + employer, firstBirth, "DT-" + employer, branch, n);
    }

    /** A closed opportunity a rule made, closed at the given bank-time instant. */
    private void closed(long customer, String product, String rule, String closedAt) {
        jdbc.update("""
                insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status, source,
                    discovery_rule, owner_id, branch_id, expected_close_date, risk_level, competition, need_strength,
                    lost_reason, created_at, updated_at, closed_at)
                values (?, ?, '已关闭', 50000, 1000, 'LOST', 'LOST', 'DISCOVERY_RULE', ?, ?, ?, date '2031-01-01',
                        'MEDIUM', 'NONE', 3, 'NO_NEED', ?::timestamptz - interval '30 days', ?::timestamptz,
                        ?::timestamptz)""", customer, product, rule, rm, branch, closedAt, closedAt, closedAt);
    }

    @BeforeAll
    void seedAndRunTwice() throws InterruptedException {
        jdbc.update("""
                insert into branch (code, name, parent_id, path)
                select 'DSC', '发现测试支行', id, '/HQ/DSC/' from branch where code = 'HQ'""");
        branch = jdbc.queryForObject("select id from branch where code = 'DSC'", Long.class);
        String hash = jdbc.queryForObject("select password_hash from staff_user where username = 'rm1'", String.class);
        rm = jdbc.queryForObject("""
                insert into staff_user (username, display_name, role, branch_id, password_hash)
                values ('dsc_rm', '发现测试经理', 'RM', ?, ?) returning id""", Long.class, branch, hash);
        rmOff = jdbc.queryForObject("""
                insert into staff_user (username, display_name, role, branch_id, password_hash, enabled)
                values ('dsc_off', '已停用经理', 'RM', ?, ?, false) returning id""", Long.class, branch, hash);

        // MATURITY: [D, D+30]; several holdings of one product add up and close at the earliest maturity.
        holding(customer("M_D", "RETAIL", null, null, "1000", null, rm), "DEP_TIME", "100000", D);
        holding(customer("M_30", "RETAIL", null, null, "1000", null, rm), "DEP_TIME", "80000", D.plusDays(30));
        long m31 = customer("M_31", "RETAIL", null, null, "1000", null, rm);
        holding(m31, "DEP_TIME", "80000", D.plusDays(31));
        holding(m31, "DEP_TIME", "80000", D.minusDays(1));
        long sum = customer("M_SUM", "RETAIL", null, null, "1000", null, rm);
        holding(sum, "DEP_TIME", "100000", D.plusDays(20));
        holding(sum, "DEP_TIME", "50000", D.plusDays(5));
        holding(sum, "DEP_TIME", "0", D.plusDays(1));
        holding(sum, "WEALTH", "30000", D.plusDays(10));

        // OUTFLOW: the latest month up to D's month and the three before it; thresholds exactly on the line.
        long o70 = customer("O_70", "RETAIL", null, null, "1000", null, rm);
        for (String m : List.of("2031-02", "2031-03", "2031-04")) {
            aum(o70, m, "100000");
        }
        aum(o70, "2031-05", "70000");
        aum(o70, "2031-07", "100");
        long o70p = customer("O_70P", "RETAIL", null, null, "1000", null, rm);
        for (String m : List.of("2031-02", "2031-03", "2031-04")) {
            aum(o70p, m, "100000");
        }
        aum(o70p, "2031-05", "70000.01");
        long o50 = customer("O_50K", "RETAIL", null, null, "1000", null, rm);
        aum(o50, "2031-02", "40000");
        aum(o50, "2031-03", "50000");
        aum(o50, "2031-04", "60000");
        aum(o50, "2031-05", "35000");
        long o50low = customer("O_50KLOW", "RETAIL", null, null, "1000", null, rm);
        for (String m : List.of("2031-02", "2031-03", "2031-04")) {
            aum(o50low, m, "49999.99");
        }
        aum(o50low, "2031-05", "0");
        long gap = customer("O_GAP", "RETAIL", null, null, "1000", null, rm);
        for (String m : List.of("2031-01", "2031-03", "2031-04")) {
            aum(gap, m, "100000");
        }
        aum(gap, "2031-05", "10000");
        long june = customer("O_JUNE", "RETAIL", null, null, "1000", null, rm);
        for (String m : List.of("2031-03", "2031-04", "2031-05")) {
            aum(june, m, "100000");
        }
        aum(june, "2031-06", "50000");

        // TIER_UPGRADE: exactly 0.8 of the next tier's lower bound.
        retail("T_80", null, "400000");
        retail("T_BELOW", null, "399999.99");
        retail("T_TOP", null, "6500000");
        retail("T_MASS", null, "40000");

        // PAYROLL_LINK and EMPLOYEE_CARD: 20 employees, not 19; an employer with any PAYROLL row pays through us.
        customer("P20", "CORPORATE", null, null, "0", null, rm);
        employees("P20", 20, null);
        customer("P19", "CORPORATE", null, null, "0", null, rm);
        employees("P19", 19, null);
        long p20h = customer("P20H", "CORPORATE", null, null, "0", null, rm);
        holding(p20h, "PAYROLL", "0", null);
        employees("P20H", 20, LocalDate.of(2001, 1, 1));
        holding(jdbc.queryForObject("select id from customer where customer_no = 'DT-P20H-E2'", Long.class),
                "CARD_CREDIT", "0", null);

        // CROSS_SELL_CARD: ages 21/22/35/36 in whole years on D, fewer than three distinct products, no card.
        retail("A21", LocalDate.of(2009, 6, 16), "1000");
        retail("A22", LocalDate.of(2009, 6, 15), "1000");
        retail("A35", LocalDate.of(1995, 6, 16), "1000");
        retail("A36", LocalDate.of(1995, 6, 15), "1000");
        long three = retail("A22_3P", LocalDate.of(2009, 6, 15), "1000");
        holding(three, "DEP_DEMAND", "100", null);
        holding(three, "FUND", "100", null);
        holding(three, "EBANK", "0", null);
        long two = retail("A22_2P", LocalDate.of(2009, 6, 15), "1000");
        holding(two, "DEP_DEMAND", "100", null);
        holding(two, "LOAN_CONSUMER", "0", null);
        holding(two, "EBANK", "0", null);
        holding(retail("A22_CARD", LocalDate.of(2009, 6, 15), "1000"), "CARD_CREDIT", "0", null);

        // CROSS_SELL_WEALTH: ages 36–60, AUM from 50,000, no WEALTH or FUND with a balance.
        retail("W35", LocalDate.of(1995, 6, 16), "100000");
        retail("W36", LocalDate.of(1995, 6, 15), "100000");
        retail("W60", LocalDate.of(1970, 6, 16), "100000");
        retail("W61", LocalDate.of(1970, 6, 15), "100000");
        retail("W_MIN", LocalDate.of(1991, 1, 1), "50000");
        retail("W_BELOW", LocalDate.of(1991, 1, 1), "49999.99");
        holding(retail("W_FUND", LocalDate.of(1991, 1, 1), "100000"), "FUND", "10", null);
        holding(retail("W_FUND0", LocalDate.of(1991, 1, 1), "100000"), "FUND", "0", null);

        // DORMANT: the last transaction before D - 180 (2030-12-17), AUM from 10,000; any customer type.
        customer("Z_YES", "RETAIL", null, null, "10000", LocalDate.of(2030, 12, 16), rm);
        customer("Z_EDGE", "RETAIL", null, null, "10000", LocalDate.of(2030, 12, 17), rm);
        customer("Z_LOW", "RETAIL", null, null, "9999.99", LocalDate.of(2020, 1, 1), rm);
        customer("Z_CORP", "CORPORATE", null, null, "20000", LocalDate.of(2029, 1, 1), rm);

        // First rule wins; later rules of the same customer and product add their evidence.
        retail("E_TW", LocalDate.of(1991, 1, 1), "450000");
        holding(retail("E_MT", null, "420000"), "WEALTH", "200000", D.plusDays(10));
        long mo = retail("E_MO", null, "1000");
        holding(mo, "DEP_TIME", "60000", D.plusDays(3));
        for (String m : List.of("2031-02", "2031-03", "2031-04")) {
            aum(mo, m, "100000");
        }
        aum(mo, "2031-05", "50000");

        // Assignment: no owner, a disabled owner → the branch's unassigned queue.
        customer("OWN_NULL", "RETAIL", null, null, "20000", LocalDate.of(2029, 1, 1), null);
        customer("OWN_OFF", "RETAIL", null, null, "20000", LocalDate.of(2029, 1, 1), rmOff);

        // De-duplication with an open opportunity of another source, and the 90-day cool-down of the same rule.
        long open = retail("X_OPEN", LocalDate.of(2009, 6, 15), "1000");
        long openId = jdbc.queryForObject("""
                insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status, source,
                    owner_id, branch_id, expected_close_date, risk_level, competition, need_strength, created_by)
                values (?, 'CARD_CREDIT', '客户经理发现', 50000, 1000, 'CONTACTED', 'OPEN', 'RM_DISCOVERED', ?, ?,
                        date '2031-08-01', 'LOW', 'NONE', 4, ?) returning id""", Long.class, open, rm, branch, rm);
        tx.executeWithoutResult(t -> scoring.rescore(List.of(openId)));
        closed(retail("Y90", LocalDate.of(2009, 6, 15), "1000"), "CARD_CREDIT", "CROSS_SELL_CARD",
                "2031-03-17 10:00:00+08");
        closed(retail("Y91", LocalDate.of(2009, 6, 15), "1000"), "CARD_CREDIT", "CROSS_SELL_CARD",
                "2031-03-16 23:30:00+08");
        closed(retail("Y_OTHER", LocalDate.of(2009, 6, 15), "1000"), "CARD_CREDIT", "EMPLOYEE_CARD",
                "2031-06-05 10:00:00+08");

        writtenBeforeDryRun = written();
        dry = dryRun(Map.of("asOf", D.toString()));
        writtenAfterDryRun = written();
        first = runAndWait(Map.of("asOf", D.toString()));
        dryAgain = dryRun(Map.of("asOf", D.toString()));
        second = runAndWait(Map.of("asOf", D.toString()));
    }

    /** What a run writes, counted: opportunities, their history, runs, their figures, audit entries. */
    private List<Long> written() {
        return List.of("opportunity", "opportunity_history", "discovery_run", "discovery_run_count", "audit_log")
                .stream().map(t -> jdbc.queryForObject("select count(*) from " + t, Long.class)).toList();
    }

    private JsonNode dryRun(Map<String, Object> body) {
        var answer = Http.basic(port, "admin").postJson("/api/v1/discovery/runs?dryRun=true", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @AfterAll
    void deleteWhatTheRunsCreated() {
        jdbc.update("delete from opportunity where discovery_run_id in (select id from discovery_run where as_of = ?)", D);
    }

    private JsonNode runAndWait(Map<String, Object> body) throws InterruptedException {
        Http admin = Http.basic(port, "admin");
        var started = admin.postJson("/api/v1/discovery/runs", body);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long id = started.json().get("id").asLong();
        assertThat(started.header("Location")).endsWith("/api/v1/discovery/runs/" + id);
        JsonNode run = await("discovery run " + id).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> admin.get("/api/v1/discovery/runs/" + id).json(),
                        r -> r.get("status").asString().equals("DONE") || r.get("status").asString().equals("FAILED"));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("DONE");
        return run;
    }

    private void waitUntilNoRunIsActive() throws InterruptedException {
        await("no discovery run active").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.queryForObject(
                        "select count(*) from discovery_run where status in ('QUEUED', 'RUNNING')", Integer.class) == 0);
    }

    /** One created opportunity of a customer of this class. */
    record Made(long id, String product, String rule, BigDecimal amount, LocalDate close, String owner, long branchId,
                List<String> evidence, long runId) {
    }

    private List<Made> made(String label) {
        return jdbc.query("""
                        select o.id, o.product_code, o.discovery_rule, o.amount, o.expected_close_date, u.username,
                               o.branch_id, (select string_agg(e ->> 'rule', ',' order by n)
                                             from jsonb_array_elements(o.evidence) with ordinality x(e, n)) as rules,
                               o.discovery_run_id
                        from opportunity o join customer c on c.id = o.customer_id
                        left join staff_user u on u.id = o.owner_id
                        where c.customer_no = ? and o.source = 'DISCOVERY_RULE' and o.discovery_run_id is not null
                        order by o.product_code""",
                (rs, i) -> new Made(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getObject(5, LocalDate.class), rs.getString(6), rs.getLong(7),
                        List.of(rs.getString(8).split(",")), rs.getLong(9)),
                "DT-" + label);
    }

    private Made one(String label, String product, String rule) {
        List<Made> all = made(label);
        assertThat(all).as(label).extracting(Made::product).containsExactly(product);
        Made m = all.getFirst();
        assertThat(m.rule()).as(label).isEqualTo(rule);
        assertThat(m.runId()).as(label).isEqualTo(first.get("id").asLong());
        return m;
    }

    private void none(String... labels) {
        for (String label : labels) {
            assertThat(made(label)).as(label).isEmpty();
        }
    }

    // ------------------------------------------------------------------ rules

    @Test
    void maturityWithinDToDPlus30SummedPerProduct() {
        Made onD = one("M_D", "DEP_TIME", "MATURITY");
        assertThat(onD.amount()).isEqualByComparingTo("100000");
        assertThat(onD.close()).isEqualTo(D);
        assertThat(one("M_30", "DEP_TIME", "MATURITY").close()).isEqualTo(D.plusDays(30));
        none("M_31");
        List<Made> sum = made("M_SUM");
        assertThat(sum).extracting(Made::product).containsExactly("DEP_TIME", "WEALTH");
        assertThat(sum.get(0).amount()).isEqualByComparingTo("150000");
        assertThat(sum.get(0).close()).isEqualTo(D.plusDays(5));
        assertThat(sum.get(1).amount()).isEqualByComparingTo("30000");
        assertThat(jdbc.queryForObject("select evidence -> 0 -> 'args' ->> 'holdings' from opportunity where id = ?",
                String.class, sum.get(0).id())).isEqualTo("2");
    }

    @Test
    void outflowNeedsThreeFullMonthsBeforeTheLatestOneAndExactThresholds() {
        Made o70 = one("O_70", "DEP_TIME", "OUTFLOW");
        assertThat(o70.amount()).isEqualByComparingTo("30000");
        assertThat(o70.close()).isEqualTo(D.plusDays(14));
        assertThat(jdbc.queryForObject("select evidence -> 0 -> 'args' ->> 'month' from opportunity where id = ?",
                String.class, o70.id())).as("a month after D's is not the latest").isEqualTo("2031-05");
        assertThat(one("O_50K", "DEP_TIME", "OUTFLOW").amount()).isEqualByComparingTo("15000");
        assertThat(one("O_JUNE", "DEP_TIME", "OUTFLOW").amount()).isEqualByComparingTo("50000");
        none("O_70P", "O_50KLOW", "O_GAP");
    }

    @Test
    void tierUpgradeFromEightyPercentOfTheNextThreshold() {
        Made t80 = one("T_80", "WEALTH", "TIER_UPGRADE");
        assertThat(t80.amount()).isEqualByComparingTo("100000");
        assertThat(t80.close()).isEqualTo(D.plusDays(60));
        assertThat(one("T_MASS", "WEALTH", "TIER_UPGRADE").amount()).isEqualByComparingTo("10000");
        none("T_BELOW", "T_TOP");
    }

    @Test
    void payrollLinkFromTwentyEmployeesAndEmployeeCardsOfPayrollEmployers() {
        Made p20 = one("P20", "PAYROLL", "PAYROLL_LINK");
        assertThat(p20.amount()).isEqualByComparingTo("1920000");
        assertThat(p20.close()).isEqualTo(D.plusDays(90));
        none("P19", "P20H", "P20-E1", "P19-E1", "P20H-E2");
        for (int i = 3; i <= 20; i++) {
            Made card = one("P20H-E" + i, "CARD_CREDIT", "EMPLOYEE_CARD");
            assertThat(card.amount()).isEqualByComparingTo("50000");
            assertThat(card.close()).isEqualTo(D.plusDays(60));
        }
    }

    @Test
    void crossSellCardFrom22To35WithFewerThanThreeProductsAndNoCard() {
        Made a22 = one("A22", "CARD_CREDIT", "CROSS_SELL_CARD");
        assertThat(a22.amount()).isEqualByComparingTo("50000");
        assertThat(a22.close()).isEqualTo(D.plusDays(60));
        one("A35", "CARD_CREDIT", "CROSS_SELL_CARD");
        Made two = one("A22_2P", "CARD_CREDIT", "CROSS_SELL_CARD");
        assertThat(jdbc.queryForObject("select evidence -> 0 -> 'args' ->> 'products' from opportunity where id = ?",
                String.class, two.id())).isEqualTo("2");
        none("A21", "A36", "A22_3P", "A22_CARD");
    }

    @Test
    void crossSellWealthFrom36To60WithFiftyThousandAndNoWealthOrFund() {
        one("W35", "CARD_CREDIT", "CROSS_SELL_CARD");
        assertThat(one("W36", "WEALTH", "CROSS_SELL_WEALTH").amount()).isEqualByComparingTo("20000");
        one("W60", "WEALTH", "CROSS_SELL_WEALTH");
        assertThat(one("W_MIN", "WEALTH", "CROSS_SELL_WEALTH").amount()).isEqualByComparingTo("10000");
        one("W_FUND0", "WEALTH", "CROSS_SELL_WEALTH");
        none("W61", "W_FUND");
        Made below = one("W_BELOW", "WEALTH", "TIER_UPGRADE");
        assertThat(below.evidence()).containsExactly("TIER_UPGRADE");
    }

    @Test
    void dormantBeforeDMinus180WithTenThousand() {
        Made z = one("Z_YES", "EBANK", "DORMANT");
        assertThat(z.amount()).isEqualByComparingTo("10000");
        assertThat(z.close()).isEqualTo(D.plusDays(30));
        one("Z_CORP", "EBANK", "DORMANT");
        none("Z_EDGE", "Z_LOW");
    }

    @Test
    void theFirstRuleMakesTheOpportunityAndLaterOnesAddEvidence() {
        Made tw = one("E_TW", "WEALTH", "TIER_UPGRADE");
        assertThat(tw.amount()).isEqualByComparingTo("50000");
        assertThat(tw.evidence()).containsExactly("TIER_UPGRADE", "CROSS_SELL_WEALTH");
        Made mt = one("E_MT", "WEALTH", "MATURITY");
        assertThat(mt.amount()).isEqualByComparingTo("200000");
        assertThat(mt.close()).isEqualTo(D.plusDays(10));
        assertThat(mt.evidence()).containsExactly("MATURITY", "TIER_UPGRADE");
        assertThat(one("E_MO", "DEP_TIME", "MATURITY").evidence()).containsExactly("MATURITY", "OUTFLOW");
        assertThat(one("P20H-E1", "CARD_CREDIT", "EMPLOYEE_CARD").evidence())
                .containsExactly("EMPLOYEE_CARD", "CROSS_SELL_CARD");
    }

    @Test
    void openOpportunitiesOfAnySourceAndTheRulesCoolDownBlockNewOnes() {
        assertThat(jdbc.queryForObject("""
                select count(*) from opportunity o join customer c on c.id = o.customer_id
                where c.customer_no = 'DT-X_OPEN' and o.status = 'OPEN'""", Integer.class)).isEqualTo(1);
        none("X_OPEN", "Y90");
        one("Y91", "CARD_CREDIT", "CROSS_SELL_CARD");
        one("Y_OTHER", "CARD_CREDIT", "CROSS_SELL_CARD");
    }

    @Test
    void newOpportunitiesGoToTheOwnerOrTheBranchsUnassignedQueue() {
        assertThat(one("Z_YES", "EBANK", "DORMANT").owner()).isEqualTo("dsc_rm");
        for (String label : List.of("OWN_NULL", "OWN_OFF", "P20H-E5")) {
            Made m = made(label).getFirst();
            assertThat(m.owner()).as(label).isNull();
            assertThat(m.branchId()).as(label).isEqualTo(branch);
        }
    }

    @Test
    void createdOpportunitiesAreCompleteScoredAndHaveTheirHistory() {
        Made m = one("M_D", "DEP_TIME", "MATURITY");
        Map<String, Object> row = jdbc.queryForMap("select * from opportunity where id = ?", m.id());
        assertThat(row).containsEntry("stage", "IDENTIFIED").containsEntry("status", "OPEN")
                .containsEntry("source", "DISCOVERY_RULE").containsEntry("risk_level", "MEDIUM")
                .containsEntry("competition", "NONE").containsEntry("need_strength", 3)
                .containsEntry("title", "到期: 定期存款");
        assertThat(row.get("created_by")).isNull();
        assertThat((BigDecimal) row.get("expected_revenue")).isEqualByComparingTo("1000.00");
        assertThat(row.get("score")).isNotNull();
        assertThat(row.get("source_detail")).isEqualTo("定期存款 ¥100,000.00 将于 2031-06-15 到期");
        assertThat(jdbc.queryForList("select event || '/' || to_value || '/' || coalesce(by_user_id::text, 'system')"
                + " from opportunity_history where opportunity_id = ?", String.class, m.id()))
                .containsExactly("CREATED/IDENTIFIED/system");
        assertThat(jdbc.queryForObject("""
                select count(*) from opportunity where discovery_run_id = ? and (score is null or band is null)""",
                Integer.class, first.get("id").asLong())).isZero();
        // Scored before they were written, exactly as re-scoring scores them.
        List<Long> ours = jdbc.queryForList("""
                select o.id from opportunity o join customer c on c.id = o.customer_id
                where o.discovery_run_id = ? and c.customer_no like 'DT-%'""", Long.class, first.get("id").asLong());
        Map<Long, String> before = scores(ours);
        tx.executeWithoutResult(t -> scoring.rescore(ours));
        assertThat(scores(ours)).isEqualTo(before);
    }

    private Map<Long, String> scores(List<Long> ids) {
        Map<Long, String> m = new java.util.TreeMap<>();
        jdbc.query("select id, score || ' ' || band || ' ' || score_breakdown::text from opportunity where id = any(?)",
                rs -> {
                    m.put(rs.getLong(1), rs.getString(2));
                }, (Object) ids.toArray(Long[]::new));
        return m;
    }

    // ------------------------------------------------------------------ runs

    @Test
    void theRunReportsWhatItCreatedAndTheSecondRunCreatesNothing() {
        assertThat(first.get("asOf").asString()).isEqualTo("2031-06-15");
        JsonNode created = first.get("created");
        assertThat(created.propertyNames()).containsExactly("MATURITY", "OUTFLOW", "TIER_UPGRADE", "PAYROLL_LINK",
                "EMPLOYEE_CARD", "CROSS_SELL_CARD", "CROSS_SELL_WEALTH", "DORMANT");
        int total = created.valueStream().mapToInt(JsonNode::asInt).sum();
        assertThat(total).isEqualTo(jdbc.queryForObject("select count(*) from opportunity where discovery_run_id = ?",
                Integer.class, first.get("id").asLong()));
        // The matches here that made nothing: an open opportunity, a cool-down, and four appended to a first rule.
        assertThat(first.get("skipped").asInt()).isGreaterThanOrEqualTo(6);

        assertThat(second.get("created").valueStream().mapToInt(JsonNode::asInt).sum()).isZero();
        assertThat(second.get("skipped").asInt()).isEqualTo(total + first.get("skipped").asInt());
        assertThat(second.get("startedBy").asString()).isEqualTo("admin");
    }

    @Test
    void theDryRunWritesNothingAndCountsPerRuleWhatTheRunThenCreates() {
        assertThat(writtenAfterDryRun).isEqualTo(writtenBeforeDryRun);
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.has("id")).isFalse();
        assertThat(dry.get("asOf").asString()).isEqualTo("2031-06-15");
        assertThat(first.get("created").valueStream().mapToInt(JsonNode::asInt).sum()).isPositive();
        // The same statements: what the dry run said each rule would create is what the run then created.
        assertThat(dry.get("created")).isEqualTo(first.get("created"));
        assertThat(dry.get("skipped").asInt()).isEqualTo(first.get("skipped").asInt());
        assertThat(dry.get("counts")).isEqualTo(first.get("counts"));
        for (JsonNode c : first.get("counts")) {
            assertThat(c.get("matched").asInt()).as(c.toString()).isEqualTo(c.get("created").asInt()
                    + c.get("skippedOpen").asInt() + c.get("skippedOther").asInt());
        }
        // X_OPEN's open opportunity covers its CROSS_SELL_CARD match; Y90's cool-down is another reason.
        JsonNode card = rule(first, "CROSS_SELL_CARD");
        assertThat(card.get("skippedOpen").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(card.get("skippedOther").asInt()).isGreaterThanOrEqualTo(1);

        // Before the second run: nothing new, and every match the first run turned into an opportunity is covered.
        assertThat(dryAgain.get("created")).isEqualTo(second.get("created"));
        assertThat(dryAgain.get("created").valueStream().mapToInt(JsonNode::asInt).sum()).isZero();
        assertThat(dryAgain.get("counts")).isEqualTo(second.get("counts"));
        assertThat(rule(second, "MATURITY").get("skippedOpen").asInt())
                .isEqualTo(rule(first, "MATURITY").get("skippedOpen").asInt()
                        + rule(first, "MATURITY").get("created").asInt());
    }

    private static JsonNode rule(JsonNode run, String code) {
        for (JsonNode c : run.get("counts")) {
            if (c.get("rule").asString().equals(code)) {
                return c;
            }
        }
        throw new AssertionError(code + " not in " + run);
    }

    @Test
    void aDryRunIsRefusedWhileARunIsUnderWayAndChecksItsInput() throws InterruptedException {
        Http api = Http.basic(port, "admin");
        var bad = api.postJson("/api/v1/discovery/runs?dryRun=true", Map.of("asOf", "1999-12-31", "rules",
                List.of("NOPE")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("asOf").contains("rules");
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/discovery/runs?dryRun=true", Map.of()).status())
                .isEqualTo(403);

        waitUntilNoRunIsActive();
        long queued = jdbc.queryForObject("""
                insert into discovery_run (as_of, status, started_by, started_at, heartbeat_at)
                values (?, 'QUEUED', 'admin', now(), now()) returning id""", Long.class, D);
        try {
            var busy = api.postJson("/api/v1/discovery/runs?dryRun=true", Map.of("asOf", D.toString()));
            assertThat(busy.status()).as(busy.body()).isEqualTo(409);
            Http page = Http.session(port, "admin");
            assertThat(page.submit("/admin/discovery", "/admin/discovery/preview", Map.of("asOf", D.toString()))
                    .status()).isEqualTo(302);
            assertThat(page.get("/admin/discovery").body()).contains("另一次发现运行正在排队或进行中")
                    .doesNotContain("id=\"discovery-preview\"");
        } finally {
            jdbc.update("update discovery_run set status = 'FAILED', failure = 'discovery.failed.stale' where id = ?",
                    queued);
        }
    }

    /**
     * An RM opens an opportunity for a customer and product while a run is under way: the run's check against open
     * opportunities waits for the RM's commit (the opening lock, {@link OpeningStore}) and then sees it, so the run
     * makes no second one. The RM's opening is held open here on a connection of the test's own.
     */
    @Test
    void aRunWaitsForAnOpportunityAnRmIsOpeningAndMakesNoSecondOne() throws Exception {
        waitUntilNoRunIsActive();
        long race = customer("RACE", "RETAIL", null, null, "10000", LocalDate.of(2030, 12, 16), rm);
        try (Connection rmTx = dataSource.getConnection()) {
            rmTx.setAutoCommit(false);
            try (Statement st = rmTx.createStatement()) {
                st.execute("select pg_advisory_xact_lock_shared(" + OpeningStore.LOCK_KEY + ")");
                st.execute("""
                        insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage,
                            status, source, owner_id, branch_id, expected_close_date, risk_level, competition,
                            need_strength, created_by)
                        values (%d, 'EBANK', '客户经理同时发现', 10000, 10, 'IDENTIFIED', 'OPEN', 'RM_DISCOVERED', %d, %d,
                                date '2031-08-01', 'LOW', 'NONE', 3, %d)""".formatted(race, rm, branch, rm));
            }
            Http admin = Http.basic(port, "admin");
            var started = admin.postJson("/api/v1/discovery/runs", Map.of("asOf", D.toString(), "rules",
                    List.of("DORMANT")));
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            long id = started.json().get("id").asLong();
            await("the run waiting for the RM's opening").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryForObject("""
                            select count(*) from pg_locks where locktype = 'advisory' and not granted
                              and objid = ?""", Integer.class, OpeningStore.LOCK_KEY & 0xFFFF_FFFFL) == 1);
            rmTx.commit();
            JsonNode run = await("discovery run " + id).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(() -> admin.get("/api/v1/discovery/runs/" + id).json(),
                            r -> !r.get("status").asString().equals("QUEUED")
                                    && !r.get("status").asString().equals("RUNNING"));
            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("DONE");
        } finally {
            assertThat(jdbc.queryForList("select source from opportunity where customer_id = ? and status = 'OPEN'",
                    String.class, race)).containsExactly("RM_DISCOVERED");
            jdbc.update("delete from opportunity where customer_id = ?", race);
        }
    }

    @Test
    void aSwitchedOffRuleDoesNotRunAndCannotBeAskedFor() throws InterruptedException {
        customer("Z_LATER", "RETAIL", null, null, "30000", LocalDate.of(2029, 1, 1), rm);
        Http admin = Http.session(port, "admin");
        Map<String, String> dormant = new HashMap<>(Map.of("p.inactive-days", "180", "p.min-aum", "10000",
                "p.close-in-days", "30"));
        assertThat(admin.submit("/admin/discovery", "/admin/discovery/rules/DORMANT", dormant).status()).isEqualTo(302);
        try {
            assertThat(jdbc.queryForObject("select enabled from discovery_rule where code = 'DORMANT'", Boolean.class))
                    .isFalse();
            JsonNode run = runAndWait(Map.of("asOf", D.toString()));
            assertThat(run.get("created").has("DORMANT")).isFalse();
            assertThat(run.get("created").has("MATURITY")).isTrue();
            none("Z_LATER");
            var refused = Http.basic(port, "admin").postJson("/api/v1/discovery/runs",
                    Map.of("asOf", D.toString(), "rules", List.of("DORMANT")));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("rules");
        } finally {
            dormant.put("enabled", "true");
            admin.submit("/admin/discovery", "/admin/discovery/rules/DORMANT", dormant);
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'SETTING_CHANGED'"
                + " and entity_type = 'discovery_rule' and entity_id = 'DORMANT' and detail = 'enabled true -> false'",
                Integer.class)).isPositive();
        JsonNode run = runAndWait(Map.of("asOf", D.toString(), "rules", List.of("DORMANT")));
        assertThat(run.get("created").propertyNames()).containsExactly("DORMANT");
        assertThat(run.get("rules").get(0).asString()).isEqualTo("DORMANT");
        assertThat(made("Z_LATER")).extracting(Made::rule).containsExactly("DORMANT");
    }

    @Test
    void parametersAreValidatedAuditedAndUsed() {
        Http admin = Http.session(port, "admin");
        Map<String, String> outflow = new HashMap<>(Map.of("enabled", "true", "p.min-average-aum", "50000",
                "p.max-ratio", "1.5", "p.close-in-days", "14"));
        assertThat(admin.submit("/admin/discovery", "/admin/discovery/rules/OUTFLOW", outflow).status()).isEqualTo(302);
        String page = admin.get("/admin/discovery").body();
        assertThat(page).contains("discovery-problems").contains("资金流失预警：最近一月与平均之比上限应为大于 0 且不大于 1 的小数");
        Map<String, String> ages = new HashMap<>(Map.of("enabled", "true", "p.min-age", "40", "p.max-age", "35",
                "p.max-distinct-products", "2", "p.amount", "50000", "p.close-in-days", "60"));
        admin.submit("/admin/discovery", "/admin/discovery/rules/CROSS_SELL_CARD", ages);
        assertThat(admin.get("/admin/discovery").body()).contains("最小年龄不能大于最大年龄");
        ages.put("p.max-age", "abc");
        admin.submit("/admin/discovery", "/admin/discovery/rules/CROSS_SELL_CARD", ages);
        assertThat(admin.get("/admin/discovery?lang=en").body()).contains("Maximum age is required");
        admin.get("/?lang=zh-CN");
        assertThat(jdbc.queryForObject("select value from discovery_rule_param where rule_code = 'OUTFLOW'"
                + " and name = 'max-ratio'", BigDecimal.class)).isEqualByComparingTo("0.7");
        assertThat(jdbc.queryForObject("select value from discovery_rule_param where rule_code = 'CROSS_SELL_CARD'"
                + " and name = 'min-age'", BigDecimal.class)).isEqualByComparingTo("22");

        Map<String, String> maturity = new HashMap<>(Map.of("enabled", "true", "p.window-days", "45"));
        assertThat(admin.submit("/admin/discovery", "/admin/discovery/rules/MATURITY", maturity).status()).isEqualTo(302);
        try {
            assertThat(jdbc.queryForObject("select value from discovery_rule_param where rule_code = 'MATURITY'"
                    + " and name = 'window-days'", BigDecimal.class)).isEqualByComparingTo("45");
            assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'SETTING_CHANGED'"
                    + " and entity_type = 'discovery_rule_param' and entity_id = 'MATURITY.window-days'"
                    + " and detail = '30 -> 45' and actor = 'admin'", Integer.class)).isEqualTo(1);
        } finally {
            maturity.put("p.window-days", "30");
            admin.submit("/admin/discovery", "/admin/discovery/rules/MATURITY", maturity);
        }
        assertThat(jdbc.queryForObject("select value from discovery_rule_param where rule_code = 'MATURITY'"
                + " and name = 'window-days'", BigDecimal.class)).isEqualByComparingTo("30");

        admin.submit("/admin/discovery", "/admin/discovery/cooldown", Map.of("days", "-1"));
        assertThat(admin.get("/admin/discovery").body()).contains("冷却期应为 0 到 3650 之间的整数天数");
        assertThat(jdbc.queryForObject("select value from app_setting where key = 'discovery.closed-cooldown-days'",
                String.class)).isEqualTo("90");
    }

    /**
     * Two admins on the page: one raises a rule's window, the other, whose page still shows the old one, switches the
     * rule off; the second form (which posts every parameter) is refused as stale and puts nothing back. The
     * cool-down the same.
     */
    @Test
    void aRuleFormFromBeforeAnotherAdminsSaveIsStaleAndPutsNothingBack() {
        Http first = Http.session(port, "admin");
        Http second = Http.session(port, "admin");
        var page = org.jsoup.Jsoup.parse(second.get("/admin/discovery").body());
        String ruleVersion = page.selectFirst("#rule-MATURITY input[name=version]").val();
        String cooldownVersion = page.selectFirst("#cooldown-form input[name=version]").val();
        String csrf = page.selectFirst("input[name=_csrf]").val();
        try {
            assertThat(first.submit("/admin/discovery", "/admin/discovery/rules/MATURITY",
                    Map.of("enabled", "true", "p.window-days", "47")).status()).isEqualTo(302);
            assertThat(first.submit("/admin/discovery", "/admin/discovery/cooldown", Map.of("days", "61"))
                    .status()).isEqualTo(302);
            var stale = second.postForm("/admin/discovery/rules/MATURITY", Map.of("_csrf", csrf,
                    "version", ruleVersion, "p.window-days", "30"));
            assertThat(stale.status()).isEqualTo(302);
            assertThat(second.get("/admin/discovery").body()).contains("该记录已被他人修改");
            second.postForm("/admin/discovery/cooldown", Map.of("_csrf", csrf, "version", cooldownVersion,
                    "days", "90"));
            assertThat(jdbc.queryForObject("select enabled::text || ' ' || trim_scale(p.value) from discovery_rule r"
                    + " join discovery_rule_param p on p.rule_code = r.code where r.code = 'MATURITY'"
                    + " and p.name = 'window-days'", String.class)).isEqualTo("true 47");
            assertThat(jdbc.queryForObject("select value from app_setting"
                    + " where key = 'discovery.closed-cooldown-days'", String.class)).isEqualTo("61");
        } finally {
            first.submit("/admin/discovery", "/admin/discovery/rules/MATURITY",
                    Map.of("enabled", "true", "p.window-days", "30"));
            first.submit("/admin/discovery", "/admin/discovery/cooldown", Map.of("days", "90"));
        }
        assertThat(jdbc.queryForObject("select value from app_setting where key = 'discovery.closed-cooldown-days'",
                String.class)).isEqualTo("90");
    }

    // ------------------------------------------------------------------ API, pages, access

    @Test
    void theApiAnswersProblemsForBadInputAndUnknownRuns() {
        Http admin = Http.basic(port, "admin");
        var unknown = admin.postJson("/api/v1/discovery/runs", Map.of("rules", List.of("MATURITY", "NOPE")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("rules");
        assertThat(unknown.json().get("errors").get(0).get("message").asString()).contains("NOPE");
        var badDate = admin.postJson("/api/v1/discovery/runs", Map.of("asOf", "2031-02-30"));
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().get("errors").get(0).get("field").asString()).isEqualTo("asOf");
        var early = admin.postJson("/api/v1/discovery/runs", Map.of("asOf", "1999-12-31"));
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.json().get("errors").get(0).get("field").asString()).isEqualTo("asOf");
        assertThat(admin.postJson("/api/v1/discovery/runs", "{\"rules\": \"MATURITY\"}").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/discovery/runs/987654321").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/discovery/runs/" + first.get("id").asLong()).status()).isEqualTo(200);
    }

    @Test
    void onlyAdminsStartOrReadRunsAndOpenThePage() {
        long id = first.get("id").asLong();
        for (String user : List.of("rm1", "head1", "teller1")) {
            assertThat(Http.basic(port, user).postJson("/api/v1/discovery/runs", Map.of("asOf", D.toString())).status())
                    .as(user).isEqualTo(403);
            assertThat(Http.basic(port, user).get("/api/v1/discovery/runs/" + id).status()).as(user).isEqualTo(403);
            Http session = Http.session(port, user);
            assertThat(session.get("/admin/discovery").status()).as(user).isEqualTo(403);
            assertThat(session.get("/admin/discovery/runs").status()).as(user).isEqualTo(403);
        }
    }

    @Test
    void theAdminPageRendersInBothLanguagesAndRunsFromItsForm() throws InterruptedException {
        Http zh = Http.session(port, "admin");
        var page = zh.get("/admin/discovery");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("??").contains("商机发现规则").contains("到期提醒").contains("到期窗口（天）")
                .contains("商机金额（元）")
                .contains("id=\"run-" + first.get("id").asLong() + "\"");
        assertThat(zh.get("/").body()).contains("/admin/discovery");
        var en = Http.session(port, "admin").get("/admin/discovery?lang=en");
        assertThat(en.status()).isEqualTo(200);
        assertThat(en.body()).doesNotContain("??").contains("Discovery rules").contains("Maturing holdings");

        waitUntilNoRunIsActive();
        long before = jdbc.queryForObject("select count(*) from discovery_run", Long.class);
        // The page's form asks for a dry run: its figures and a button that confirms the same date and rules.
        var preview = zh.submit("/admin/discovery", "/admin/discovery/preview",
                Map.of("asOf", D.toString(), "rules", "MATURITY"));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("试运行结果（基准日期 2031-06-15）").contains("id=\"preview-MATURITY\"")
                .doesNotContain("id=\"preview-OUTFLOW\"").contains("确认运行，创建 0 个商机")
                .contains("name=\"rules\" value=\"MATURITY\"").contains("name=\"asOf\" value=\"2031-06-15\"");
        assertThat(jdbc.queryForObject("select count(*) from discovery_run", Long.class)).isEqualTo(before);
        var posted = zh.submit("/admin/discovery", "/admin/discovery/runs",
                Map.of("asOf", D.toString(), "rules", "MATURITY"));
        assertThat(posted.status()).isEqualTo(302);
        assertThat(jdbc.queryForObject("select count(*) from discovery_run", Long.class)).isEqualTo(before + 1);
        assertThat(jdbc.queryForObject("select rules from discovery_run order by id desc limit 1", String.class))
                .isEqualTo("MATURITY");
        waitUntilNoRunIsActive();
        // The run's figures per rule at the top of the page, above the rules.
        String after = zh.get("/admin/discovery").body();
        long latest = jdbc.queryForObject("select max(id) from discovery_run", Long.class);
        assertThat(after).contains("最近一次运行 #" + latest).contains("id=\"latest-MATURITY\"")
                .doesNotContain("id=\"latest-OUTFLOW\"");
        assertThat(after.indexOf("id=\"latest-run\"")).isLessThan(after.indexOf("id=\"rule-MATURITY\""));
        zh.submit("/admin/discovery", "/admin/discovery/runs", Map.of("asOf", "15/06/2031"));
        assertThat(zh.get("/admin/discovery").body()).contains("基准日期格式应为 YYYY-MM-DD");
    }

    @Test
    void aRunWhoseNodeStoppedBeatingIsMarkedFailedAndThePageStopsPolling() throws InterruptedException {
        waitUntilNoRunIsActive();
        long stale = jdbc.queryForObject("""
                insert into discovery_run (as_of, status, started_by, started_at, heartbeat_at)
                values (?, 'RUNNING', 'admin', now() - interval '20 minutes', now() - interval '10 minutes')
                returning id""", Long.class, D);
        long fresh = jdbc.queryForObject("""
                insert into discovery_run (as_of, status, started_by, started_at, heartbeat_at)
                values (?, 'RUNNING', 'admin', now(), now()) returning id""", Long.class, D);
        Http admin = Http.session(port, "admin");
        assertThat(admin.get("/admin/discovery").body()).contains("hx-get=\"/admin/discovery/runs?page=0\"");
        // The scheduled stale check (every minute) may get there first: assert what the row ends as.
        runner.failStale();
        assertThat(jdbc.queryForObject("select status || ' ' || failure from discovery_run where id = ?", String.class,
                stale)).isEqualTo("FAILED discovery.failed.stale");
        assertThat(jdbc.queryForObject("select status from discovery_run where id = ?", String.class, fresh))
                .isEqualTo("RUNNING");
        JsonNode failed = Http.basic(port, "admin").get("/api/v1/discovery/runs/" + stale).json();
        assertThat(failed.get("failure").asString()).contains("运行中断");
        jdbc.update("update discovery_run set status = 'FAILED', failure = 'discovery.failed.stale' where id = ?", fresh);
        var page = admin.get("/admin/discovery");
        assertThat(page.body()).doesNotContain("hx-get=\"/admin/discovery/runs").contains("运行节点停止或重启");
    }

    @Test
    void theEvidenceIsSaidInTheReadersLanguage() {
        Made m = one("M_D", "DEP_TIME", "MATURITY");
        JsonNode zh = Http.basic(port, "admin").get("/api/v1/opportunities/" + m.id()).json();
        assertThat(zh.get("sourceDetail").asString()).isEqualTo("定期存款 ¥100,000.00 将于 2031-06-15 到期");
        assertThat(zh.get("evidence").get(0).get("rule").asString()).isEqualTo("MATURITY");
        JsonNode en = Http.basic(port, "admin").language("en").get("/api/v1/opportunities/" + m.id()).json();
        assertThat(en.get("sourceDetail").asString()).isEqualTo("Time deposit of ¥100,000.00 matures on 2031-06-15");

        Made outflow = one("O_70", "DEP_TIME", "OUTFLOW");
        Made appended = one("E_TW", "WEALTH", "TIER_UPGRADE");
        Http session = Http.session(port, "dsc_rm");
        String detail = session.get("/opportunities/" + outflow.id()).body();
        assertThat(detail).contains("近三月日均资产下降 30%").doesNotContain("??");
        String both = session.get("/opportunities/" + appended.id()).body();
        assertThat(both).contains("资产 ¥450,000.00，距白金门槛 ¥500,000.00 还差 ¥50,000.00")
                .contains("40 岁，资产 ¥450,000.00，未持有理财产品或基金");
        String english = session.get("/opportunities/" + appended.id() + "?lang=en").body();
        assertThat(english).contains("AUM ¥450,000.00, ¥50,000.00 short of the Platinum threshold of ¥500,000.00")
                .contains("Aged 40, AUM ¥450,000.00, holds no wealth product or fund");
        String home = session.get("/?lang=zh-CN").body();
        assertThat(home).contains("myday-discovered").contains("evidence-line").doesNotContain("??");
    }
}
