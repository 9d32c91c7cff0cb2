package org.bankcrm.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bankcrm.domain.settings.AppSettingRepository;
import org.bankcrm.service.dashboard.DashboardQuery;
import org.bankcrm.service.dashboard.LostQuery;
import org.bankcrm.service.dashboard.PipelineQuery;
import org.bankcrm.service.dashboard.PipelineSummaryQuery;
import org.bankcrm.service.dashboard.ReadModelStore;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.myday.MyDayQuery;
import org.bankcrm.service.opportunity.PipelineRules;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.DemoRows;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The dashboards' read model (V36, D54) against the plain SQL it replaces ({@code plain}, kept as the oracle): after
 * random creates, stage moves with their history, wins, losses, reopenings, moves between branches, reassignments,
 * amount changes, follow-ups logged, edited, moved between opportunities and deleted, customers moved, re-tiered,
 * revalued (one and a whole branch at once), made and deleted, referrals made, accepted, moved and withdrawn, lost
 * opportunities given another reason or product, and opportunities deleted, and again around the stalled count's
 * moment, every figure of the pipeline, the page and the loss analysis is the same for random branches, heads and
 * periods; and a write through the API shows in the writer's next dashboard request.
 */
@CrmWebTest
class DashboardReadModelTest {

    private static final ZoneId BANK = ZoneId.of("Asia/Shanghai");

    /** Rows of rollup_open_action (V45) that are not pending actions of open opportunities as they are, or missing. */
    private static final String OPEN_ACTIONS_DIFFER = """
            with plain as (
                select f.id, o.id as opportunity_id, o.owner_id, o.branch_id, f.next_action_date as due
                from follow_up f join opportunity o on o.id = f.opportunity_id
                where f.next_action_date is not null and not f.next_action_done and o.status = 'OPEN'),
            model as (select follow_up_id, opportunity_id, owner_id, branch_id, due from rollup_open_action)
            select (select count(*) from (select * from plain except all select * from model) x)
                 + (select count(*) from (select * from model except all select * from plain) y)""";

    private static final String[] OPEN = {"IDENTIFIED", "CONTACTED", "QUALIFIED", "PROPOSAL", "NEGOTIATION"};
    private static final String[] SOURCES = {"RM_DISCOVERED", "REFERRAL", "DISCOVERY_RULE", "CAMPAIGN", "PARTNER",
        "EVENT"};
    private static final String[] TYPES = {"VISIT", "CALL", "MEETING", "WECHAT", "EMAIL", "SALON"};
    private static final String[] RETAIL_TIERS = {"MASS", "GOLD", "PLATINUM", "DIAMOND", "PRIVATE"};
    private static final String[] CORPORATE_TIERS = {"LONG_TAIL", "GENERAL", "KEY", "STRATEGIC"};
    private static final String[] SIZES = {"LARGE", "MEDIUM", "SMALL", "MICRO"};
    private static final String[] CHANNELS = {"LOBBY", "COUNTER", "OTHER_DEPT", "CORPORATE_LINK"};
    private static final String[] LOST_REASONS = {"PRICE", "COMPETITOR", "NO_NEED", "RISK_REJECTED", "UNREACHABLE",
        "OTHER"};

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PipelineQuery pipeline;

    @Autowired
    DashboardQuery dashboard;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    LostQuery lost;

    @Autowired
    ReadModelStore readModel;

    @Autowired
    PipelineSummaryQuery summaries;

    @Autowired
    MyDayQuery myDay;

    @Autowired
    Clock clock;

    @Autowired
    AppSettingRepository settings;

    private final Random random = new Random(20261203L);
    private final String tag = "R" + Long.toString(System.nanoTime() % 100000, 36).toUpperCase();
    private final List<String> branches = new ArrayList<>();
    private final List<Long> rms = new ArrayList<>();
    private final List<Long> customers = new ArrayList<>();
    /** Customers made by the random writes, without opportunities or referrals, so that they may be deleted again. */
    private final List<Long> spareCustomers = new ArrayList<>();
    private final List<Long> referrals = new ArrayList<>();
    private final List<String> products = new ArrayList<>();

