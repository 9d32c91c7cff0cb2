package org.bankcrm.web.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.bankcrm.service.discovery.DiscoveryRunner;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A discovery run (every rule, creating the opportunities with history and scores, in one transaction) next to its
 * floor: plain SQL queries, one per rule, that select the same matches, timed in the same run; and next to the
 * floor of writing them, one plain INSERT ... SELECT of a bare opportunity per customer and product (rolled back). The data is
 * generated in bulk (N customers, about 5 holdings and 6 months of AUM each); the default build runs it with 2,000
 * customers, {@code -Dbench.customers=200000} gives the figures in docs/benchmarks.md. It prints the figures and
 * asserts only that both ways find the same matches and that the run made exactly the first-rule opportunities.
 */
@CrmWebTest
class DiscoveryBenchmark {

    static final LocalDate D = LocalDate.of(2032, 3, 15);

    @Autowired JdbcTemplate jdbc;
    @Autowired DiscoveryRunner runner;
    @Autowired TransactionTemplate tx;

    /** Seconds per rule of the last floor round. */
    private final Map<String, Double> floorByRule = new LinkedHashMap<>();

    /** One match of the floor: a rule, a customer, a product. */
    record Match(String rule, long customer, String product) {
    }

    @Test
    void aDiscoveryRunNextToPlainSqlSelectingTheSameMatches() throws Exception {
        int n = Integer.getInteger("bench.customers", 2000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        String tag = "DSB" + n;
        if (jdbc.queryForObject("select count(*) from customer where customer_no like ?", Integer.class,
                tag + "-%") == 0) {
            long t0 = System.nanoTime();
            seed(tag, n);
            System.out.printf(Locale.ROOT, "BENCH discovery: generated %d customers in %.1f s%n", n,
                    (System.nanoTime() - t0) / 1e9);
        }
        long customers = jdbc.queryForObject("select count(*) from customer", Long.class);
        long holdings = jdbc.queryForObject("select count(*) from holding", Long.class);
        long months = jdbc.queryForObject("select count(*) from aum_monthly", Long.class);

        // A warm-up of each, then the rounds; each round's run starts from no discovered opportunity of D.
        floor();
        floorInsert();
        cleanUp(run());
        List<Double> sqlTimes = new ArrayList<>();
        List<Double> insertTimes = new ArrayList<>();
        List<Double> runTimes = new ArrayList<>();
        List<Match> matches = null;
        int floorCreated = 0;
        long runId = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            matches = floor();
            sqlTimes.add((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            floorCreated = floorInsert();
            insertTimes.add((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            runId = run();
            runTimes.add((System.nanoTime() - t0) / 1e9);
            if (r < rounds - 1) {
                cleanUp(runId);
            }
        }
        long created = jdbc.queryForObject("select count(*) from opportunity where discovery_run_id = ?", Long.class,
                runId);
        int skipped = jdbc.queryForObject("select skipped from discovery_run where id = ?", Integer.class, runId);
        verify(tag, matches, runId, created, skipped);
        assertThat(created).as("opportunities made by the plain SQL insert").isEqualTo(floorCreated);

        // The steady state: the same data again, so every match is already covered by an open opportunity.
        long t0 = System.nanoTime();
        long steady = run();
        double steadySeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(jdbc.queryForObject("select count(*) from opportunity where discovery_run_id = ?", Long.class,
                steady)).isZero();
        cleanUp(runId);

        double sqlP50 = median(sqlTimes);
        double insertP50 = median(insertTimes);
        double runP50 = median(runTimes);
        System.out.printf(Locale.ROOT, "%nBENCH discovery customers=%d holdings=%d aum_months=%d (generated %d)%n",
                customers, holdings, months, n);
        System.out.printf(Locale.ROOT, "BENCH   matches %d, opportunities created %d, skipped %d%n", matches.size(),
                created, skipped);
        System.out.printf(Locale.ROOT, "BENCH   plain SQL, 8 rule queries (floor) p50 %8.2f s  %s%n", sqlP50,
                sqlTimes);
        System.out.printf(Locale.ROOT, "BENCH     per rule (last round): %s%n", floorByRule.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue())).toList());
        System.out.printf(Locale.ROOT, "BENCH   plain SQL inserting bare rows   p50 %8.2f s  %s  ratio %.2f%n",
                insertP50, insertTimes, insertP50 / sqlP50);
        System.out.printf(Locale.ROOT, "BENCH   discovery run, creating      p50 %8.2f s  %s  ratio %.2f (%.2f to the insert)%n",
                runP50, runTimes, runP50 / sqlP50, runP50 / insertP50);
        System.out.printf(Locale.ROOT, "BENCH   discovery run, nothing new       %8.2f s  ratio %.2f%n%n", steadySeconds,
                steadySeconds / sqlP50);
    }

    private long run() throws Exception {
        long id = jdbc.queryForObject("""
                insert into discovery_run (as_of, status, started_by, heartbeat_at) values (?, 'QUEUED', 'bench', now())
                returning id""", Long.class, D);
        runner.submit(id);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofHours(1)).until(() -> jdbc.queryForObject(
                "select status from discovery_run where id = ?", String.class, id).matches("DONE|FAILED"));
        assertThat(jdbc.queryForObject("select status from discovery_run where id = ?", String.class, id))
                .isEqualTo("DONE");
        return id;
    }

    private void cleanUp(long runId) {
        jdbc.update("delete from opportunity where discovery_run_id = ?", runId);
    }

    /** The floor: the contract's rules with the default thresholds, written plainly, one query each. */
    private List<Match> floor() {
        List<Match> all = new ArrayList<>();
        queries().forEach((rule, sql) -> {
            long t0 = System.nanoTime();
            all.addAll(jdbc.query(sql, (rs, i) -> new Match(rule, rs.getLong(1), rs.getString(2)),
                    Collections.nCopies(params(sql), D).toArray()));
            floorByRule.put(rule, (System.nanoTime() - t0) / 1e9);
        });
        return all;
    }

    /**
     * The floor of writing: the same queries de-duplicated against open opportunities, inserting one bare
     * opportunity per customer and product (no evidence, score or history), rolled back afterwards.
     */
    private int floorInsert() {
        StringBuilder union = new StringBuilder();
        int order = 0;
        int params = 0;
        for (String sql : queries().values()) {
            union.append(union.isEmpty() ? "" : " union all ").append("select q.*, ").append(++order)
                    .append(" from (").append(sql).append(") q");
            params += params(sql);
        }
        String insert = """
                insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status,
                    source, branch_id, owner_id, expected_close_date, risk_level, competition, need_strength)
                select distinct on (m.customer_id, m.product_code) m.customer_id, m.product_code, '-', 0, 0,
                       'IDENTIFIED', 'OPEN', 'DISCOVERY_RULE', c.branch_id, c.owner_id, ?::date, 'MEDIUM', 'NONE', 3
                from (%s) m(customer_id, product_code, rule_order)
                join customer c on c.id = m.customer_id
                where not exists (select 1 from opportunity o where o.customer_id = m.customer_id
                                    and o.product_code = m.product_code and o.status = 'OPEN')
                order by m.customer_id, m.product_code, m.rule_order""".formatted(union);
        Object[] args = Collections.nCopies(params + 1, D).toArray();
        Integer n = tx.execute(status -> {
            status.setRollbackOnly();
            return jdbc.update(insert, args);
        });
        return n == null ? 0 : n;
    }

    private static int params(String sql) {
        return (int) sql.chars().filter(c -> c == '?').count();
    }

    private static Map<String, String> queries() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("MATURITY", """
                select customer_id, product_code from holding
                where product_code in ('DEP_TIME', 'WEALTH') and balance > 0 and maturity_date between ?::date and ?::date + 30
                group by customer_id, product_code""");
        queries.put("OUTFLOW", """
                select l.customer_id, 'DEP_TIME' from
                  (select customer_id, max(month) as m from aum_monthly where month <= date_trunc('month', ?::date)
                   group by customer_id) l
                join aum_monthly a0 on a0.customer_id = l.customer_id and a0.month = l.m
                join aum_monthly a1 on a1.customer_id = l.customer_id and a1.month = (l.m - interval '1 month')::date
                join aum_monthly a2 on a2.customer_id = l.customer_id and a2.month = (l.m - interval '2 months')::date
                join aum_monthly a3 on a3.customer_id = l.customer_id and a3.month = (l.m - interval '3 months')::date
                where (a1.avg_aum + a2.avg_aum + a3.avg_aum) / 3 >= 50000
                  and a0.avg_aum <= 0.7 * (a1.avg_aum + a2.avg_aum + a3.avg_aum) / 3""");
        queries.put("TIER_UPGRADE", """
                select c.id, 'WEALTH' from customer c
                cross join lateral (select lower_bound from tier_threshold t where t.customer_type = 'RETAIL'
                                    and t.lower_bound > c.aum order by t.lower_bound limit 1) nt
                where c.type = 'RETAIL' and c.aum >= 0.8 * nt.lower_bound""");
        queries.put("PAYROLL_LINK", """
                select e.id, 'PAYROLL' from customer e join customer r on r.employer_no = e.customer_no and r.type = 'RETAIL'
                where e.type = 'CORPORATE'
                  and not exists (select 1 from holding h where h.customer_id = e.id and h.product_code = 'PAYROLL')
                group by e.id having count(*) >= 20""");
        queries.put("EMPLOYEE_CARD", """
                select r.id, 'CARD_CREDIT' from customer r join customer e on e.customer_no = r.employer_no
                where r.type = 'RETAIL'
                  and e.id in (select customer_id from holding where product_code = 'PAYROLL')
                  and r.id not in (select customer_id from holding where product_code = 'CARD_CREDIT')""");
        queries.put("CROSS_SELL_CARD", """
                select c.id, 'CARD_CREDIT' from customer c
                where c.type = 'RETAIL' and c.birth_date > ?::date - interval '36 years'
                  and c.birth_date <= ?::date - interval '22 years'
                  and (select count(distinct h.product_code) from holding h where h.customer_id = c.id
                         and (h.balance > 0 or h.product_code in ('EBANK', 'CARD_CREDIT', 'PAYROLL'))) < 3
                  and not exists (select 1 from holding h where h.customer_id = c.id and h.product_code = 'CARD_CREDIT')""");
        queries.put("CROSS_SELL_WEALTH", """
                select c.id, 'WEALTH' from customer c
                where c.type = 'RETAIL' and c.birth_date > ?::date - interval '61 years'
                  and c.birth_date <= ?::date - interval '36 years' and c.aum >= 50000
                  and not exists (select 1 from holding h where h.customer_id = c.id
                                    and h.product_code in ('WEALTH', 'FUND') and h.balance > 0)""");
        queries.put("DORMANT", """
                select id, 'EBANK' from customer where last_txn_on < ?::date - 180 and aum >= 10000
                 """);
        return queries;
    }

