package org.bankcrm.web.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.bankcrm.service.opportunity.OpportunityService.OpportunityQuery;
import org.bankcrm.service.opportunity.OpportunityService;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.UserService;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How fast one RM's opportunity list pages when the RM has many opportunities. The application's page
 * (the service call behind the API, scope and fetch joins included, and the API's HTTP call on top)
 * is timed next to its floor: the same page as one plain SQL query with a count, in the same run.
 * <p>
 * The default build runs it with 1,000 opportunities as a smoke check; {@code -Dbench.opportunities=10000}
 * (see docs/benchmarks.md) gives the figures. It prints, and asserts only that paging is correct.
 */
@CrmWebTest
class ListPagingBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 30);

    @LocalServerPort
    int port;

    @Autowired JdbcTemplate jdbc;
    @Autowired OpportunityService opportunities;
    @Autowired UserService users;

    @Test
    void anRmsListPagesQuicklyAtSize() {
        int n = Integer.getInteger("bench.opportunities", 1000);
        String rm = "bench_rm_" + n;
        if (jdbc.queryForObject("select count(*) from staff_user where username = ?", Integer.class, rm) == 0) {
            jdbc.update("""
                    insert into staff_user (username, display_name, role, branch_id, password_hash)
                    select ?, '压测客户经理', 'RM', id, (select password_hash from staff_user where username = 'rm1')
                    from branch where code = 'BR001'""", rm);
            seed(rm, n);
        }
        CurrentUser user = users.current(rm);
        long total = opportunities.search(user, query("score,desc", 0)).total();
        assertThat(total).isEqualTo(n);
        int lastPage = (int) ((total - 1) / 20);

        // Warm up both paths, then time them alternately so that neither gets a warmer machine.
        for (int i = 0; i < 5; i++) {
            opportunities.search(user, query("score,desc", i));
            sqlPage(user.id(), i);
        }
        List<Long> app = new ArrayList<>();
        List<Long> http = new ArrayList<>();
        List<Long> sql = new ArrayList<>();
        Http client = Http.basic(port, rm);
        for (int i = 0; i < ROUNDS; i++) {
            int page = i % 3 == 0 ? 0 : i % 3 == 1 ? lastPage / 2 : lastPage;
            long t0 = System.nanoTime();
            Paged<?> p = opportunities.search(user, query("score,desc", page));
            app.add(System.nanoTime() - t0);
            assertThat(p.items()).isNotEmpty();
            t0 = System.nanoTime();
            int rows = sqlPage(user.id(), page);
            sql.add(System.nanoTime() - t0);
            assertThat(rows).isPositive();
            t0 = System.nanoTime();
            assertThat(client.get("/api/v1/opportunities?sort=score,desc&size=20&page=" + page).status()).isEqualTo(200);
            http.add(System.nanoTime() - t0);
        }
        System.out.printf(Locale.ROOT, "%nBENCH list-paging opportunities=%d rounds=%d%n", n, ROUNDS);
        System.out.printf(Locale.ROOT, "BENCH   plain SQL (page + count)   p50 %6.2f ms  p95 %6.2f ms%n", p(sql, 50), p(sql, 95));
        System.out.printf(Locale.ROOT, "BENCH   service (JPA, scoped)      p50 %6.2f ms  p95 %6.2f ms  ratio p50 %.2f%n",
                p(app, 50), p(app, 95), p(app, 50) / p(sql, 50));
        System.out.printf(Locale.ROOT, "BENCH   HTTP API (Basic auth)      p50 %6.2f ms  p95 %6.2f ms%n%n", p(http, 50), p(http, 95));
    }

    private static OpportunityQuery query(String sort, int page) {
        return new OpportunityQuery(null, null, null, null, null, null, null, null, null, null, null, sort, page, 20, null);
    }

    /** The floor: the same rows and count in SQL, as a hand-written read model would fetch them. */
    private int sqlPage(long ownerId, int page) {
        jdbc.queryForObject("select count(*) from opportunity o where o.owner_id = ?", Long.class, ownerId);
        return jdbc.queryForList("""
                select o.id, o.title, o.amount, o.stage, o.score, c.customer_no, c.name, p.code, b.code, u.username
                from opportunity o join customer c on c.id = o.customer_id join product p on p.code = o.product_code
                join branch b on b.id = o.branch_id left join staff_user u on u.id = o.owner_id
                where o.owner_id = ? order by o.score desc nulls last, o.id desc limit 20 offset ?""",
                ownerId, page * 20).size();
    }

    private void seed(String rm, int n) {
        jdbc.update("""
                insert into customer (customer_no, type, name, birth_date, branch_id, owner_id, aum, tier)
                select 'BENCH-' || ? || '-' || g, 'RETAIL', '压测客户' || g, date '1985-01-01', b.id, u.id, 100000, 'GOLD'
                from generate_series(1, ?) g, branch b, staff_user u where b.code = 'BR001' and u.username = ?""",
                rm, Math.max(1, n / 10), rm);
        jdbc.update("""
                insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status,
                    source, owner_id, branch_id, expected_close_date, risk_level, competition, need_strength, score,
                    band, created_by)
                select c.id, 'WEALTH', '压测商机 ' || g, 10000 + g, (10000 + g) * 0.008,
                       (array['IDENTIFIED','CONTACTED','QUALIFIED','PROPOSAL','NEGOTIATION'])[1 + g % 5], 'OPEN',
                       'RM_DISCOVERED', c.owner_id, c.branch_id, current_date + 30 + g % 90, 'MEDIUM', 'NONE', 3,
                       (g * 37 % 1000) / 10.0, 'C', c.owner_id
                from generate_series(1, ?) g
                join customer c on c.customer_no = 'BENCH-' || ? || '-' || (1 + g % ?)""",
                n, rm, Math.max(1, n / 10));
        jdbc.execute("analyze opportunity");
        jdbc.execute("analyze customer");
    }

    private static double p(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }
}
