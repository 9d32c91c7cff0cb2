package org.bankcrm.service.scoring;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.scoring.Factor;
import org.bankcrm.domain.scoring.ScoreInputs;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What scoring reads, in the caller's transaction: the inputs of open opportunities (as they stand now) and of
 * closed ones (as they stood when they closed), which open ones to re-score, and how far a re-scoring has come.
 * A customer's products count the distinct products it holds: a balance above zero, or any row of EBANK,
 * CARD_CREDIT or PAYROLL.
 */
@Component
@RequiredArgsConstructor
class ScoringQueries {

    /** An open opportunity's inputs, and its score as stored now. */
    record OpenInputs(long id, ScoreInputs inputs, Stored stored) {
    }

    /**
     * A score as stored: value, band, the model's version and the breakdown (JSON); all null for an opportunity never
     * scored.
     */
    record Stored(BigDecimal score, String band, Integer version, String breakdown) {
    }

    /** The active model's version, weights and bands, and the revenue scale's settings (null: not set). */
    record ActiveRow(int version, Map<Factor, Integer> weights, int bandA, int bandB, int bandC, String revenueFloor,
                     String revenueCeiling) {
    }

    /** The active model and the inputs of the open opportunities asked for, read together. */
    record Scoring(Optional<ActiveRow> model, List<OpenInputs> open) {
    }

    /** The active model's row with the revenue scale's settings: one row, or none when no model is active. */
    private static final String ACTIVE_MODEL = """
            select m.version as model_version, m.weight_revenue, m.weight_risk, m.weight_demand, m.weight_competition,
                   m.weight_customer_value, m.weight_relationship, m.weight_urgency, m.weight_engagement,
                   m.band_a, m.band_b, m.band_c,
                   (select value from app_setting where key = 'scoring.revenue-floor') as revenue_floor,
                   (select value from app_setting where key = 'scoring.revenue-ceiling') as revenue_ceiling
            from scoring_model m where m.active""";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    /** The active model with the revenue scale, in one statement. */
    Optional<ActiveRow> activeModel() {
        return jdbc.sql(ACTIVE_MODEL).query((rs, i) -> activeRow(rs)).optional();
    }

    /**
     * The active model, and the inputs of those of {@code ids} that are open with the score each has now, the days
     * counted from {@code now} and {@code today}: in one statement (the model's row joined to each opportunity's, or
     * alone when none of them is open), since every follow-up re-scores its opportunity (D79).
     */
    Scoring openInputs(List<Long> ids, Instant now, LocalDate today) {
        List<OpenInputs> open = new ArrayList<>();
        ActiveRow[] model = new ActiveRow[1];
        jdbc.sql("select m.*, o.* from (" + ACTIVE_MODEL + """
                        ) m left join lateral (
                            select o.id, o.expected_revenue, o.risk_level, o.need_strength, o.competition, c.tier,
                                   o.expected_close_date, o.score, o.band, o.score_model_version, o.score_breakdown,
                                   (select count(distinct h.product_code) from holding h
                                    where h.customer_id = o.customer_id
                                      and (h.balance > 0 or h.product_code in ('EBANK', 'CARD_CREDIT', 'PAYROLL')))
                                      as products,
                                   (select max(f.occurred_at) from follow_up f where f.opportunity_id = o.id)
                                      as last_follow_up,
                                   (select count(*) from follow_up f where f.opportunity_id = o.id
                                      and f.occurred_at >= :since) as recent
                            from opportunity o join customer c on c.id = o.customer_id
                            where o.status = 'OPEN' and o.id in (:ids)) o on true""")
                .param("ids", ids)
                .param("since", Timestamp.from(now.minus(30, ChronoUnit.DAYS)))
                .query(rs -> {
                    if (model[0] == null) {
                        model[0] = activeRow(rs);
                    }
                    if (rs.getObject("id") == null) {
                        return;
                    }
                    Timestamp last = rs.getTimestamp("last_follow_up");
                    open.add(new OpenInputs(rs.getLong("id"), new ScoreInputs(rs.getBigDecimal("expected_revenue"),
                            RiskLevel.valueOf(rs.getString("risk_level")), rs.getInt("need_strength"),
                            Competition.valueOf(rs.getString("competition")), Tier.valueOf(rs.getString("tier")),
                            rs.getInt("products"),
                            ChronoUnit.DAYS.between(today, rs.getObject("expected_close_date", LocalDate.class)),
                            last == null ? null : (int) ChronoUnit.DAYS.between(last.toInstant(), now),
                            rs.getInt("recent")), new Stored(rs.getBigDecimal("score"), rs.getString("band"),
                            rs.getObject("score_model_version", Integer.class), rs.getString("score_breakdown"))));
                });
        return new Scoring(Optional.ofNullable(model[0]), open);
    }