    /** Both found the same matches; the run made one opportunity per customer and product, by the first rule. */
    private void verify(String tag, List<Match> matches, long runId, long created, int skipped) {
        assertThat(created + skipped).as("matches of the run").isEqualTo(matches.size());
        Map<Long, Boolean> ours = new TreeMap<>();
        jdbc.query("select id from customer where customer_no like ?", rs -> {
            ours.put(rs.getLong(1), true);
        }, tag + "-%");
        List<String> order = List.of("MATURITY", "OUTFLOW", "TIER_UPGRADE", "PAYROLL_LINK", "EMPLOYEE_CARD",
                "CROSS_SELL_CARD", "CROSS_SELL_WEALTH", "DORMANT");
        Map<String, List<String>> expected = new TreeMap<>();
        matches.stream().filter(m -> ours.containsKey(m.customer()))
                .sorted((a, b) -> Integer.compare(order.indexOf(a.rule()), order.indexOf(b.rule())))
                .forEach(m -> expected.computeIfAbsent(m.customer() + "/" + m.product(), k -> new ArrayList<>())
                        .add(m.rule()));
        Map<String, List<String>> actual = new TreeMap<>();
        jdbc.query("""
                select o.customer_id || '/' || o.product_code, o.discovery_rule,
                       (select string_agg(e ->> 'rule', ',' order by k) from jsonb_array_elements(o.evidence)
                          with ordinality x(e, k))
                from opportunity o join customer c on c.id = o.customer_id
                where o.discovery_run_id = ? and c.customer_no like ?""", rs -> {
            List<String> rules = List.of(rs.getString(3).split(","));
            assertThat(rules.getFirst()).isEqualTo(rs.getString(2));
            actual.put(rs.getString(1), rules);
        }, runId, tag + "-%");
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).as("the generated data exercises every rule").isNotEmpty();
        assertThat(actual.values().stream().flatMap(List::stream).distinct()).containsExactlyInAnyOrderElementsOf(order);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /**
     * N customers of branch DSB: one in ten corporate, N/1000 of those employers of one retail customer in ten
     * each, every other one paying payroll with us; retail AUM spread log-uniformly from 100 to 5,000,000; five
     * holdings on average (two for one customer in ten, six for three in ten), time deposits and wealth products
     * maturing over 40 months; six months of AUM up to D's month with some gaps, a halving for one customer in 25
     * and some customers whose latest month is the one before.
     */
    private void seed(String tag, int n) {
        jdbc.update("""
                insert into branch (code, name, parent_id, path)
                select 'DSB', '发现压测支行', id, '/HQ/DSB/' from branch where code = 'HQ'
                on conflict do nothing""");
        jdbc.update("""
                insert into staff_user (username, display_name, role, branch_id, password_hash)
                select 'dsb_rm', '发现压测经理', 'RM', id, '{noop}-' from branch where code = 'DSB'
                on conflict do nothing""");
        int employers = Math.max(2, n / 1000);
        jdbc.update("""
                insert into customer (customer_no, type, name, birth_date, employer_no, branch_id, owner_id, aum,
                                      annual_contribution, last_txn_on, tier)
                select ? || '-' || g,
                       case when g % 10 = 0 then 'CORPORATE' else 'RETAIL' end,
                       '发现压测' || g,
                       case when g % 10 <> 0 then (?::date - make_interval(years => 18 + (g * 37) % 60))::date - (g % 365) end,
                       case when g % 10 = 1 and g > 10 * ? then ? || '-' || (10 * (1 + (g / 10) % ?)) end,
                       b.id, case when g % 10 <> 9 then u.id end, a.aum,
                       case when g % 10 = 0 then (g % 97) * 20000 else 0 end,
                       ?::date - (g * 13) % 190,
                       case when g % 10 = 0 then
                           (select t.tier from tier_threshold t where t.customer_type = 'CORPORATE'
                              and t.lower_bound <= (g % 97) * 20000 order by t.lower_bound desc limit 1)
                       else (select t.tier from tier_threshold t where t.customer_type = 'RETAIL'
                              and t.lower_bound <= a.aum order by t.lower_bound desc limit 1) end
                from generate_series(1, ?) g
                cross join lateral (select case when g % 10 = 0 then 0
                        else round(exp(ln(100) + ((g * 7919) % 1000) / 1000.0 * ln(50000))::numeric, 2) end as aum) a,
                branch b, staff_user u
                where b.code = 'DSB' and u.username = 'dsb_rm'
                order by g""", tag, D, employers, tag, employers, D, n);
        // The customer's number g, hashed with the holding's k, decides products, balances and maturities.
        jdbc.update("""
                insert into holding (customer_id, product_code, balance, opened_on, maturity_date)
                select c.id, p.code,
                       case when abs(hashtext(x.g || ':b' || k)) % 6 = 0 then 0
                            else abs(hashtext(x.g || ':v' || k)) % 200000 + 0.5 end,
                       date '2020-01-01' + k,
                       case when p.code in ('DEP_TIME', 'WEALTH')
                            then ?::date + abs(hashtext(x.g || ':m' || k)) % 1200 - 30 end
                from customer c
                cross join lateral (select split_part(c.customer_no, '-', 2)::integer as g) x
                cross join generate_series(1, 6) k
                cross join lateral (select (array['DEP_DEMAND', 'DEP_TIME', 'WEALTH', 'FUND', 'INSURANCE', 'CARD_CREDIT',
                        'LOAN_CONSUMER', 'EBANK', 'DEP_TIME', 'WEALTH'])[1 + abs(hashtext(x.g || ':p' || k)) % 10] as code) p
                where c.customer_no like ? || '-%'
                  and not (x.g % 10 = 4 and k > 2) and not (k = 6 and x.g % 10 not in (5, 6, 7))
                on conflict do nothing""", D, tag);
        jdbc.update("""
                insert into holding (customer_id, product_code, balance, opened_on)
                select c.id, 'PAYROLL', 0, date '2021-01-01' from customer c
                where c.customer_no like ? || '-%' and c.type = 'CORPORATE'
                  and split_part(c.customer_no, '-', 2)::integer % 20 = 0""", tag);
        jdbc.update("""
                insert into aum_monthly (customer_id, month, avg_aum)
                select c.id, (date_trunc('month', ?::date) - make_interval(months => 5 - m))::date,
                       round(case when m = 5 and x.g % 25 = 0 then 0.5 else 1 end
                             * case when c.type = 'CORPORATE' then 100000 else c.aum end * (1 + m * 0.01), 2)
                from customer c
                cross join lateral (select split_part(c.customer_no, '-', 2)::integer as g) x
                cross join generate_series(0, 5) m
                where c.customer_no like ? || '-%'
                  and not (x.g % 50 = 1 and m = 3) and not (x.g % 7 = 0 and m = 5)""", D, tag);
        for (String table : List.of("customer", "holding", "aum_monthly", "opportunity")) {
            jdbc.execute("analyze " + table);
        }
    }
}
