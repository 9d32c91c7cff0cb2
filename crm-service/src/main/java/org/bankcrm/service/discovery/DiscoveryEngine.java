package org.bankcrm.service.discovery;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.discovery.RuleCode;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.service.scoring.ScoringService;
import org.bankcrm.service.shared.ClockConfig;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The discovery rules as set-based SQL. Each rule is one INSERT ... SELECT of its matches into a temporary table
 * (customer, product, amount, expected close, evidence); then one statement drops the matches that an open
 * opportunity or the rule's own cool-down blocks, keeps the first rule per customer and product with every later
 * rule's evidence appended, and stages the new opportunities; they are scored with the active model and inserted
 * a few thousand per statement, and their history rows follow in one statement, all in the caller's transaction.
 * Nothing here loops over customers in SQL round trips; the only per-row work is the score's arithmetic in Java.
 */
@Slf4j
@Component
@RequiredArgsConstructor
class DiscoveryEngine {

    /**
     * What a run did.
     *
     * @param created opportunities created per rule that ran (the rule that made each one), in run order
     * @param matched every match of every rule that ran, one per rule, customer and product
     * @param skipped the matches that made no opportunity: {@code matched} minus the opportunities created
     */
    record Outcome(Map<RuleCode, Integer> created, int matched, int skipped) {
    }

    /** Runs are serialised across nodes by this transaction-scoped advisory lock. */
    static final long LOCK_KEY = 0x4352_4D44_4953_4331L;
    static final String COOLDOWN_SETTING = "discovery.closed-cooldown-days";
    /** New opportunities are scored and inserted this many at a time. */
    private static final int WRITE_BATCH = 5000;
    private static final int NEED_STRENGTH = 3;
    /** "Holds P": a balance above zero, except for the products where any holding row counts. */
    static final String HOLDS = "(h.balance > 0 or h.product_code in ('EBANK', 'CARD_CREDIT', 'PAYROLL'))";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ScoringService scoring;
    private final Clock clock;

