package org.bankcrm.service.discovery;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.discovery.RuleCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SQL of a discovery run ({@link DiscoveryEngine}), all in the caller's transaction: the run lock, the rules'
 * matches in the temporary table {@code discovery_match}, the new opportunities staged in {@code discovery_new}
 * (de-duplicated, first rule wins), their insert with the scores computed in Java, their history rows and the run's
 * counts per rule.
 */
@Component
class DiscoveryStore {

    /** Runs are serialised across nodes by this transaction-scoped advisory lock. */
    static final long LOCK_KEY = 0x4352_4D44_4953_4331L;

    /** A match {@code m} is covered by an open opportunity of the same customer and product, of any source. */
    private static final String OPEN_EXISTS = """
            exists (select 1 from opportunity o where o.customer_id = m.customer_id
                    and o.product_code = m.product_code and o.status = 'OPEN')""";

    /** A staged new opportunity's score inputs; {@code n} numbers the staged rows from 1. */
    record Staged(long n, BigDecimal expectedRevenue, Tier tier, int products, LocalDate closeDate) {
    }

    /** A staged opportunity's score, as it is inserted. */
    record Scored(long n, BigDecimal score, String band, String breakdown) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    DiscoveryStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** Waits until no other run goes on on any node; held until the caller's transaction ends. */
    void lockRuns() {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().listOfRows();
    }

    /** Takes the run lock if no run holds it (held until the caller's transaction ends); false when one does. */
    boolean tryLockRuns() {
        return jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", LOCK_KEY).query(Boolean.class)
                .single();
    }

    /** An empty {@code discovery_match}, dropped at commit. */
    void createMatches() {
        jdbc.sql("drop table if exists pg_temp.discovery_match, pg_temp.discovery_new").update();
        jdbc.sql("""
                create temporary table discovery_match (
                    rule_code    varchar(32)   not null,
                    rule_order   integer       not null,
                    customer_id  bigint        not null,
                    product_code varchar(32)   not null,
                    amount       numeric(18,2) not null,
                    close_date   date          not null,
                    args         jsonb         not null,
                    detail       text
                ) on commit drop""").update();
    }

    /** Adds the matches of {@code rule} (its SQL {@code sql}) as of {@code asOf}; answers how many. */
    int addMatches(RuleCode rule, RuleSql sql, LocalDate asOf) {
        return jdbc.sql("""
                        insert into discovery_match (rule_code, rule_order, customer_id, product_code, amount,
                                                     close_date, args, detail)
                        select :rule, :order, m.customer_id, m.product_code, round(m.amount, 2), m.close_date, m.args,
                               m.detail
                        from (%s) m""".formatted(sql.select()))
                .params(sql.params()).param("rule", rule.name()).param("order", rule.order())
                .param("d", asOf)
                .update();
    }

    /** Refreshes the statistics of {@code discovery_match}; answers how many matches it holds. */
    int countMatches() {
        jdbc.sql("analyze discovery_match").update();
        return jdbc.sql("select count(*) from discovery_match").query(Integer.class).single();
    }

    /**
     * De-duplication and first-rule-wins, set-based: a match is blocked by an open opportunity for the same customer
     * and product (any source) or by one its own rule made that closed at or after {@code cooldownStart}. What is
     * left is staged in {@code discovery_new} with everything the new opportunity needs, its score's inputs
     * included; answers how many were staged.
     */
    int stageNew(OffsetDateTime cooldownStart) {
        int staged = jdbc.sql("""
                        create temporary table discovery_new on commit drop as
                        with pick as (
                            select m.customer_id, m.product_code,
                                   (array_agg(m.rule_code order by m.rule_order))[1] as rule_code,
                                   (array_agg(m.amount order by m.rule_order))[1] as amount,
                                   (array_agg(m.close_date order by m.rule_order))[1] as close_date,
                                   jsonb_agg(jsonb_build_object('rule', m.rule_code, 'args', m.args)
                                             order by m.rule_order) as evidence,
                                   string_agg(m.detail, '；' order by m.rule_order) as detail
                            from discovery_match m
                            join product p on p.code = m.product_code and p.enabled
                            where not %s
                              and not exists (select 1 from opportunity o where o.customer_id = m.customer_id
                                                and o.product_code = m.product_code and o.discovery_rule = m.rule_code
                                                and o.closed_at >= :cooldownStart)
                            group by m.customer_id, m.product_code)
                        select row_number() over (order by k.customer_id, k.product_code) as n,
                               k.customer_id, k.product_code, left(%s || ': ' || p.name_zh, 200) as title, k.amount,
                               round(k.amount * p.revenue_rate, 2) as expected_revenue, left(k.detail, 1000) as detail,
                               k.rule_code, k.evidence, u.id as owner_id, c.branch_id, k.close_date, c.tier,
                               (select count(distinct h.product_code) from holding h
                                where h.customer_id = k.customer_id and %s) as products
                        from pick k
                        join customer c on c.id = k.customer_id
                        join product p on p.code = k.product_code
                        left join staff_user u on u.id = c.owner_id and u.enabled""".formatted(OPEN_EXISTS,
                        titleCase(), RuleSql.HOLDS))
                .param("cooldownStart", cooldownStart)
                .update();
        jdbc.sql("create unique index on discovery_new (n)").update();
        return staged;
    }