    private static ActiveRow activeRow(ResultSet rs) throws SQLException {
        Map<Factor, Integer> w = new EnumMap<>(Factor.class);
        w.put(Factor.REVENUE, rs.getInt("weight_revenue"));
        w.put(Factor.RISK, rs.getInt("weight_risk"));
        w.put(Factor.DEMAND, rs.getInt("weight_demand"));
        w.put(Factor.COMPETITION, rs.getInt("weight_competition"));
        w.put(Factor.CUSTOMER_VALUE, rs.getInt("weight_customer_value"));
        w.put(Factor.RELATIONSHIP, rs.getInt("weight_relationship"));
        w.put(Factor.URGENCY, rs.getInt("weight_urgency"));
        w.put(Factor.ENGAGEMENT, rs.getInt("weight_engagement"));
        return new ActiveRow(rs.getInt("model_version"), w, rs.getInt("band_a"), rs.getInt("band_b"),
                rs.getInt("band_c"), rs.getString("revenue_floor"), rs.getString("revenue_ceiling"));
    }

    /**
     * Feeds every closed opportunity's inputs, as they stood when it closed (days to the expected close date
     * and follow-ups up to the close), to {@code sink} with whether it was won. Streams; keeps nothing.
     */
    void forEachClosed(BiConsumer<ScoreInputs, Boolean> sink) {
        jdbcTemplate.query("""
                select o.status, o.expected_revenue, o.risk_level, o.need_strength, o.competition, c.tier,
                       o.expected_close_date - (o.closed_at at time zone 'Asia/Shanghai')::date as days_to_close,
                       (select count(distinct h.product_code) from holding h where h.customer_id = o.customer_id
                          and (h.balance > 0 or h.product_code in ('EBANK', 'CARD_CREDIT', 'PAYROLL'))) as products,
                       (select extract(day from o.closed_at - max(f.occurred_at)) from follow_up f
                          where f.opportunity_id = o.id and f.occurred_at <= o.closed_at) as since,
                       (select count(*) from follow_up f where f.opportunity_id = o.id
                          and f.occurred_at between o.closed_at - interval '30 days' and o.closed_at) as recent
                from opportunity o join customer c on c.id = o.customer_id
                where o.status in ('WON', 'LOST')""", rs -> {
            Object since = rs.getObject("since");
            sink.accept(new ScoreInputs(rs.getBigDecimal("expected_revenue"),
                    RiskLevel.valueOf(rs.getString("risk_level")), rs.getInt("need_strength"),
                    Competition.valueOf(rs.getString("competition")), Tier.valueOf(rs.getString("tier")),
                    rs.getInt("products"), rs.getLong("days_to_close"),
                    since == null ? null : ((Number) since).intValue(), rs.getInt("recent")),
                    "WON".equals(rs.getString("status")));
        });
    }

    /** The open opportunities of {@code customers}. */
    List<Long> openIdsOfCustomers(List<Long> customers) {
        return jdbc.sql("select id from opportunity where status = 'OPEN' and customer_id in (:c)")
                .param("c", customers).query(Long.class).list();
    }

    /** The next {@code batch} open opportunities by id after {@code after}. */
    List<Long> openIdsAfter(long after, int batch) {
        return openIds("", Map.of(), after, batch);
    }

    /** The next {@code batch} open opportunities of product {@code productCode} by id after {@code after}. */
    List<Long> openIdsOfProductAfter(String productCode, long after, int batch) {
        return openIds(" and product_code = :product", Map.of("product", productCode), after, batch);
    }

    /** The next {@code batch} open opportunities not on the active model's version, by id after {@code after}. */
    List<Long> openIdsBehindActiveModelAfter(long after, int batch) {
        return openIds(" and score_model_version is distinct from (select version from scoring_model where active)",
                Map.of(), after, batch);
    }

    /** Open opportunities scored with model {@code version}, of all open ones. */
    ScoringModelService.Progress progress(int version) {
        return jdbc.sql("""
                        select count(*) filter (where score_model_version = :v) as scored, count(*) as open
                        from opportunity where status = 'OPEN'""")
                .param("v", version)
                .query((rs, i) -> new ScoringModelService.Progress(version, rs.getLong("scored"), rs.getLong("open")))
                .single();
    }

    private List<Long> openIds(String condition, Map<String, ?> params, long after, int batch) {
        return jdbc.sql("select id from opportunity where status = 'OPEN' and id > :after" + condition
                        + " order by id limit :batch")
                .params(params).param("after", after).param("batch", batch).query(Long.class).list();
    }
}