    @Test
    void everyFigureEqualsThePlainSqlAfterRandomWrites() {
        organisation();
        List<Long> opportunities = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            opportunities.add(createOpportunity());
        }
        // Team members (D44): an RM on others' deals, so My day's actions a member wrote on their teams' deals count.
        for (int i = 0; i < 40; i++) {
            long member = rms.get(i % rms.size());
            jdbc.update("""
                    insert into opportunity_member (opportunity_id, user_id, role)
                    select o.id, ?, 'SUPPORT' from opportunity o
                    where o.id = ? and o.owner_id is distinct from ?
                      and not exists (select 1 from opportunity_member m
                                      where m.opportunity_id = o.id and m.user_id = ?)""",
                    member, opportunities.get(random.nextInt(opportunities.size())), member, member);
        }
        for (int i = 0; i < 500; i++) {
            followUp(opportunities.get(random.nextInt(opportunities.size())));
        }
        compareAll(12);
        for (int i = 0; i < 600; i++) {
            long id = opportunities.get(random.nextInt(opportunities.size()));
            switch (random.nextInt(18)) {
                case 0 -> moveBranch(id);
                case 1 -> jdbc.update("update opportunity set owner_id = ? where id = ?", ownerOrNull(), id);
                case 2 -> reopen(id);
                case 3 -> moveStage(id);
                case 4 -> close(id);
                case 5 -> jdbc.update("update opportunity set amount = ? where id = ?", money(), id);
                case 6 -> jdbc.update("delete from follow_up where id = (select min(id) from follow_up"
                        + " where opportunity_id = ?)", id);
                // A done flag alone (V44's rollup_action_done): on the opportunity's latest follow-up or on its
                // customer's own latest, with a next action or without one.
                case 7 -> jdbc.update("update follow_up set next_action_done = not next_action_done where id ="
                        + " (select max(id) from follow_up where " + (random.nextBoolean() ? "opportunity_id = ?"
                        : "opportunity_id is null and customer_id = (select customer_id from opportunity where id = ?)")
                        + (random.nextInt(4) == 0 ? "" : " and next_action is not null") + ")", id);
                case 8 -> jdbc.update("update follow_up set occurred_at = ?, type = ? where id ="
                        + " (select max(id) from follow_up where opportunity_id = ?)", instant(120),
                        TYPES[random.nextInt(TYPES.length)], id);
                case 9 -> jdbc.update("update customer set branch_id = (select id from branch where code = ?)"
                        + " where id = ?", branches.get(random.nextInt(branches.size())),
                        customers.get(random.nextInt(customers.size())));
                case 10 -> followUp(id);
                case 11 -> jdbc.update("update follow_up set opportunity_id = ? where id ="
                        + " (select max(id) from follow_up where opportunity_id = ?)",
                        opportunities.get(random.nextInt(opportunities.size())), id);
                case 12 -> {
                    if (random.nextBoolean()) {
                        jdbc.update("update opportunity set lost_reason = ? where id = ? and status = 'LOST'",
                                lostReason(), id);
                    } else {
                        jdbc.update("update opportunity set product_code = ? where id = ? and status = 'LOST'",
                                products.get(random.nextInt(products.size())), id);
                    }
                }
                case 13 -> editCustomer();
                case 14 -> jdbc.update("update customer set aum = aum + ?,"
                        + " annual_contribution = annual_contribution + 1"
                        + " where branch_id = (select id from branch where code = ?)", money(),
                        branches.get(random.nextInt(branches.size())));
                case 15 -> {
                    if (random.nextInt(3) == 0 && !spareCustomers.isEmpty()) {
                        jdbc.update("delete from customer where id = ?",
                                spareCustomers.remove(random.nextInt(spareCustomers.size())));
                    } else {
                        spareCustomers.add(newCustomer());
                    }
                }
                case 16 -> referral(id);
                default -> {
                    // 17 (the switch draws one more than its numbered cases): delete one in four, else create.
                    if (random.nextInt(4) == 0) {
                        // Its referrals first: an opportunity that was referred cannot be deleted.
                        jdbc.update("delete from referral where opportunity_id = ?", id);
                        jdbc.update("delete from opportunity where id = ?", id);
                        opportunities.remove(id);
                    } else {
                        opportunities.add(createOpportunity());
                    }
                }
            }
            if (i % 150 == 149) {
                compareAll(6);
                // The rows of finished transactions folded into the settled sums change no figure.
                assertThat(readModel.compact()).isNotNegative();
                compareAll(3);
            }
        }
        compareAll(12);
        // One won today, so that "this month" holds a close whatever day of the month the test runs on.
        long wonToday = opportunities.stream().filter(id -> jdbc.queryForObject("select count(*) from opportunity"
                + " where id = ? and status = 'OPEN' and owner_id is not null", Long.class, id) == 1)
                .findFirst().orElseThrow();
        jdbc.update("update opportunity set stage = 'WON', status = 'WON', won_amount = amount, closed_at = now()"
                + " where id = ?", wonToday);
        history(wonToday, "STAGE", "WON");
        long[] seen = compareSummaries(user("admin"), user((tag + "head").toLowerCase()));
        assertThat(seen[0]).as("open opportunities of the head and the RMs").isPositive();
        assertThat(seen[1]).as("closed this month by the head's and the RMs'").isPositive();
        assertThat(seen[2]).as("next actions due up to today, the head's and the RMs'").isPositive();
        assertThat(seen[3]).as("stalled and discovered lines, the head's and the RMs'").isPositive();
        assertThat(seen[4]).as("team members' own actions on others' deals").isPositive();
        // A lost opportunity deleted takes its loss along (V42's delete trigger): the bank's year sees one less.
        Long lostOne = jdbc.queryForObject("""
                select min(o.id) from opportunity o where o.status = 'LOST' and o.title = 'read model'
                  and not exists (select 1 from referral r where r.opportunity_id = o.id)""", Long.class);
        Selection year = new Selection(user("admin"), null, null, null, null, null,
                LocalDate.now(BANK).minusYears(1), LocalDate.now(BANK));
        long lostBefore = lost.plain(year).lost();
        jdbc.update("delete from opportunity where id = ?", lostOne);
        opportunities.remove(lostOne);
        assertThat(lost.plain(year).lost()).isEqualTo(lostBefore - 1);
        assertThat(lost.of(year)).isEqualTo(lost.plain(year));
        aroundTheStalledMoment(opportunities);
        compareAll(6);