    /** The staged rows {@code from} to {@code to} (both included), in order. */
    List<Staged> staged(int from, int to) {
        return jdbc.sql("""
                        select n, expected_revenue, tier, products, close_date from discovery_new
                        where n between :from and :to order by n""")
                .param("from", from).param("to", to)
                .query((rs, i) -> new Staged(rs.getLong("n"), rs.getBigDecimal("expected_revenue"),
                        Tier.valueOf(rs.getString("tier")), rs.getInt("products"),
                        rs.getObject("close_date", LocalDate.class)))
                .list();
    }

    /**
     * Inserts the staged opportunities {@code rows} with their scores, in one statement: open, identified, made by
     * run {@code runId} at {@code now}, of medium risk, no competition and need strength {@code needStrength}.
     */
    void insertScored(long runId, int needStrength, int modelVersion, OffsetDateTime now, List<Scored> rows) {
        Long[] n = new Long[rows.size()];
        BigDecimal[] scores = new BigDecimal[rows.size()];
        String[] bands = new String[rows.size()];
        String[] breakdowns = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            n[i] = rows.get(i).n();
            scores[i] = rows.get(i).score();
            bands[i] = rows.get(i).band();
            breakdowns[i] = rows.get(i).breakdown();
        }
        jdbcTemplate.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status,
                        source, source_detail, discovery_rule, discovery_run_id, evidence, owner_id, branch_id,
                        expected_close_date, risk_level, competition, need_strength, score, band, score_model_version,
                        score_breakdown, scored_at, created_by, created_at, updated_at, version)
                    select d.customer_id, d.product_code, d.title, d.amount, d.expected_revenue, 'IDENTIFIED', 'OPEN',
                           'DISCOVERY_RULE', d.detail, d.rule_code, ?, d.evidence, d.owner_id, d.branch_id,
                           d.close_date,
                           'MEDIUM', 'NONE', ?, s.score, s.band, ?, s.breakdown::jsonb, ?, null, ?, ?, 0
                    from unnest(?::bigint[], ?::numeric[], ?::varchar[], ?::text[]) as s(n, score, band, breakdown)
                    join discovery_new d on d.n = s.n
                    order by s.n""")) {
                ps.setLong(1, runId);
                ps.setInt(2, needStrength);
                ps.setInt(3, modelVersion);
                ps.setObject(4, now);
                ps.setObject(5, now);
                ps.setObject(6, now);
                ps.setArray(7, con.createArrayOf("bigint", n));
                ps.setArray(8, con.createArrayOf("numeric", scores));
                ps.setArray(9, con.createArrayOf("varchar", bands));
                ps.setArray(10, con.createArrayOf("text", breakdowns));
                return ps.executeUpdate();
            }
        });
    }

    /** The CREATED history row of every opportunity run {@code runId} made. */
    void insertHistory(long runId, OffsetDateTime now) {
        jdbc.sql("""
                        insert into opportunity_history (opportunity_id, at, by_user_id, event, from_value, to_value)
                        select id, :now, null, 'CREATED', null, 'IDENTIFIED' from opportunity
                        where discovery_run_id = :run""")
                .param("now", now).param("run", runId).update();
    }

    /** A rule's matches, the new opportunities it staged and its matches an open opportunity covers. */
    record Counted(int matched, int created, int openBefore) {
    }

    /**
     * Per rule code (rules without a match are absent): its matches in {@code discovery_match}, the new
     * opportunities it staged in {@code discovery_new}, and its matches an open opportunity covers (the same
     * condition {@link #stageNew} drops them by). Asked before the new opportunities are inserted.
     */
    Map<String, Counted> countedByRule() {
        return jdbc.sql("""
                        select m.rule_code, count(*) as matched,
                               count(*) filter (where %s) as open_before,
                               coalesce((select count(*) from discovery_new d where d.rule_code = m.rule_code), 0)
                                   as created
                        from discovery_match m group by m.rule_code""".formatted(OPEN_EXISTS))
                .query((rs, i) -> Map.entry(rs.getString("rule_code"), new Counted(rs.getInt("matched"),
                        rs.getInt("created"), rs.getInt("open_before"))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Records a rule's figures in run {@code runId}. */
    void insertCount(long runId, DiscoveryEngine.RuleCount count) {
        jdbc.sql("""
                        insert into discovery_run_count (run_id, rule_code, created, matched, skipped_open)
                        values (:run, :rule, :created, :matched, :open)""")
                .param("run", runId).param("rule", count.rule().name()).param("created", count.created())
                .param("matched", count.matched()).param("open", count.openBefore()).update();
    }

    /** The title's first words by rule, as a SQL CASE over {@code k.rule_code}. */
    private static String titleCase() {
        StringBuilder sql = new StringBuilder("case k.rule_code");
        for (RuleCode r : RuleCode.values()) {
            sql.append(" when '").append(r.name()).append("' then '").append(r.titleZh()).append('\'');
        }
        return sql.append(" else k.rule_code end").toString();
    }
}
