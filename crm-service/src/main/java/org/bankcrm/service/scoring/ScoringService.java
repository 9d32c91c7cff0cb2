package org.bankcrm.service.scoring;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.scoring.Factor;
import org.bankcrm.domain.scoring.ScoreInputs;
import org.bankcrm.domain.scoring.ScoringModel;
import org.bankcrm.domain.scoring.ScoringModelRepository;
import org.bankcrm.domain.scoring.ScoringRules;
import org.bankcrm.domain.settings.AppSettingRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores opportunities with the active model (dynamic evaluation): whenever an opportunity's own fields,
 * its follow-ups or its customer change, and in the nightly refresh for the time-based factors. A closed
 * opportunity keeps the score and model version it closed with.
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class ScoringService {

    /** One factor's part as it is stored with the score and served by the API. */
    public record Part(String factor, BigDecimal value, int weight, BigDecimal contribution) {
    }

    /** The active model as rules, with its version. */
    public record ActiveModel(int version, ScoringRules rules) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Part>> PARTS = new TypeReference<>() {
    };

    private final ScoringModelRepository models;
    private final AppSettingRepository settings;
    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    private final jakarta.persistence.EntityManager entityManager;
    private final Clock clock;

    @Transactional(readOnly = true)
    public ActiveModel active() {
        ScoringModel m = models.findByActiveTrue().orElseThrow(() -> new IllegalStateException("no active model"));
        return new ActiveModel(m.getVersion(), rulesOf(m.weights(), m.getBandA(), m.getBandB(), m.getBandC()));
    }

    /** Rules for given weights and bands with the admin's revenue scale (for previews too). */
    public ScoringRules rulesOf(Map<Factor, Integer> weights, int bandA, int bandB, int bandC) {
        return new ScoringRules(weights, bandA, bandB, bandC, setting("scoring.revenue-floor", "100"),
                setting("scoring.revenue-ceiling", "1000000"));
    }

    /**
     * Scores the given open opportunities with the active model, in the caller's transaction; closed ones
     * keep what they had. The inputs are read, and the scores written, in SQL for the whole list at once.
     *
     * @return how many were scored
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int rescore(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        ActiveModel model = active();
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        List<Object[]> rows = jdbc.sql("""
                        select o.id, o.expected_revenue, o.risk_level, o.need_strength, o.competition, c.tier,
                               o.expected_close_date,
                               (select count(distinct h.product_code) from holding h where h.customer_id = o.customer_id
                                  and (h.balance > 0 or h.product_code in ('EBANK', 'CARD_CREDIT', 'PAYROLL'))) as products,
                               (select max(f.occurred_at) from follow_up f where f.opportunity_id = o.id) as last_follow_up,
                               (select count(*) from follow_up f where f.opportunity_id = o.id
                                  and f.occurred_at >= :since) as recent
                        from opportunity o join customer c on c.id = o.customer_id
                        where o.status = 'OPEN' and o.id in (:ids)""")
                .param("ids", ids)
                .param("since", java.sql.Timestamp.from(now.minus(30, ChronoUnit.DAYS)))
                .query((rs, i) -> {
                    java.sql.Timestamp last = rs.getTimestamp("last_follow_up");
                    ScoreInputs in = new ScoreInputs(rs.getBigDecimal("expected_revenue"),
                            org.bankcrm.domain.opportunity.RiskLevel.valueOf(rs.getString("risk_level")),
                            rs.getInt("need_strength"),
                            org.bankcrm.domain.opportunity.Competition.valueOf(rs.getString("competition")),
                            org.bankcrm.domain.customer.Tier.valueOf(rs.getString("tier")), rs.getInt("products"),
                            ChronoUnit.DAYS.between(today, rs.getObject("expected_close_date", LocalDate.class)),
                            last == null ? null : (int) ChronoUnit.DAYS.between(last.toInstant(), now),
                            rs.getInt("recent"));
                    ScoringRules.Result r = model.rules().score(in);
                    return new Object[]{r.score(), r.band(), model.version(), toJson(r.breakdown()),
                            java.sql.Timestamp.from(now), rs.getLong("id")};
                })
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        // One statement for the whole list (arrays unnested), not one per opportunity.
        Long[] idArray = new Long[rows.size()];
        BigDecimal[] scores = new BigDecimal[rows.size()];
        String[] bands = new String[rows.size()];
        String[] breakdowns = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            scores[i] = (BigDecimal) row[0];
            bands[i] = (String) row[1];
            breakdowns[i] = (String) row[3];
            idArray[i] = (Long) row[5];
        }
        Integer done = jdbcTemplate.execute((java.sql.Connection con) -> {
            try (var ps = con.prepareStatement("""
                    update opportunity o set score = v.score, band = v.band, score_model_version = ?,
                           score_breakdown = v.breakdown::jsonb, scored_at = ?
                    from unnest(?::bigint[], ?::numeric[], ?::varchar[], ?::text[]) as v(id, score, band, breakdown)
                    where o.id = v.id and o.status = 'OPEN'""")) {
                ps.setInt(1, model.version());
                ps.setTimestamp(2, java.sql.Timestamp.from(now));
                ps.setArray(3, con.createArrayOf("bigint", idArray));
                ps.setArray(4, con.createArrayOf("numeric", scores));
                ps.setArray(5, con.createArrayOf("varchar", bands));
                ps.setArray(6, con.createArrayOf("text", breakdowns));
                return ps.executeUpdate();
            }
        });
        return done == null ? 0 : done;
    }

    /** The score of an opportunity not yet written: value, band and the breakdown as stored (JSON). */
    public record NewScore(BigDecimal score, String band, String breakdown) {
    }

    /**
     * Scores an opportunity the system is about to create, with no follow-ups yet, from the same inputs
     * {@link #rescore} reads: so that many new rows (discovery) are written once, already scored, instead of being
     * inserted and then updated. {@code products} counts the distinct products the customer holds (a balance above
     * zero, or any row of EBANK, CARD_CREDIT or PAYROLL).
     */
    public NewScore scoreNew(ActiveModel model, BigDecimal expectedRevenue, RiskLevel risk, int needStrength,
                             Competition competition, Tier tier, int products, LocalDate expectedCloseDate) {
        ScoringRules.Result r = model.rules().score(new ScoreInputs(expectedRevenue, risk, needStrength, competition,
                tier, products, ChronoUnit.DAYS.between(LocalDate.now(clock), expectedCloseDate), null, 0));
        return new NewScore(r.score(), r.band(), toJson(r.breakdown()));
    }

    /**
     * Feeds every closed opportunity's inputs, as they stood when it closed (days to the expected close date
     * and follow-ups up to the close), to {@code sink} with whether it was won. Streams; keeps nothing.
     */
    @Transactional(readOnly = true)
    public void forEachClosed(java.util.function.BiConsumer<ScoreInputs, Boolean> sink) {
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
                    org.bankcrm.domain.opportunity.RiskLevel.valueOf(rs.getString("risk_level")),
                    rs.getInt("need_strength"),
                    org.bankcrm.domain.opportunity.Competition.valueOf(rs.getString("competition")),
                    org.bankcrm.domain.customer.Tier.valueOf(rs.getString("tier")), rs.getInt("products"),
                    rs.getLong("days_to_close"), since == null ? null : ((Number) since).intValue(),
                    rs.getInt("recent")), "WON".equals(rs.getString("status")));
        });
    }

    /** Scores one opportunity now and reloads its state, for the answer to the request that changed it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void rescoreNow(Opportunity o) {
        entityManager.flush();
        rescore(List.of(o.getId()));
        entityManager.refresh(o);
    }

    public static List<Part> parse(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return JSON.readValue(json, PARTS);
    }

    static String toJson(List<ScoringRules.Part> parts) {
        return JSON.writeValueAsString(parts.stream()
                .map(p -> new Part(p.factor().name(), p.value(), p.weight(), p.contribution())).toList());
    }

    private BigDecimal setting(String key, String fallback) {
        return new BigDecimal(settings.findById(key).map(s -> s.getValue()).orElse(fallback));
    }
}