        // The comparison sees a single count out of place (in a transaction rolled back, so that no fold of the
        // read model can keep it).
        CurrentUser admin = user("admin");
        Selection bank = new Selection(admin, null, null, null, null, null, LocalDate.now(BANK).withDayOfMonth(1),
                LocalDate.now(BANK));
        inRolledBackTransaction(() -> {
            // Every row of the key (settled, and any a transaction wrote since the last fold): one count or more.
            assertThat(jdbc.update("update rollup_branch_day set n = n + 1 where dim = 'O' and k = 'QUALIFIED'"
                    + " and branch_id = (select id from branch where code = ?)", branches.get(2))).isPositive();
            assertThat(pipeline.of(bank)).isNotEqualTo(pipeline.plain(bank));
        });
        inRolledBackTransaction(() -> {
            // In every category the RM's targets may have (slot -1: no transaction's).
            jdbc.update("insert into rollup_open_pipeline (owner_id, branch_id, stage, product_code, slot, n, amount)"
                    + " select ?, (select id from branch where code = ?), 'PROPOSAL', p.code, -1, 0, 1000"
                    + " from product p", rms.get(0), branches.get(0));
            assertThat(dashboard.of(bank).attainment()).isNotEqualTo(dashboard.plain(bank).attainment());
        });
        inRolledBackTransaction(() -> {
            // One close more today for an RM (their all-categories target, if that is the one they have: every RM's
            // rows get one), then for a branch in every product (D77).
            jdbc.update("insert into rollup_owner_day (dim, day, owner_id, branch_id, slot, won, amount)"
                    + " select 'T', ?, u.id, u.branch_id, -1, 1, 100 from staff_user u where u.id in ("
                    + String.join(",", rms.stream().map(String::valueOf).toList()) + ")", LocalDate.now(BANK));
            assertThat(dashboard.of(bank).attainment()).isNotEqualTo(dashboard.plain(bank).attainment());
        });
        inRolledBackTransaction(() -> {
            jdbc.update("insert into rollup_branch_day (dim, day, branch_id, k, slot, won, amount)"
                    + " select 'P', ?, (select id from branch where code = ?), p.code, -1, 1, 100 from product p",
                    LocalDate.now(BANK), branches.get(0));
            assertThat(dashboard.of(bank).attainment()).isNotEqualTo(dashboard.plain(bank).attainment());
        });
        inRolledBackTransaction(() -> {
            // My day's summary (D75): one opportunity more open in an RM's read model, then one more won this month.
            CurrentUser rm = user(jdbc.queryForObject("select username from staff_user where id = ?", String.class,
                    rms.get(0)));
            jdbc.update("insert into rollup_open_pipeline (owner_id, branch_id, stage, product_code, slot, n, amount)"
                    + " values (?, (select id from branch where code = ?), 'PROPOSAL', ?, -1, 1, 0)", rms.get(0),
                    branches.get(0), products.get(0));
            assertThat(summaries.summary(rm)).isNotEqualTo(summaries.plain(rm));
            jdbc.update("delete from rollup_open_pipeline where slot = -1");
            assertThat(summaries.summary(rm)).isEqualTo(summaries.plain(rm));
            jdbc.update("insert into rollup_owner_day (dim, day, owner_id, branch_id, slot, won)"
                    + " values ('T', ?, ?, (select id from branch where code = ?), -1, 1)", LocalDate.now(BANK),
                    rms.get(0), branches.get(0));
            assertThat(summaries.summary(rm)).isNotEqualTo(summaries.plain(rm));
        });
        inRolledBackTransaction(() -> {
            // My day's next actions (D76): one action of the head's subtree missing from the read model, then one
            // there that is done.
            CurrentUser head = user((tag + "head").toLowerCase());
            long shown = myDay.plainActions(head).stream().filter(a -> a.opportunityId() != null).findFirst()
                    .orElseThrow().followUpId();
            jdbc.update("delete from rollup_open_action where follow_up_id = ?", shown);
            assertThat(myDay.actions(head)).isNotEqualTo(myDay.plainActions(head));
            assertThat(jdbc.queryForObject(OPEN_ACTIONS_DIFFER, Long.class)).isEqualTo(1);
            jdbc.update("insert into rollup_open_action (follow_up_id, opportunity_id, owner_id, branch_id, due)"
                    + " select f.id, o.id, o.owner_id, o.branch_id, f.next_action_date from follow_up f"
                    + " join opportunity o on o.id = f.opportunity_id where f.id = ?", shown);
            assertThat(myDay.actions(head)).isEqualTo(myDay.plainActions(head));
            jdbc.update("update follow_up set next_action_done = true where id = ?", shown);
            jdbc.update("insert into rollup_open_action (follow_up_id, opportunity_id, owner_id, branch_id, due)"
                    + " select f.id, o.id, o.owner_id, o.branch_id, f.next_action_date from follow_up f"
                    + " join opportunity o on o.id = f.opportunity_id where f.id = ?", shown);
            assertThat(myDay.actions(head)).isNotEqualTo(myDay.plainActions(head));
        });
        inRolledBackTransaction(() -> {
            assertThat(jdbc.update("update rollup_touch_branch set n = n + 1"
                    + " where day = (select min(day) from rollup_touch_branch)")).isPositive();
            assertThat(pipeline.of(bank).stalled()).isNotEqualTo(pipeline.plain(bank).stalled());
        });
        inRolledBackTransaction(() -> {
            assertThat(jdbc.update("update rollup_customer_structure set n = n + 1 where type = 'RETAIL'"
                    + " and branch_id = (select id from branch where code = ?)", branches.get(1))).isPositive();
            assertThat(dashboard.of(bank).tiers()).isNotEqualTo(dashboard.plain(bank).tiers());
        });
        inRolledBackTransaction(() -> {
            assertThat(jdbc.update("update rollup_referral_day set n = n + 1 where dim = 'R' and day = ?",
                    jdbc.queryForObject("select max(day) from rollup_referral_day where dim = 'R'", LocalDate.class)))
                    .isPositive();
            Selection all = new Selection(admin, null, null, null, null, null, LocalDate.now(BANK).minusYears(1),
                    LocalDate.now(BANK));
            assertThat(dashboard.of(all).byChannel()).isNotEqualTo(dashboard.plain(all).byChannel());
        });
        inRolledBackTransaction(() -> {
            Selection all = new Selection(admin, null, null, null, null, null, LocalDate.now(BANK).minusYears(1),
                    LocalDate.now(BANK));
            // A cent more on every row of one key the selection counts (other tests' losses may lie outside it).
            assertThat(jdbc.update("""
                    with k as (select day, branch_id, owner_id, product_code, lost_reason from rollup_lost_day
                               where day between ? and ? group by 1, 2, 3, 4, 5 having sum(n) > 0 limit 1)
                    update rollup_lost_day r set amount = r.amount + 0.01 from k
                    where (r.day, r.branch_id, r.product_code) = (k.day, k.branch_id, k.product_code)
                      and r.owner_id is not distinct from k.owner_id
                      and r.lost_reason is not distinct from k.lost_reason""", all.from(), all.to()))
                    .isPositive();
            assertThat(lost.of(all)).isNotEqualTo(lost.plain(all));
        });
        assertThat(pipeline.of(bank)).isEqualTo(pipeline.plain(bank));
        DashboardQuery.Page fast = dashboard.of(bank);
        DashboardQuery.Page plain = dashboard.plain(bank);
        assertThat(fast.attainment()).isEqualTo(plain.attainment());
        assertThat(fast.tiers()).isEqualTo(plain.tiers());
        assertThat(fast.byChannel()).isEqualTo(plain.byChannel());
    }

    private void inRolledBackTransaction(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            work.run();
        });
    }

    /**
     * Stalled is "last touched before the moment" (now − the stalled days): whole bank days before the moment's day
     * from the sums, that day from the touches themselves. Creations and follow-ups on that day before and after the
     * moment, at its midnight and just before it, on the days either side; then those follow-ups edited, moved to
     * another opportunity and deleted, and their opportunities closed, reopened, moved to another branch and
     * re-dated.
     */
    private void aroundTheStalledMoment(List<Long> opportunities) {
        OffsetDateTime before = pipeline.stalledBefore();
        OffsetDateTime midnight = before.atZoneSameInstant(BANK).toLocalDate().atStartOfDay(BANK).toOffsetDateTime();
        long beforeSecs = before.toEpochSecond() - midnight.toEpochSecond();
        List<OffsetDateTime> around = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // Minutes away from the moment, which moves on while the test runs.
            around.add(midnight.plusSeconds(random.nextLong(Math.max(1, beforeSecs - 600))));
            around.add(before.plusSeconds(600 + random.nextInt(86400)));
            around.add(midnight.minusSeconds(random.nextInt(86400)));
        }
        around.add(midnight);
        around.add(midnight.minusNanos(1000));
        around.add(midnight.plusDays(1));
        List<Long> touched = new ArrayList<>();
        for (OffsetDateTime at : around) {
            long created = createOpenOpportunity(at.minusSeconds(random.nextInt(3) == 0 ? 0 : random.nextInt(86400)));
            opportunities.add(created);
            touched.add(created);
            long other = opportunities.get(random.nextInt(opportunities.size()));
            touched.add(other);
            followUpAt(random.nextBoolean() ? created : other, at);
        }
        compareAll(3);
        for (long id : touched) {
            OffsetDateTime at = around.get(random.nextInt(around.size()));
            switch (random.nextInt(7)) {
                case 0 -> jdbc.update("update follow_up set occurred_at = ? where id ="
                        + " (select max(id) from follow_up where opportunity_id = ?)", at, id);
                case 1 -> jdbc.update("update follow_up set opportunity_id = ? where id ="
                        + " (select max(id) from follow_up where opportunity_id = ?)",
                        touched.get(random.nextInt(touched.size())), id);
                case 2 -> jdbc.update("delete from follow_up where id ="
                        + " (select max(id) from follow_up where opportunity_id = ?)", id);
                case 3 -> {
                    close(id);
                    reopen(id);
                }
                case 4 -> moveBranch(id);
                case 5 -> jdbc.update("update opportunity set created_at = ? where id = ? and closed_at is null", at,
                        id);
                default -> followUpAt(id, at);
            }
        }
        CurrentUser admin = user("admin");
        Selection bank = new Selection(admin, null, null, null, null, null, LocalDate.now(BANK), LocalDate.now(BANK));
        assertThat(pipeline.plain(bank).stalled()).isPositive();
        assertThat(pipeline.of(bank).stalled()).isEqualTo(pipeline.plain(bank).stalled());
    }

    private long createOpenOpportunity(OffsetDateTime created) {
        long customer = customers.get(random.nextInt(customers.size()));
        return jdbc.queryForObject("""
                        insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage,
                            status, source, owner_id, branch_id, expected_close_date, risk_level, competition,
                            need_strength, created_at)
                        select c.id, ?, 'read model', ?, 0, ?, 'OPEN', ?, ?, c.branch_id, current_date + 30, 'LOW',
                            'NONE', 3, ?
                        from customer c where c.id = ?
                        returning id""", Long.class,
                products.get(random.nextInt(products.size())), money(), OPEN[random.nextInt(5)],
                SOURCES[random.nextInt(SOURCES.length)], ownerOrNull(), created, customer);
    }

    private void followUpAt(long opportunityId, OffsetDateTime at) {
        jdbc.update("""
                        insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, created_by)
                        select o.customer_id, o.id, ?, ?, 'read model', ? from opportunity o where o.id = ?""",
                TYPES[random.nextInt(TYPES.length)], at, rms.get(random.nextInt(rms.size())), opportunityId);
    }

    /**
     * The RMs of a branch log follow-ups at the same moment, each completing earlier next actions and adding one:
     * with one sum row per branch and day (V36) they took turns and deadlocked (an error for some of them); with
     * each transaction's own rows (V37) every one is stored, and the figures still equal the plain SQL.
     */
    @Test
    void rmsOfOneBranchLoggingFollowUpsAtTheSameMomentAllSucceed() throws Exception {
        organisation();
        List<String> usernames = jdbc.queryForList("select u.username from staff_user u join branch b on b.id ="
                + " u.branch_id where b.code like ? and u.role = 'RM' order by u.id", String.class, tag + "%");
        Map<String, List<Long>> own = new HashMap<>();
        for (String rm : usernames) {
            long id = jdbc.queryForObject("select id from staff_user where username = ?", Long.class, rm);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ids.add(jdbc.queryForObject("""
                                insert into opportunity (customer_id, product_code, title, amount,
                                    expected_revenue, stage, status, source, owner_id, branch_id,
                                    expected_close_date, risk_level, competition, need_strength)
                                select c.id, 'WEALTH', 'at once', 1000, 0, 'CONTACTED', 'OPEN', 'EVENT', c.owner_id,
                                    c.branch_id, current_date + 30, 'LOW', 'NONE', 3
                                from customer c where c.owner_id = ? order by c.id limit 1
                                returning id""", Long.class, id));
            }
            own.put(rm, ids);
        }
        int writers = usernames.size() * 2;
        int each = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String rm = usernames.get(w / 2);
            long opportunity = own.get(rm).get(w % 2);
            int seed = w;
            results.add(pool.submit(() -> {
                Http http = Http.basic(port, rm);
                Random days = new Random(seed);
                List<String> failures = new ArrayList<>();
                start.await();
                for (int i = 0; i < each; i++) {
                    var res = http.postJson("/api/v1/opportunities/" + opportunity + "/follow-ups", Map.of(
                            "type", "CALL", "summary", "同时 " + i, "outcome", "客户有意向",
                            "nextAction", "再次回访",
                            "nextActionDate", LocalDate.now(BANK).plusDays(1 + days.nextInt(20)).toString()));
                    if (res.status() != 201) {
                        failures.add(res.status() + " " + res.body());
                    }
                }
                return failures;
            }));
        }
        start.countDown();
        List<String> failures = new ArrayList<>();
        for (var r : results) {
            failures.addAll(r.get(2, TimeUnit.MINUTES));
        }
        pool.shutdown();
        assertThat(failures).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from follow_up f join opportunity o on o.id ="
                + " f.opportunity_id where o.title = 'at once' and o.owner_id = any(?)", Long.class,
                (Object) jdbc.queryForList("select u.id from staff_user u where u.username = any(?)", Long.class,
                        (Object) usernames.toArray(String[]::new)).toArray(Long[]::new)))
                .isEqualTo((long) writers * each);
        compareAll(3);
    }

    @Test
    void aWriteShowsInTheWritersNextDashboardRequest() {
        organisation();
        Http admin = Http.basic(port, "admin");
        String query = "/api/v1/dashboard/pipeline?branch=" + branches.get(0);
        JsonNode before = admin.get(query).json();
        String customerNo = jdbc.queryForObject("select customer_no from customer where id = ?", String.class,
                customers.get(0));
        var created = admin.postJson("/api/v1/opportunities", Map.of("customerNo", customerNo, "productCode", "FUND",
                "amount", new BigDecimal("1234.56"), "source", "EVENT",
                "expectedCloseDate", LocalDate.now(BANK).plusDays(30).toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode after = admin.get(query).json();
        assertThat(after.get("created").asLong()).isEqualTo(before.get("created").asLong() + 1);
        assertThat(after.get("open").get("count").asLong()).isEqualTo(before.get("open").get("count").asLong() + 1);
        assertThat(after.get("open").get("amount").decimalValue())
                .isEqualByComparingTo(before.get("open").get("amount").decimalValue().add(new BigDecimal("1234.56")));

        String path = "/api/v1/opportunities/" + created.json().get("id").asLong() + "/transitions";
        var qualified = admin.postJson(path, Map.of("toStage", "QUALIFIED", "version",
                created.json().get("version").asInt()));
        assertThat(qualified.status()).as(qualified.body()).isEqualTo(200);
        var won = admin.postJson(path, Map.of("toStage", "WON", "version", qualified.json().get("version").asInt(),
                "wonAmount", 1000));
        assertThat(won.status()).as(won.body()).isEqualTo(200);
        JsonNode closed = admin.get(query).json();
        assertThat(closed.get("closed").get("won").asLong()).isEqualTo(before.get("closed").get("won").asLong() + 1);
        assertThat(closed.get("open").get("count").asLong()).isEqualTo(before.get("open").get("count").asLong());
    }

    /** Three branches (the second under the first), a head of the first, two RMs and three customers each. */
    private void organisation() {
        Http admin = Http.basic(port, "admin");
        String parent = "HQ";
        for (int b = 0; b < 3; b++) {
            String code = tag + b;
            var res = admin.postJson("/api/v1/admin/branches", Map.of("code", code, "name", "读模型" + code,
                    "parentCode", b == 1 ? tag + 0 : parent));
            assertThat(res.status()).as(res.body()).isEqualTo(201);
            branches.add(code);
            for (int r = 0; r < 2; r++) {
                String rm = (tag + b + "rm" + r).toLowerCase();
                res = admin.postJson("/api/v1/admin/users", Map.of("username", rm, "displayName", "经理" + rm,
                        "role", "RM", "branchCode", code, "password", Http.DEMO_PASSWORD));
                assertThat(res.status()).as(res.body()).isEqualTo(201);
                rms.add(jdbc.queryForObject("select id from staff_user where username = ?", Long.class, rm));
                for (int c = 0; c < (r == 0 ? 2 : 1); c++) {
                    String no = "C" + rm + c;
                    res = admin.postJson("/api/v1/customers", Map.of("customerNo", no, "type", "RETAIL",
                            "name", "客户" + no, "branchCode", code, "ownerRm", rm, "aum", 120000,
                            "birthDate", "1985-05-05"));
                    assertThat(res.status()).as(res.body()).isEqualTo(201);
                    customers.add(jdbc.queryForObject("select id from customer where customer_no = ?", Long.class,
                            no));
                }
            }
        }
        var res = admin.postJson("/api/v1/admin/users", Map.of("username", (tag + "head").toLowerCase(),
                "displayName", "行长" + tag, "role", "BRANCH_HEAD", "branchCode", tag + 0,
                "password", Http.DEMO_PASSWORD));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        products.addAll(jdbc.queryForList("select code from product order by code", String.class));
        // Won targets of this month and the last for every RM and a quarter's for every branch (all categories, or
        // one): what they achieved (V47, D77) and their pipeline coverage (V37) come from the read model. Removed
        // again by the test.
        LocalDate month = LocalDate.now(BANK).withDayOfMonth(1);
        String[] categories = {null, "WEALTH", "DEPOSIT"};
        for (long rm : rms) {
            for (LocalDate start : List.of(month, month.minusMonths(1))) {
                // The first RM's target of this month in every category, so that a close too many is always seen.
                String category = rm == rms.get(0) && start.equals(month) ? null
                        : categories[random.nextInt(categories.length)];
                jdbc.update("""
                                insert into target (period_type, period_start, rm_id, product_category, target_amount,
                                                    target_count)
                                values ('MONTH', ?, ?, ?, ?, ?)""", start, rm, category, money(),
                        random.nextInt(5) + 1);
            }
        }
        for (String code : branches) {
            jdbc.update("""
                            insert into target (period_type, period_start, branch_id, product_category, target_amount,
                                                target_count)
                            select 'QUARTER', ?, id, ?, ?, 10 from branch where code = ?""",
                    month.withMonth((month.getMonthValue() - 1) / 3 * 3 + 1),
                    categories[random.nextInt(categories.length)], money(), code);
        }
    }

    /** The targets organisation() made would show in other tests' bank-wide figures. */
    @AfterEach
    void removeTargets() {
        jdbc.update("delete from target where rm_id in (select u.id from staff_user u join branch b on b.id ="
                + " u.branch_id where b.code like ?) or branch_id in (select id from branch where code like ?)",
                tag + "%", tag + "%");
    }

    private long createOpportunity() {
        long customer = customers.get(random.nextInt(customers.size()));
        String stage = random.nextInt(3) == 0 ? (random.nextBoolean() ? "WON" : "LOST") : OPEN[random.nextInt(5)];
        OffsetDateTime created = instant(150);
        OffsetDateTime closed = stage.equals("WON") || stage.equals("LOST")
                ? created.plusSeconds(random.nextInt(60 * 86400)) : null;
        if (closed != null && closed.isAfter(OffsetDateTime.now())) {
            closed = OffsetDateTime.now().minusSeconds(random.nextInt(3600));
        }
        Long id = jdbc.queryForObject("""
                        insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage,
                            status, source, owner_id, branch_id, expected_close_date, risk_level, competition,
                            need_strength, won_amount, lost_reason, created_at, closed_at)
                        select c.id, ?, 'read model', ?, 0, ?, case ? when 'WON' then 'WON' when 'LOST' then 'LOST'
                            else 'OPEN' end, ?, ?, c.branch_id, current_date + 30, 'LOW', 'NONE', 3, ?, ?, ?, ?
                        from customer c where c.id = ?
                        returning id""", Long.class,
                products.get(random.nextInt(products.size())), money(), stage, stage,
                SOURCES[random.nextInt(SOURCES.length)], ownerOrNull(), stage.equals("WON") ? money() : null,
                stage.equals("LOST") ? lostReason() : null, created, closed, customer);
        if (random.nextInt(3) == 0) {
            history(id, "STAGE", random.nextInt(8) == 0 ? "LOST" : OPEN[random.nextInt(5)]);
        }
        return id;
    }

    private void followUp(long opportunityId) {
        boolean alone = random.nextInt(5) == 0;
        boolean action = random.nextInt(3) == 0;
        jdbc.update("""
                        insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, next_action,
                                               next_action_date, next_action_done, created_by)
                        select o.customer_id, ?, ?, ?, 'read model', ?, ?, ?, ? from opportunity o where o.id = ?""",
                alone ? null : opportunityId, TYPES[random.nextInt(TYPES.length)], instant(120),
                action ? "next" : null, action ? LocalDate.now(BANK).plusDays(random.nextInt(41) - 30) : null,
                action && random.nextInt(4) == 0, rms.get(random.nextInt(rms.size())), opportunityId);
    }

    /** A new tier, AUM and contribution (and for a company its size), as a feed or a tier migration writes them. */
    private void editCustomer() {
        jdbc.update("""
                        update customer set tier = case type when 'RETAIL' then ? else ? end, aum = ?,
                            annual_contribution = ?, company_size = case when type = 'CORPORATE' then ? end
                        where id = ?""", RETAIL_TIERS[random.nextInt(RETAIL_TIERS.length)],
                CORPORATE_TIERS[random.nextInt(CORPORATE_TIERS.length)], money(), money(),
                random.nextInt(5) == 0 ? null : SIZES[random.nextInt(SIZES.length)],
                random.nextBoolean() && !spareCustomers.isEmpty()
                        ? spareCustomers.get(random.nextInt(spareCustomers.size()))
                        : customers.get(random.nextInt(customers.size())));
    }

    private long newCustomer() {
        boolean corporate = random.nextBoolean();
        String code = branches.get(random.nextInt(branches.size()));
        return jdbc.queryForObject("""
                        insert into customer (customer_no, type, name, company_size, branch_id, owner_id, aum,
                                              annual_contribution, tier)
                        select ?, ?, '读模型客户', ?, id, ?, ?, ?, ? from branch where code = ?
                        returning id""", Long.class,
                tag + "X" + spareCustomers.size() + "N" + random.nextInt(1_000_000), corporate ? "CORPORATE" : "RETAIL",
                corporate && random.nextBoolean() ? SIZES[random.nextInt(SIZES.length)] : null, ownerOrNull(),
                money(), money(), corporate ? CORPORATE_TIERS[random.nextInt(CORPORATE_TIERS.length)]
                        : RETAIL_TIERS[random.nextInt(RETAIL_TIERS.length)], code);
    }

    /** A referral made, accepted into an opportunity, moved to another branch or channel, or withdrawn. */
    private void referral(long opportunityId) {
        int what = referrals.isEmpty() ? 0 : random.nextInt(4);
        switch (what) {
            case 0 -> referrals.add(jdbc.queryForObject("""
                            insert into referral (customer_id, channel, need, referrer_id, suggested_rm_id, branch_id,
                                                  created_at)
                            select ?, ?, 'read model', ?, ?, id, ? from branch where code = ?
                            returning id""", Long.class, customers.get(random.nextInt(customers.size())),
                    CHANNELS[random.nextInt(CHANNELS.length)], rms.get(random.nextInt(rms.size())), ownerOrNull(),
                    instant(150), branches.get(random.nextInt(branches.size()))));
            case 1 -> jdbc.update("update referral set status = 'ACCEPTED', opportunity_id = ? where id = ?",
                    opportunityId, referrals.get(random.nextInt(referrals.size())));
            case 2 -> jdbc.update("update referral set channel = ?, branch_id = (select id from branch where code = ?)"
                    + " where id = ?", CHANNELS[random.nextInt(CHANNELS.length)],
                    branches.get(random.nextInt(branches.size())), referrals.get(random.nextInt(referrals.size())));
            default -> jdbc.update("delete from referral where id = ?",
                    referrals.remove(random.nextInt(referrals.size())));
        }
    }

    private void moveBranch(long id) {
        String code = branches.get(random.nextInt(branches.size()));
        jdbc.update("update opportunity set branch_id = (select id from branch where code = ?), owner_id = ?"
                + " where id = ?", code, ownerOrNull(), id);
    }

    private void reopen(long id) {
        String to = OPEN[random.nextInt(5)];
        int n = jdbc.update("update opportunity set stage = ?, status = 'OPEN', closed_at = null, won_amount = null,"
                + " lost_reason = null where id = ? and status <> 'OPEN'", to, id);
        if (n == 1) {
            history(id, "REOPENED", to);
        }
    }

    private void moveStage(long id) {
        String to = OPEN[random.nextInt(5)];
        if (jdbc.update("update opportunity set stage = ? where id = ? and status = 'OPEN'", to, id) == 1) {
            history(id, "STAGE", to);
        }
    }

    private void close(long id) {
        boolean won = random.nextBoolean();
        int n = jdbc.update("update opportunity set stage = ?, status = ?, won_amount = ?, lost_reason = ?,"
                        + " closed_at = greatest(created_at, now() - ? * interval '1 second') where id = ?"
                        + " and status = 'OPEN'", won ? "WON" : "LOST", won ? "WON" : "LOST",
                won ? money() : null, won ? null : lostReason(), random.nextInt(40 * 86400), id);
        if (n == 1) {
            history(id, "STAGE", won ? "WON" : "LOST");
        }
    }

    private void history(long id, String event, String to) {
        jdbc.update("insert into opportunity_history (opportunity_id, event, from_value, to_value)"
                + " values (?, ?, null, ?)", id, event, to);
    }

    private String lostReason() {
        return LOST_REASONS[random.nextInt(LOST_REASONS.length)];
    }

    private Long ownerOrNull() {
        return random.nextInt(8) == 0 ? null : rms.get(random.nextInt(rms.size()));
    }

    private BigDecimal money() {
        return BigDecimal.valueOf(1 + random.nextInt(50_000_000), 2);
    }

    private OffsetDateTime instant(int days) {
        return OffsetDateTime.now().minusSeconds(random.nextLong(days * 86400L));
    }

    /** The whole bank (admin), random branches (admin) and the head's subtree, each over random periods. */
    private void compareAll(int periods) {
        CurrentUser admin = user("admin");
        CurrentUser head = user((tag + "head").toLowerCase());
        for (int i = 0; i < periods; i++) {
            LocalDate from = LocalDate.now(BANK).minusDays(random.nextInt(160));
            LocalDate to = from.plusDays(random.nextInt(i % 3 == 0 ? 200 : 40));
            compare(new Selection(admin, null, null, null, null, null, from, to));
            String code = branches.get(random.nextInt(branches.size()));
            compare(new Selection(admin, code, code, path(code), null, null, from, to));
            compare(new Selection(head, head.branchCode(), head.branchCode(), head.branchPath(), null, null, from,
                    to));
        }
        compareSummaries(admin, head);
    }

    /**
     * My day's pipeline summary (D75) for the whole bank, the head's subtree and every RM, and its next actions (D76)
     * for the head and every RM: the read model's equal the opportunities' and follow-ups'. The open actions' table
     * holds exactly the pending actions of open opportunities, with their owner and branch now. Answers how many
     * opportunities the head's and the RMs' summaries count open, closed this month, and next actions listed.
     */
    private long[] compareSummaries(CurrentUser admin, CurrentUser head) {
        List<CurrentUser> users = new ArrayList<>(List.of(admin, head));
        for (long rm : rms) {
            users.add(user(jdbc.queryForObject("select username from staff_user where id = ?", String.class, rm)));
        }
        long open = 0;
        long closed = 0;
        long actions = 0;
        long lines = 0;
        long membersOwn = 0;
        for (CurrentUser u : users) {
            PipelineSummaryQuery.Summary plain = summaries.plain(u);
            assertThat(summaries.summary(u)).as(u.username()).isEqualTo(plain);
            if (!u.username().equals("admin")) {
                open += plain.openCount();
                closed += plain.wonThisMonth() + plain.lostThisMonth();
                List<MyDayQuery.Action> listed = myDay.plainActions(u);
                assertThat(myDay.actions(u)).as(u.username()).isEqualTo(listed);
                actions += listed.size();
                List<Long> onDeals = listed.stream().map(MyDayQuery.Action::opportunityId)
                        .filter(java.util.Objects::nonNull).toList();
                if (!onDeals.isEmpty()) {
                    // Listed as a team member's own action (D44): on a deal of someone else's.
                    membersOwn += new NamedParameterJdbcTemplate(jdbc).queryForObject("select count(*) from opportunity"
                            + " where id in (:ids) and owner_id is distinct from :me",
                            Map.of("ids", onDeals, "me", u.id()), Long.class);
                }
                MyDayQuery.Day day = myDay.of(u);
                assertThat(ids(day.stalled())).as(u.username() + " stalled").isEqualTo(firstIds(u,
                        PipelineRules.STALLED, "o.created_at, o.id", 20));
                assertThat(ids(day.discovered())).as(u.username() + " discovered").isEqualTo(firstIds(u,
                        "o.status = 'OPEN' and o.source = 'DISCOVERY_RULE' and o.stage = 'IDENTIFIED'",
                        "o.score desc nulls last, o.created_at desc, o.id desc", 10));
                lines += day.stalled().size() + day.discovered().size();
            }
        }
        assertThat(jdbc.queryForObject(OPEN_ACTIONS_DIFFER, Long.class)).as("open actions out of place").isZero();
        return new long[] {open, closed, actions, lines, membersOwn};
    }

    private static List<Long> ids(List<MyDayQuery.Item> items) {
        return items.stream().map(MyDayQuery.Item::id).toList();
    }

    /**
     * My day's opportunity lines as one plain statement over the user's scope (the oracle of D76's two-step reads):
     * the first {@code n} ids by {@code order} of the open opportunities that meet {@code condition}.
     */
    private List<Long> firstIds(CurrentUser u, String condition, String order, int n) {
        ScopeSql scope = ScopeSql.of(u.scope(), "o.owner_id", "b.path");
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("before", PipelineRules.stalledBefore(clock, PipelineRules.stalledDays(settings)));
        return new NamedParameterJdbcTemplate(jdbc).queryForList("select o.id" + PipelineRules.FROM_OPPORTUNITY
                + "where " + condition + " and " + scope.condition() + " order by " + order + " limit " + n, params,
                Long.class);
    }

    private void compare(Selection sel) {
        assertThat(sel.fromReadModel()).isTrue();
        DashboardQuery.Page fast = dashboard.of(sel);
        DashboardQuery.Page plain = dashboard.plain(sel);
        String what = sel.user().username() + " " + sel.branchCode() + " " + sel.from() + ".." + sel.to();
        assertThat(fast.pipeline()).as(what).isEqualTo(plain.pipeline());
        assertThat(pipeline.of(sel)).as(what).isEqualTo(pipeline.plain(sel));
        assertThat(fast.cycleDays()).as(what).isEqualTo(plain.cycleDays());
        assertThat(fast.funnel()).as(what).isEqualTo(plain.funnel());
        assertThat(fast.byCategory()).as(what).isEqualTo(plain.byCategory());
        assertThat(fast.weeks()).as(what).isEqualTo(plain.weeks());
        assertThat(fast.byChannel()).as(what).isEqualTo(plain.byChannel());
        assertThat(fast.tiers()).as(what).isEqualTo(plain.tiers());
        assertThat(fast.sizes()).as(what).isEqualTo(plain.sizes());
        assertThat(fast.attainment()).as(what).isEqualTo(plain.attainment());
        assertThat(lost.of(sel)).as(what).isEqualTo(lost.plain(sel));
    }

    /** D58: every session of the application runs without JIT compilation (the dashboards' estimates invite it). */
    @Test
    void theApplicationsSessionsCompileNoStatement() {
        assertThat(jdbc.queryForObject("show jit", String.class)).isEqualTo("off");
    }

    private String path(String code) {
        return jdbc.queryForObject("select path from branch where code = ?", String.class, code);
    }

    private CurrentUser user(String username) {
        return DemoRows.currentUser(jdbc, username);
    }
}