    /** The enabled rules with their parameters, in run order. */
    Map<RuleCode, Map<String, BigDecimal>> enabledRules() {
        Map<RuleCode, Map<String, BigDecimal>> rules = new EnumMap<>(RuleCode.class);
        jdbc.sql("""
                        select r.code, p.name, p.value from discovery_rule r
                        left join discovery_rule_param p on p.rule_code = r.code
                        where r.enabled order by r.sort_order, p.name""")
                .query((rs, i) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)})
                .list()
                .forEach(row -> RuleCode.parse(row[0]).ifPresent(code -> {
                    Map<String, BigDecimal> params = rules.computeIfAbsent(code, c -> new LinkedHashMap<>());
                    if (row[1] != null) {
                        params.put(row[1], new BigDecimal(row[2]));
                    }
                }));
        return rules;
    }

    /**
     * Runs the given rules (null: every enabled one; a rule switched off meanwhile does not run) as of {@code asOf}
     * for run {@code runId}, in the caller's transaction, after taking the run lock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Outcome run(long runId, LocalDate asOf, Collection<RuleCode> asked) {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().listOfRows();
        Map<RuleCode, Map<String, BigDecimal>> rules = enabledRules();
        if (asked != null) {
            rules.keySet().retainAll(asked);
        }
        int cooldown = jdbc.sql("select value from app_setting where key = :key").param("key", COOLDOWN_SETTING)
                .query(String.class).optional().map(v -> new BigDecimal(v.strip()).intValue()).orElse(90);
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        long started = System.nanoTime();

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
        for (Map.Entry<RuleCode, Map<String, BigDecimal>> rule : rules.entrySet()) {
            RuleSql sql = RuleSql.of(rule.getKey(), rule.getValue());
            long ruleStarted = System.nanoTime();
            int n = jdbc.sql("""
                            insert into discovery_match (rule_code, rule_order, customer_id, product_code, amount,
                                                         close_date, args, detail)
                            select :rule, :order, m.customer_id, m.product_code, round(m.amount, 2), m.close_date, m.args,
                                   m.detail
                            from (%s) m""".formatted(sql.select()))
                    .params(sql.params()).param("rule", rule.getKey().name()).param("order", rule.getKey().order())
                    .param("d", asOf)
                    .update();
            log.debug("Discovery rule {} as of {}: {} matches in {} ms", rule.getKey(), asOf, n,
                    (System.nanoTime() - ruleStarted) / 1_000_000);
        }
        long selected = System.nanoTime();
        jdbc.sql("analyze discovery_match").update();
        int matched = jdbc.sql("select count(*) from discovery_match").query(Integer.class).single();

        // De-duplication and first-rule-wins, set-based: a match is blocked by an open opportunity for the same
        // customer and product (any source) or by one its own rule made that closed on or after D - cool-down. What
        // is left is staged with everything the new opportunity needs, its score's inputs included.
        int created = jdbc.sql("""
                        create temporary table discovery_new on commit drop as
                        with pick as (
                            select m.customer_id, m.product_code,
                                   (array_agg(m.rule_code order by m.rule_order))[1] as rule_code,
                                   (array_agg(m.amount order by m.rule_order))[1] as amount,
                                   (array_agg(m.close_date order by m.rule_order))[1] as close_date,
                                   jsonb_agg(jsonb_build_object('rule', m.rule_code, 'args', m.args) order by m.rule_order)
                                       as evidence,
                                   string_agg(m.detail, '；' order by m.rule_order) as detail
                            from discovery_match m
                            join product p on p.code = m.product_code and p.enabled
                            where not exists (select 1 from opportunity o where o.customer_id = m.customer_id
                                                and o.product_code = m.product_code and o.status = 'OPEN')
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
                        left join staff_user u on u.id = c.owner_id and u.enabled""".formatted(titleCase(), HOLDS))
                .param("cooldownStart", asOf.minusDays(cooldown).atStartOfDay(ClockConfig.BANK_ZONE).toOffsetDateTime())
                .update();
        jdbc.sql("create unique index on discovery_new (n)").update();
        long staged = System.nanoTime();

        // Scored in Java with the active model (the same inputs ScoringService.rescore reads), then written once:
        // updating freshly inserted rows would write every one of them, and all their index entries, twice.
        ScoringService.ActiveModel model = scoring.active();
        for (int from = 1; from <= created; from += WRITE_BATCH) {
            int to = Math.min(created, from + WRITE_BATCH - 1);
            List<Object[]> rows = jdbc.sql("""
                            select n, expected_revenue, tier, products, close_date from discovery_new
                            where n between :from and :to order by n""")
                    .param("from", from).param("to", to)
                    .query((rs, i) -> {
                        ScoringService.NewScore score = scoring.scoreNew(model, rs.getBigDecimal(2), RiskLevel.MEDIUM,
                                NEED_STRENGTH, Competition.NONE, Tier.valueOf(rs.getString(3)), rs.getInt(4),
                                rs.getObject(5, LocalDate.class));
                        return new Object[]{rs.getLong(1), score.score(), score.band(), score.breakdown()};
                    })
                    .list();
            insertScored(runId, model.version(), now, rows);
        }
        long inserted = System.nanoTime();
        jdbc.sql("""
                        insert into opportunity_history (opportunity_id, at, by_user_id, event, from_value, to_value)
                        select id, :now, null, 'CREATED', null, 'IDENTIFIED' from opportunity where discovery_run_id = :run""")
                .param("now", now).param("run", runId).update();

        Map<String, Integer> byRule = jdbc.sql("""
                        select rule_code, count(*) from discovery_new group by rule_code""")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<RuleCode, Integer> counts = new EnumMap<>(RuleCode.class);
        for (RuleCode rule : rules.keySet()) {
            counts.put(rule, byRule.getOrDefault(rule.name(), 0));
            jdbc.sql("insert into discovery_run_count (run_id, rule_code, created) values (:run, :rule, :n)")
                    .param("run", runId).param("rule", rule.name()).param("n", counts.get(rule)).update();
        }
        long done = System.nanoTime();
        log.info("Discovery run {} as of {}: {} matches, {} opportunities created {} (rules {} ms, staging {} ms,"
                        + " scoring and insert {} ms, history and counts {} ms)", runId, asOf, matched, created, counts,
                (selected - started) / 1_000_000, (staged - selected) / 1_000_000, (inserted - staged) / 1_000_000,
                (done - inserted) / 1_000_000);
        return new Outcome(counts, matched, matched - created);
    }

    /** Inserts the staged opportunities {@code rows} ({n, score, band, breakdown}) with their scores, in one statement. */
    private void insertScored(long runId, int modelVersion, OffsetDateTime now, List<Object[]> rows) {
        Long[] n = new Long[rows.size()];
        BigDecimal[] scores = new BigDecimal[rows.size()];
        String[] bands = new String[rows.size()];
        String[] breakdowns = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            n[i] = (Long) rows.get(i)[0];
            scores[i] = (BigDecimal) rows.get(i)[1];
            bands[i] = (String) rows.get(i)[2];
            breakdowns[i] = (String) rows.get(i)[3];
        }
        jdbcTemplate.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status,
                        source, source_detail, discovery_rule, discovery_run_id, evidence, owner_id, branch_id,
                        expected_close_date, risk_level, competition, need_strength, score, band, score_model_version,
                        score_breakdown, scored_at, created_by, created_at, updated_at, version)
                    select d.customer_id, d.product_code, d.title, d.amount, d.expected_revenue, 'IDENTIFIED', 'OPEN',
                           'DISCOVERY_RULE', d.detail, d.rule_code, ?, d.evidence, d.owner_id, d.branch_id, d.close_date,
                           'MEDIUM', 'NONE', ?, s.score, s.band, ?, s.breakdown::jsonb, ?, null, ?, ?, 0
                    from unnest(?::bigint[], ?::numeric[], ?::varchar[], ?::text[]) as s(n, score, band, breakdown)
                    join discovery_new d on d.n = s.n
                    order by s.n""")) {
                ps.setLong(1, runId);
                ps.setInt(2, NEED_STRENGTH);
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

    /** The title's first words by rule, as a SQL CASE over {@code k.rule_code}. */
    private static String titleCase() {
        StringBuilder sql = new StringBuilder("case k.rule_code");
        for (RuleCode r : RuleCode.values()) {
            sql.append(" when '").append(r.name()).append("' then '").append(r.titleZh()).append('\'');
        }
        return sql.append(" else k.rule_code end").toString();
    }
}
