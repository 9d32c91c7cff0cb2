package org.bankcrm.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.bankcrm.service.dashboard.DashboardQuery;
import org.bankcrm.service.dashboard.DashboardSelector;
import org.bankcrm.service.dashboard.PipelineQuery;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.UserService;
import org.bankcrm.service.shared.ClockConfig;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How fast the branch dashboard is over a large bank: N opportunities and 5·N follow-ups across 50 branches
 * under HQ, about 20 RMs a branch. For (a) one branch head's dashboard for last month and (b) the admin's
 * whole-bank dashboard for last month, the application's server time is timed next to its floor, the same
 * aggregates as plain SQL over JDBC, in the same run:
 * <ul>
 *   <li>the pipeline ({@link PipelineQuery#of}, what {@code GET /api/v1/dashboard/pipeline} returns) against
 *       the plain SQL of the same figures;</li>
 *   <li>the page's read model ({@link DashboardQuery#of}, what {@code /dashboard} shows) against the plain
 *       SQL of the pipeline plus the cycle time, funnel, categories, 12-week trend, tier pyramid and company
 *       sizes (the page's referral channels, targets and top-10 lists are left out of the floor: the bench
 *       has no referrals or targets, and the lists are ten-row fetches).</li>
 * </ul>
 * The default build runs it with 20,000 opportunities as a smoke check; {@code -Dbench.opportunities=1000000}
 * (see docs/benchmarks.md) gives the figures. It prints {@code BENCH} lines and asserts only that the
 * service's figures equal the plain SQL's.
 */
@CrmWebTest
class DashboardBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 7);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 2);
    private static final String RANKS = "array['IDENTIFIED','CONTACTED','QUALIFIED','PROPOSAL','NEGOTIATION','WON']";

    @LocalServerPort
    int port;

    @Autowired JdbcTemplate jdbc;
    @Autowired PipelineQuery pipelineReport;
    @Autowired DashboardQuery dashboardReport;
    @Autowired DashboardSelector selector;
    @Autowired UserService users;

    @Test
    void dashboardsAgainstTheirPlainSqlFloor() {
        int n = Integer.getInteger("bench.opportunities", 20_000);
        long t0 = System.nanoTime();
        if (jdbc.queryForObject("select count(*) from branch where code = 'BX01'", Integer.class) == 0) {
            seed(n);
        }
        double seedSeconds = (System.nanoTime() - t0) / 1e9;
        LocalDate today = LocalDate.now(ClockConfig.BANK_ZONE);
        LocalDate from = today.withDayOfMonth(1).minusMonths(1);
        LocalDate to = from.plusMonths(1).minusDays(1);
        long opps = jdbc.queryForObject("select count(*) from opportunity", Long.class);
        long fus = jdbc.queryForObject("select count(*) from follow_up", Long.class);
        System.out.printf(Locale.ROOT, "%nBENCH dashboard opportunities=%d (all: %d) follow-ups (all: %d) branches=50"
                + " period=%s..%s rounds=%d seeded in %.1f s%n", n, opps, fus, from, to, ROUNDS, seedSeconds);

        try {
            run("branch (head of BX01)", "bxh01", "BX01", from, to);
            run("bank (admin)", "admin", null, from, to);
        } finally {
            removeBank();
        }
    }

    /** The other tests share this database and read first pages of customers: the bench bank leaves again. */
    private void removeBank() {
        String bx = "(select id from branch where code like 'BX__')";
        jdbc.update("delete from follow_up where customer_id in (select id from customer where branch_id in " + bx + ")");
        jdbc.update("delete from opportunity where branch_id in " + bx);
        jdbc.update("delete from customer where branch_id in " + bx);
        jdbc.update("delete from staff_user where branch_id in " + bx);
        jdbc.update("delete from branch where code like 'BX__'");
    }

    private void run(String label, String username, String branch, LocalDate from, LocalDate to) {
        CurrentUser user = users.current(username);
        Selection sel = selector.select(user, branch, null, from, to);
        long[] branchIds = branch == null ? null : jdbc.queryForList(
                "select id from branch where path like (select path from branch where code = ?) || '%' order by path",
                Long.class, branch).stream().mapToLong(Long::longValue).toArray();
        Floor floor = new Floor(branchIds, sel.start(), sel.end(), pipelineReport.stalledBefore(),
                pipelineReport.today());

        // Correctness first: every figure the floor computes equals the service's.
        PipelineQuery.Pipeline p = pipelineReport.of(sel);
        DashboardQuery.Page page = dashboardReport.of(sel);
        Map<String, Object> fromService = new HashMap<>(pipelineFigures(p));
        Map<String, Object> fromSql = new HashMap<>(floor.pipeline());
        assertThat(fromService).isEqualTo(fromSql);
        assertThat(p.created()).isPositive();
        assertThat(p.closed().won()).isPositive();
        fromService.putAll(pageFigures(page));
        fromSql.putAll(floor.page());
        assertThat(fromService).isEqualTo(fromSql);

        String query = (branch == null ? "" : "branch=" + branch + "&") + "from=" + from + "&to=" + to;
        Http client = Http.basic(port, username);
        for (int i = 0; i < WARMUP; i++) {
            pipelineReport.of(sel);
            floor.pipeline();
            dashboardReport.of(sel);
            floor.page();
        }
        // Alternate the paths so that neither gets a warmer machine.
        List<Long> sqlPipe = new ArrayList<>();
        List<Long> appPipe = new ArrayList<>();
        List<Long> http = new ArrayList<>();
        List<Long> sqlPage = new ArrayList<>();
        List<Long> appPage = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            sqlPipe.add(time(floor::pipeline));
            appPipe.add(time(() -> pipelineReport.of(sel)));
            http.add(time(() -> {
                assertThat(client.get("/api/v1/dashboard/pipeline?" + query).status()).isEqualTo(200);
                return null;
            }));
            sqlPage.add(time(() -> {
                floor.pipeline();
                return floor.page();
            }));
            appPage.add(time(() -> dashboardReport.of(sel)));
        }
        System.out.printf(Locale.ROOT, "BENCH %s%n", label);
        System.out.printf(Locale.ROOT, "BENCH   pipeline  plain SQL          p50 %8.1f ms  p95 %8.1f ms%n",
                p(sqlPipe, 50), p(sqlPipe, 95));
        System.out.printf(Locale.ROOT, "BENCH   pipeline  service            p50 %8.1f ms  p95 %8.1f ms  ratio p50 %.2f p95 %.2f%n",
                p(appPipe, 50), p(appPipe, 95), p(appPipe, 50) / p(sqlPipe, 50), p(appPipe, 95) / p(sqlPipe, 95));
        System.out.printf(Locale.ROOT, "BENCH   pipeline  HTTP API           p50 %8.1f ms  p95 %8.1f ms%n",
                p(http, 50), p(http, 95));
        System.out.printf(Locale.ROOT, "BENCH   page      plain SQL          p50 %8.1f ms  p95 %8.1f ms%n",
                p(sqlPage, 50), p(sqlPage, 95));
        System.out.printf(Locale.ROOT, "BENCH   page      service            p50 %8.1f ms  p95 %8.1f ms  ratio p50 %.2f p95 %.2f%n%n",
                p(appPage, 50), p(appPage, 95), p(appPage, 50) / p(sqlPage, 50), p(appPage, 95) / p(sqlPage, 95));
    }

    private static long time(Supplier<?> work) {
        long t0 = System.nanoTime();
        work.get();
        return System.nanoTime() - t0;
    }

    private static BigDecimal cents(BigDecimal v) {
        return (v == null ? BigDecimal.ZERO : v).setScale(2, RoundingMode.HALF_UP);
    }

    private static Map<String, Object> pipelineFigures(PipelineQuery.Pipeline p) {
        Map<String, Object> m = new HashMap<>();
        p.byStage().forEach(s -> {
            if (s.count() > 0) {
                m.put("stage " + s.stage() + " count", s.count());
                m.put("stage " + s.stage() + " amount", s.amount());
            }
        });
        m.put("open", p.open().count());
        m.put("open amount", p.open().amount());
        p.bySource().forEach(s -> {
            if (s.created() + s.won() + s.lost() > 0) {
                m.put("source " + s.source(), List.of(s.created(), s.won(), s.lost()));
            }
        });
        m.put("created", p.created());
        m.put("won", p.closed().won());
        m.put("lost", p.closed().lost());
        m.put("won amount", p.closed().wonAmount());
        p.byOwner().forEach(o -> {
            if (o.open() + o.won() + o.lost() + o.followUps() > 0) {
                m.put("owner " + o.ownerRm(), List.of(o.open(), o.openAmount(), o.won(), o.lost(), o.wonAmount(),
                        o.followUps(), o.visits()));
            }
        });
        m.put("stalled", p.stalled());
        m.put("overdue", p.overdueActions());
        return m;
    }

    private static Map<String, Object> pageFigures(DashboardQuery.Page d) {
        Map<String, Object> m = new HashMap<>();
        m.put("cycle", d.cycleDays());
        d.funnel().forEach(f -> m.put("funnel " + f.stage(), f.reached()));
        d.byCategory().forEach(c -> m.put("category " + c.category(), List.of(c.open(), c.openAmount(), c.created(),
                c.won(), c.wonAmount(), c.lost())));
        d.weeks().forEach(w -> m.put("week " + w.monday(), List.of(w.created(), w.won(), w.wonAmount(), w.followUps())));
        d.tiers().forEach(t -> {
            if (t.customers() > 0) {
                m.put("tier " + t.type() + " " + t.tier(), List.of(t.customers(), t.aum()));
            }
        });
        d.sizes().forEach(s -> {
            if (s.customers() > 0) {
                m.put("size " + s.size(), s.customers());
            }
        });
        return m;
    }

    /**
     * The floor: the same aggregates as hand-written SQL over the branch ids of the subtree (or the whole
     * bank), one statement per concern, no scope machinery.
     */
    private final class Floor {

        private final long[] branchIds;
        private final String pattern;
        private final OffsetDateTime start;
        private final OffsetDateTime end;
        private final OffsetDateTime before;
        private final LocalDate today;

        Floor(long[] branchIds, OffsetDateTime start, OffsetDateTime end, OffsetDateTime before, LocalDate today) {
            this.branchIds = branchIds;
            this.pattern = branchIds == null ? "%" : jdbc.queryForObject(
                    "select path from branch where id = ?", String.class, branchIds[0]) + "%";
            this.start = start;
            this.end = end;
            this.before = before;
            this.today = today;
        }

        private String in(String column) {
            if (branchIds == null) {
                return " true ";
            }
            StringBuilder s = new StringBuilder(" ").append(column).append(" in (");
            for (int i = 0; i < branchIds.length; i++) {
                s.append(i == 0 ? "" : ",").append(branchIds[i]);
            }
            return s.append(") ").toString();
        }

        Map<String, Object> pipeline() {
            Map<String, Object> m = new HashMap<>();
            long[] open = {0};
            BigDecimal[] openAmount = {BigDecimal.ZERO};
            jdbc.query("select stage, count(*), sum(amount) from opportunity where status = 'OPEN' and "
                    + in("branch_id") + " group by stage", rs -> {
                        m.put("stage " + rs.getString(1) + " count", rs.getLong(2));
                        m.put("stage " + rs.getString(1) + " amount", cents(rs.getBigDecimal(3)));
                        open[0] += rs.getLong(2);
                        openAmount[0] = openAmount[0].add(rs.getBigDecimal(3));
                    });
            m.put("open", open[0]);
            m.put("open amount", cents(openAmount[0]));
            long[] totals = new long[3];
            BigDecimal[] wonAmount = {BigDecimal.ZERO};
            jdbc.query("""
                    select source, count(*) filter (where created_at >= ? and created_at < ?),
                           count(*) filter (where status = 'WON' and closed_at >= ? and closed_at < ?),
                           count(*) filter (where status = 'LOST' and closed_at >= ? and closed_at < ?),
                           sum(won_amount) filter (where status = 'WON' and closed_at >= ? and closed_at < ?)
                    from opportunity
                    where ((created_at >= ? and created_at < ?) or (closed_at >= ? and closed_at < ?)) and """
                    + in("branch_id") + " group by source", rs -> {
                        m.put("source " + rs.getString(1), List.of(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                        for (int k = 0; k < 3; k++) {
                            totals[k] += rs.getLong(k + 2);
                        }
                        if (rs.getBigDecimal(5) != null) {
                            wonAmount[0] = wonAmount[0].add(rs.getBigDecimal(5));
                        }
                    }, start, end, start, end, start, end, start, end, start, end, start, end);
            m.put("created", totals[0]);
            m.put("won", totals[1]);
            m.put("lost", totals[2]);
            m.put("won amount", cents(wonAmount[0]));
            Map<Long, List<Object>> owners = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            jdbc.query("""
                    select o.owner_id, u.username, count(*) filter (where o.status = 'OPEN'),
                           sum(o.amount) filter (where o.status = 'OPEN'),
                           count(*) filter (where o.status = 'WON' and o.closed_at >= ? and o.closed_at < ?),
                           count(*) filter (where o.status = 'LOST' and o.closed_at >= ? and o.closed_at < ?),
                           sum(o.won_amount) filter (where o.status = 'WON' and o.closed_at >= ? and o.closed_at < ?)
                    from opportunity o left join staff_user u on u.id = o.owner_id
                    where (o.status = 'OPEN' or (o.closed_at >= ? and o.closed_at < ?)) and """
                    + in("o.branch_id") + " group by o.owner_id, u.username", rs -> {
                        long id = rs.getLong(1);
                        Long key = rs.wasNull() ? null : id;
                        names.put(key, rs.getString(2));
                        owners.put(key, new ArrayList<>(List.of(rs.getLong(3), cents(rs.getBigDecimal(4)),
                                rs.getLong(5), rs.getLong(6), cents(rs.getBigDecimal(7)), 0L, 0L)));
                    }, start, end, start, end, start, end, start, end);
            jdbc.query("""
                    select f.created_by, u.username, count(*), count(*) filter (where f.type = 'VISIT'),
                           u.role = 'RM' and u.enabled and %s
                    from follow_up f join customer c on c.id = f.customer_id join staff_user u on u.id = f.created_by
                    where f.occurred_at >= ? and f.occurred_at < ? and %s
                    group by f.created_by, u.username, u.role, u.enabled, u.branch_id"""
                    .formatted(in("u.branch_id"), in("c.branch_id")), rs -> {
                        long id = rs.getLong(1);
                        if (!owners.containsKey(id) && !rs.getBoolean(5)) {
                            return; // neither an owner here nor one of the selection's RMs: not on the board
                        }
                        List<Object> row = owners.computeIfAbsent(id, k -> new ArrayList<>(List.of(0L,
                                cents(null), 0L, 0L, cents(null), 0L, 0L)));
                        names.put(id, rs.getString(2));
                        row.set(5, rs.getLong(3));
                        row.set(6, rs.getLong(4));
                    }, start, end);
            owners.forEach((id, row) -> m.put("owner " + names.get(id), List.copyOf(row)));
            m.put("stalled", jdbc.queryForObject("""
                    select count(*) from opportunity o
                    where o.status = 'OPEN' and o.created_at < ? and """ + in("o.branch_id") + """
                     and not exists (select 1 from follow_up f where f.opportunity_id = o.id and f.occurred_at >= ?)""",
                    Long.class, before, before));
            // Over the subtree's path as the schema keeps it: with a list of branch ids instead, the planner
            // walks every overdue action of the bank (about 3× slower at 1,000,000).
            m.put("overdue", jdbc.queryForObject("""
                    select count(*) from follow_up f join customer c on c.id = f.customer_id
                    left join opportunity o on o.id = f.opportunity_id
                    join branch b on b.id = case when o.id is null then c.branch_id else o.branch_id end
                    where f.next_action_date < ? and not f.next_action_done and (o.id is null or o.status = 'OPEN')
                    and b.path like ?""", Long.class, today, pattern));
            return m;
        }

        Map<String, Object> page() {
            Map<String, Object> m = new HashMap<>();
            m.put("cycle", jdbc.queryForObject("""
                    select round(avg(extract(epoch from (closed_at - created_at)) / 86400)::numeric, 1)
                    from opportunity where status = 'WON' and closed_at >= ? and closed_at < ? and """
                    + in("branch_id"), BigDecimal.class, start, end));
            long[] atLeast = new long[7];
            jdbc.query("""
                    select greatest(coalesce(array_position(%s, o.stage::text), 0), coalesce(h.r, 0), 1), count(*)
                    from opportunity o left join lateral (
                        select max(array_position(%s, h.to_value::text)) as r from opportunity_history h
                        where h.opportunity_id = o.id and h.event in ('STAGE', 'REOPENED')) h on true
                    where o.created_at >= ? and o.created_at < ? and %s group by 1"""
                    .formatted(RANKS, RANKS, in("o.branch_id")), rs -> {
                        for (int k = 1; k <= rs.getInt(1); k++) {
                            atLeast[k] += rs.getLong(2);
                        }
                    }, start, end);
            String[] order = {"IDENTIFIED", "CONTACTED", "QUALIFIED", "PROPOSAL", "NEGOTIATION", "WON"};
            for (int k = 1; k <= 6; k++) {
                m.put("funnel " + order[k - 1], atLeast[k]);
            }
            jdbc.query("""
                    select p.category, count(*) filter (where o.status = 'OPEN'),
                           sum(o.amount) filter (where o.status = 'OPEN'),
                           count(*) filter (where o.created_at >= ? and o.created_at < ?),
                           count(*) filter (where o.status = 'WON' and o.closed_at >= ? and o.closed_at < ?),
                           sum(o.won_amount) filter (where o.status = 'WON' and o.closed_at >= ? and o.closed_at < ?),
                           count(*) filter (where o.status = 'LOST' and o.closed_at >= ? and o.closed_at < ?)
                    from opportunity o join product p on p.code = o.product_code
                    where (o.status = 'OPEN' or (o.created_at >= ? and o.created_at < ?)
                           or (o.closed_at >= ? and o.closed_at < ?)) and """ + in("o.branch_id")
                    + " group by p.category", rs -> {
                        m.put("category " + rs.getString(1), List.of(rs.getLong(2), cents(rs.getBigDecimal(3)),
                                rs.getLong(4), rs.getLong(5), cents(rs.getBigDecimal(6)), rs.getLong(7)));
                    }, start, end, start, end, start, end, start, end, start, end, start, end);
            weeks(m);
            jdbc.query("select type, tier, count(*), sum(aum) from customer where " + in("branch_id")
                    + " group by type, tier", rs -> {
                        m.put("tier " + rs.getString(1) + " " + rs.getString(2),
                                List.of(rs.getLong(3), cents(rs.getBigDecimal(4))));
                    });
            jdbc.query("select company_size, count(*) from customer where type = 'CORPORATE'"
                    + " and company_size is not null and " + in("branch_id") + " group by company_size",
                    rs -> {
                        m.put("size " + rs.getString(1), rs.getLong(2));
                    });
            return m;
        }

        private void weeks(Map<String, Object> m) {
            LocalDate to = end.atZoneSameInstant(ClockConfig.BANK_ZONE).toLocalDate().minusDays(1);
            LocalDate last = (to.isBefore(today) ? to : today).with(java.time.temporal.TemporalAdjusters
                    .previousOrSame(java.time.DayOfWeek.MONDAY));
            LocalDate first = last.minusWeeks(11);
            OffsetDateTime s = first.atStartOfDay(ClockConfig.BANK_ZONE).toOffsetDateTime();
            OffsetDateTime e = last.plusWeeks(1).atStartOfDay(ClockConfig.BANK_ZONE).toOffsetDateTime();
            Map<LocalDate, List<Object>> rows = new HashMap<>();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusWeeks(1)) {
                rows.put(d, new ArrayList<>(List.of(0L, 0L, cents(null), 0L)));
            }
            String zone = "'" + ClockConfig.BANK_ZONE.getId() + "'";
            jdbc.query("select date_trunc('week', created_at at time zone " + zone + ")::date, count(*) from opportunity"
                    + " where created_at >= ? and created_at < ? and " + in("branch_id") + " group by 1",
                    rs -> {
                        rows.get(rs.getObject(1, LocalDate.class)).set(0, rs.getLong(2));
                    }, s, e);
            jdbc.query("select date_trunc('week', closed_at at time zone " + zone + ")::date, count(*), sum(won_amount)"
                    + " from opportunity where status = 'WON' and closed_at >= ? and closed_at < ? and "
                    + in("branch_id") + " group by 1", rs -> {
                        List<Object> r = rows.get(rs.getObject(1, LocalDate.class));
                        r.set(1, rs.getLong(2));
                        r.set(2, cents(rs.getBigDecimal(3)));
                    }, s, e);
            jdbc.query("select date_trunc('week', f.occurred_at at time zone " + zone + ")::date, count(*)"
                    + " from follow_up f join customer c on c.id = f.customer_id"
                    + " where f.occurred_at >= ? and f.occurred_at < ? and " + in("c.branch_id") + " group by 1",
                    rs -> {
                        rows.get(rs.getObject(1, LocalDate.class)).set(3, rs.getLong(2));
                    }, s, e);
            rows.forEach((d, r) -> m.put("week " + d, List.copyOf(r)));
        }
    }

    /**
     * 50 branches under HQ, a head and 20 RMs each, N/5 customers (one in ten corporate), N opportunities
     * created over the last 400 days (about a third still open, the rest won or lost within 4 months of
     * creation), five follow-ups each between creation and close (or now), one in ten with a next action.
     */
    private void seed(int n) {
        int customers = Math.max(50, n / 5);
        jdbc.execute("select setseed(0.42)");
        jdbc.update("""
                insert into branch (code, name, parent_id, path)
                select 'BX' || lpad(g::text, 2, '0'), '压测支行' || g, hq.id, '/HQ/BX' || lpad(g::text, 2, '0') || '/'
                from generate_series(1, 50) g, branch hq where hq.code = 'HQ'""");
        jdbc.update("""
                insert into staff_user (username, display_name, role, branch_id, password_hash)
                select 'bxh' || substr(b.code, 3), '压测行长' || b.code, 'BRANCH_HEAD', b.id,
                       (select password_hash from staff_user where username = 'head1')
                from branch b where b.code like 'BX__'""");
        jdbc.update("""
                insert into staff_user (username, display_name, role, branch_id, password_hash)
                select 'bx' || substr(b.code, 3) || 'r' || lpad(g::text, 2, '0'), '压测经理' || b.code || '-' || g, 'RM',
                       b.id, (select password_hash from staff_user where username = 'rm1')
                from branch b, generate_series(1, 20) g where b.code like 'BX__'""");
        jdbc.update("""
                insert into customer (customer_no, type, name, birth_date, industry, company_size, branch_id, owner_id,
                                      aum, tier)
                select 'BX-' || g, case when g % 10 = 0 then 'CORPORATE' else 'RETAIL' end, '压测客户' || g,
                       case when g % 10 = 0 then null else date '1980-01-01' + g % 9000 end,
                       case when g % 10 = 0 then '制造业' end,
                       case when g % 10 = 0 then (array['LARGE','MEDIUM','SMALL','MICRO'])[1 + g / 10 % 4] end,
                       b.id, u.id, (g * 7919 % 3000000),
                       case when g % 10 = 0 then (array['LONG_TAIL','GENERAL','KEY','STRATEGIC'])[1 + g / 10 % 4]
                            else (array['MASS','MASS','MASS','GOLD','GOLD','PLATINUM','DIAMOND','PRIVATE'])[1 + g % 8] end
                from generate_series(1, ?) g
                join branch b on b.code = 'BX' || lpad((1 + g % 50)::text, 2, '0')
                join staff_user u on u.username = 'bx' || substr(b.code, 3) || 'r' || lpad((1 + g / 50 % 20)::text, 2, '0')""",
                customers);
        jdbc.update("""
                insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status,
                    source, owner_id, branch_id, expected_close_date, risk_level, competition, need_strength,
                    won_amount, lost_reason, created_by, created_at, closed_at)
                select c.id, x.product, '压测商机 ' || x.g, x.amount, round(x.amount * 0.01, 2), x.stage,
                       case x.stage when 'WON' then 'WON' when 'LOST' then 'LOST' else 'OPEN' end,
                       (array['RM_DISCOVERED','RM_DISCOVERED','REFERRAL','DISCOVERY_RULE','CAMPAIGN','PARTNER','EVENT'])[1 + x.g % 7],
                       case when x.g % 50 = 0 then null else c.owner_id end, c.branch_id,
                       (x.created + interval '60 days')::date, 'MEDIUM', 'NONE', 1 + x.g % 5,
                       case when x.stage = 'WON' then round(x.amount * (0.8 + random() * 0.4)::numeric, 2) + 1 end,
                       case when x.stage = 'LOST' then (array['PRICE','COMPETITOR','NO_NEED','OTHER'])[1 + x.g % 4] end,
                       c.owner_id, x.created,
                       case when x.stage in ('WON', 'LOST')
                            then least(x.created + random() * interval '120 days', now() - interval '1 minute') end
                from (select g, now() - random() * interval '400 days' as created,
                             round((1000 + random() * random() * 2000000)::numeric, 2) as amount,
                             (array['DEP_DEMAND','DEP_TIME','WEALTH','FUND','INSURANCE','CARD_CREDIT','LOAN_CONSUMER','LOAN_MORTGAGE'])[1 + g % 8] as product,
                             case when random() < 0.35
                                  then (array['IDENTIFIED','IDENTIFIED','CONTACTED','CONTACTED','QUALIFIED','PROPOSAL','NEGOTIATION'])[1 + g % 7]
                                  when random() < 0.6 then 'WON' else 'LOST' end as stage
                      from generate_series(1, ?) g) x
                join customer c on c.customer_no = 'BX-' || (1 + x.g % ?)""", n, customers);
        jdbc.update("""
                insert into opportunity_history (opportunity_id, at, by_user_id, event, from_value, to_value)
                select o.id, o.created_at + interval '1 day', o.created_by, 'STAGE', 'IDENTIFIED',
                       (array['CONTACTED','QUALIFIED','PROPOSAL','NEGOTIATION'])[1 + o.id % 4]
                from opportunity o join branch b on b.id = o.branch_id
                where b.code like 'BX__' and o.id % 3 = 0""");
        jdbc.update("""
                insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, next_action,
                                       next_action_date, next_action_done, created_by)
                select o.customer_id, o.id, (array['VISIT','CALL','CALL','MEETING','WECHAT','EMAIL'])[1 + (o.id + k) % 6],
                       o.created_at + random() * (coalesce(o.closed_at, now()) - o.created_at), '压测跟进',
                       case when (o.id + k) % 10 = 0 then '回访' end,
                       case when (o.id + k) % 10 = 0 then (o.created_at + (k * 9) * interval '1 day')::date end,
                       (o.id + k) % 20 = 0, coalesce(o.owner_id, o.created_by, u.id)
                from opportunity o join branch b on b.id = o.branch_id
                join staff_user u on u.username = 'bx' || substr(b.code, 3) || 'r01'
                cross join generate_series(1, 5) k
                where b.code like 'BX__'""");
        for (String t : List.of("branch", "staff_user", "customer", "opportunity", "opportunity_history", "follow_up")) {
            jdbc.execute("analyze " + t);
        }
    }

    private static double p(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }
}
