package org.bankcrm.service.scoring;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes derived data of open opportunities, in the caller's transaction and without a version: scores, and the
 * expected revenue at a product's current rate. So no one's open form goes stale.
 */
@Component
@RequiredArgsConstructor
class ScoringStore {

    /** One opportunity's new score: value, band and the breakdown as stored (JSON). */
    record Scored(long id, BigDecimal score, String band, String breakdown) {
    }

    private final JdbcTemplate jdbcTemplate;

    /**
     * Gives those of {@code ids} still open their expected revenue at their product's rate now (amount × rate,
     * rounded half up to the fen as {@code Product.expectedRevenue} does; amounts are never negative), writing only
     * the rows it changes.
     *
     * @return how many were written
     */
    int reprice(List<Long> ids) {
        return jdbcTemplate.execute((Connection con) -> {
            try (var ps = con.prepareStatement("""
                    update opportunity o set expected_revenue = round(o.amount * p.revenue_rate, 2)
                    from product p
                    where p.code = o.product_code and o.id = any (?) and o.status = 'OPEN'
                      and o.expected_revenue is distinct from round(o.amount * p.revenue_rate, 2)""")) {
                ps.setArray(1, con.createArrayOf("bigint", ids.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Writes {@code scores} with model {@code version} at {@code now} to those of the opportunities still open, in
     * one statement for the whole list (arrays unnested), not one per opportunity.
     *
     * @return how many were written
     */
    int write(int version, Instant now, List<Scored> scores) {
        Long[] ids = new Long[scores.size()];
        BigDecimal[] values = new BigDecimal[scores.size()];
        String[] bands = new String[scores.size()];
        String[] breakdowns = new String[scores.size()];
        for (int i = 0; i < scores.size(); i++) {
            Scored s = scores.get(i);
            ids[i] = s.id();
            values[i] = s.score();
            bands[i] = s.band();
            breakdowns[i] = s.breakdown();
        }
        Integer done = jdbcTemplate.execute((Connection con) -> {
            try (var ps = con.prepareStatement("""
                    update opportunity o set score = v.score, band = v.band, score_model_version = ?,
                           score_breakdown = v.breakdown::jsonb, scored_at = ?
                    from unnest(?::bigint[], ?::numeric[], ?::varchar[], ?::text[]) as v(id, score, band, breakdown)
                    where o.id = v.id and o.status = 'OPEN'""")) {
                ps.setInt(1, version);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setArray(3, con.createArrayOf("bigint", ids));
                ps.setArray(4, con.createArrayOf("numeric", values));
                ps.setArray(5, con.createArrayOf("varchar", bands));
                ps.setArray(6, con.createArrayOf("text", breakdowns));
                return ps.executeUpdate();
            }
        });
        return done == null ? 0 : done;
    }
}
