package org.bankcrm.service.target;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Target attainment (D48): for every target whose period overlaps a range, what was achieved over the target's own
 * period on its {@link TargetMeasure}, for the RM or the branch subtree, and actual ÷ target:
 * <ul>
 *   <li>WON: won amount and count; a deal counts in the period its {@code closed_at} falls in, in the bank's zone
 *   ({@link Period}); in its category or all. With an amount target also the pipeline coverage: weighted open
 *   pipeline (Σ amount × stage probability, now) ÷ what is left of the target.</li>
 *   <li>NEW_CUSTOMERS: customers created in the period that have an owner: the RM's own / the subtree's.</li>
 *   <li>AUM_GROWTH: over the book (the RM's customers now / the subtree's), Σ AUM of the period's last month that
 *   has history for the book − Σ AUM of the month before the period; a customer without a row in either month
 *   counts 0 for that month. No history in the period at all: no figure (null).</li>
 *   <li>ACTIVITY: follow-ups the RM logged (occurred) in the period ÷ (weekly quota × weeks), a week being one that
 *   begins (Monday) within the period.</li>
 * </ul>
 * Rates have 4 decimals, half-up; null where there is nothing to divide by.
 */
@Component
@RequiredArgsConstructor
public class TargetAttainmentQuery {

    /** What the pipeline coverage of a target shows. */
    public enum Coverage {
        /** {@code coverage} = weighted pipeline ÷ remaining. */
        RATIO,
        /** Nothing is left: the won amount has reached the target. */
        MET,
        /** The won target has no amount (a count only): nothing to cover. */
        NO_AMOUNT
    }

    /**
     * One target's attainment. {@code actualAmount}: won amount or AUM growth; {@code actualCount}: won deals, new
     * customers or follow-ups; {@code expectedCount}: the count target, for ACTIVITY quota × {@code weeks};
     * {@code coverageState} null for measures other than WON.
     */
    public record Attainment(TargetMeasure measure, String periodType, LocalDate periodStart, String rm,
                             String displayName, String branch, ProductCategory category, BigDecimal targetAmount,
                             Long targetCount, Integer weeks, Long expectedCount, BigDecimal actualAmount,
                             Long actualCount, LocalDate aumMonth, BigDecimal amountRate, BigDecimal countRate,
                             BigDecimal weightedPipeline, BigDecimal remaining, BigDecimal coverage,
                             Coverage coverageState) {

        /** The attainment (amount, else count) in steps of 5 from 0 to 100, for a progress bar. */
        public int bar() {
            BigDecimal r = amountRate != null ? amountRate : countRate;
            if (r == null || r.signum() <= 0) {
                return 0;
            }
            return Math.min(100, r.multiply(BigDecimal.valueOf(20)).setScale(0, RoundingMode.HALF_UP).intValue() * 5);
        }
    }

    /** The column of a target's RM, for the scope condition passed to {@link #attainment}. */
    public static final String OWNER_COLUMN = TargetQueries.OWNER_COLUMN;

    /** The branch-path column of a target (its RM's branch, else its own), for the scope condition. */
    public static final String PATH_COLUMN = TargetQueries.PATH_COLUMN;

    private static final String ZONE = "'" + Period.BANK_ZONE.getId() + "'";

    /** The period of target {@code t} as instants in the bank's zone, for a timestamp column. */
    private static String inPeriod(String column) {
        return """
                %3$s >= t.period_start::timestamp at time zone %1$s
                and %3$s < %2$s::timestamp at time zone %1$s""".formatted(ZONE, TargetQueries.PERIOD_END, column);
    }

    /**
     * The customers of target {@code t}'s book: the RM's own now (customer_owner_idx), or the branch subtree's
     * (customer_branch_idx). Two branches of a UNION ALL, each switched off by its own test of the target, rather than
     * one OR, which no index answers: with it every target read the whole customer table.
     */
    private static final String BOOK = """
            select c.id from customer c where t.measure = 'AUM_GROWTH' and t.rm_id is not null and c.owner_id = t.rm_id
            union all
            select c.id from branch cb join customer c on c.branch_id = cb.id
            where t.measure = 'AUM_GROWTH' and t.rm_id is null and left(cb.path, length(tb.path)) = tb.path""";

    /**
     * The weighted open pipeline now (Σ amount × stage probability), for the coverage of a won-amount target, over
     * rows (amount, stage, product_code) of an RM's ({@code byOwner}) or a branch subtree's ({@code bySubtree}):
     * two branches of a UNION ALL, each switched off by its own test of the target (one OR of the two read every open
     * opportunity of the bank for each target).
     */
    private static String weighted(String byOwner, String bySubtree) {
        return """
                select sum(x.amount * s.probability) / 100 as weighted
                from (%s
                      union all
                      %s) x
                join stage_setting s on s.stage = x.stage
                join product p on p.code = x.product_code
                where t.product_category is null or p.category = t.product_category""".formatted(byOwner, bySubtree);
    }

    /**
     * The pipeline from the read model (V37 {@code rollup_open_pipeline}: open amounts by owner, branch, stage and
     * product), a few rows a target; Σ amounts × probability equals the plain SQL's Σ of products exactly. Every row
     * counts, n = 0 too: a transaction's own row can hold an amount change of open opportunities alone.
     */
    private static final String PIPELINE = weighted("""
            select r.amount, r.stage, r.product_code from rollup_open_pipeline r
            where t.measure = 'WON' and t.target_amount is not null and t.rm_id is not null and r.owner_id = t.rm_id""",
            """
            select r.amount, r.stage, r.product_code from branch ob join rollup_open_pipeline r on r.branch_id = ob.id
            where t.measure = 'WON' and t.target_amount is not null and t.rm_id is null
              and left(ob.path, length(tb.path)) = tb.path""");

    /**
     * The same from the opportunities themselves (opportunity_owner_idx, the subtree's opportunity_branch_idx): what
     * the read model must equal ({@link #plain}).
     */
    private static final String PIPELINE_PLAIN = weighted("""
            select o.amount, o.stage, o.product_code from opportunity o
            where t.measure = 'WON' and t.target_amount is not null and t.rm_id is not null
              and o.owner_id = t.rm_id and o.status = 'OPEN'""",
            """
            select o.amount, o.stage, o.product_code from branch ob join opportunity o on o.branch_id = ob.id
            where t.measure = 'WON' and t.target_amount is not null and t.rm_id is null
              and left(ob.path, length(tb.path)) = tb.path and o.status = 'OPEN'""");

    /**
     * What the won target achieved, from the read model: an RM's closes in every category by bank day
     * ({@code rollup_owner_day}'s 'T' rows, V47's index by owner), a branch subtree's by product and bank day
     * ({@code rollup_branch_day}'s 'P' rows, V47's index by branch): at most a row a day for an RM's target and a row a
     * day and product for each branch of a branch's subtree, whatever the size of the bank. An RM's target in one
     * category reads the RM's won opportunities of the period (opportunity_owner_won_idx): the read model has no closes
     * by owner and category. Each branch of the UNION ALL is switched off by its own test.
     */
    private static final String WON = """
            select coalesce(sum(w.won), 0) as won, coalesce(sum(w.won_amount), 0) as won_amount
            from (
                select r.won, r.amount as won_amount from rollup_owner_day r
                where t.measure = 'WON' and t.rm_id is not null and t.product_category is null
                  and r.dim = 'T' and r.owner_id = t.rm_id and r.day >= t.period_start and r.day < %1$s
                union all
                select 1, o.won_amount from opportunity o join product p on p.code = o.product_code
                where t.measure = 'WON' and t.rm_id is not null and t.product_category is not null
                  and o.owner_id = t.rm_id and o.status = 'WON' and %2$s and p.category = t.product_category
                union all
                select r.won, r.amount from branch ob join rollup_branch_day r on r.branch_id = ob.id
                join product p on p.code = r.k
                where t.measure = 'WON' and t.rm_id is null and r.dim = 'P'
                  and r.day >= t.period_start and r.day < %1$s and left(ob.path, length(tb.path)) = tb.path
                  and (t.product_category is null or p.category = t.product_category)) w""".formatted(
            TargetQueries.PERIOD_END, inPeriod("o.closed_at"));

    /** The same from the won opportunities themselves: what the read model must equal ({@link #plain}). */
    private static final String WON_PLAIN = """
            select count(*) as won, coalesce(sum(w.won_amount), 0) as won_amount
            from (
                -- an RM's target: their won opportunities of the period, through
                -- opportunity_owner_won_idx (a few rows per RM and month)
                select o.won_amount, o.product_code from opportunity o
                where t.measure = 'WON' and t.rm_id is not null and o.owner_id = t.rm_id
                  and o.status = 'WON' and %1$s
                union all
                -- a branch's target: the subtree's won opportunities of the period
                select o.won_amount, o.product_code
                from opportunity o join branch ob on ob.id = o.branch_id
                where t.measure = 'WON' and t.rm_id is null and o.status = 'WON'
                  and %1$s
                  and left(ob.path, length(tb.path)) = tb.path) w
            join product p on p.code = w.product_code
            where t.product_category is null or p.category = t.product_category""".formatted(inPeriod("o.closed_at"));

    private final JdbcClient jdbc;

    /**
     * The attainment of the targets within {@code scope} (a condition over {@link #OWNER_COLUMN} and
     * {@link #PATH_COLUMN}) whose period overlaps [from, to].
     */
    @Transactional(readOnly = true)
    public List<Attainment> attainment(ScopeSql scope, LocalDate from, LocalDate to) {
        return attainment(scope, from, to, PIPELINE, WON);
    }

    /** The same with the won figures and pipeline coverage from the opportunities: what the read model must equal. */
    @Transactional(readOnly = true)
    public List<Attainment> plain(ScopeSql scope, LocalDate from, LocalDate to) {
        return attainment(scope, from, to, PIPELINE_PLAIN, WON_PLAIN);
    }

    private List<Attainment> attainment(ScopeSql scope, LocalDate from, LocalDate to, String pipeline, String won) {
        return jdbc.sql("""
                        select t.measure, t.period_type, t.period_start, u.username, u.display_name,
                               coalesce(tb.code, ub.code) as branch, t.product_category, t.target_amount,
                               t.target_count, a.won, a.won_amount, pl.weighted, nc.n as new_customers,
                               ac.n as follow_ups, g.aum_month, g.growth
                        from target t left join staff_user u on u.id = t.rm_id
                        left join branch ub on ub.id = u.branch_id
                        left join branch tb on tb.id = t.branch_id
                        cross join lateral (%1$s) a
                        cross join lateral (%8$s) pl
                        cross join lateral (
                            select count(*) as n from (
                                select c.id from customer c
                                where t.measure = 'NEW_CUSTOMERS' and t.rm_id is not null and c.owner_id = t.rm_id
                                  and %2$s
                                union all
                                select c.id from branch cb join customer c on c.branch_id = cb.id
                                where t.measure = 'NEW_CUSTOMERS' and t.rm_id is null and c.owner_id is not null
                                  and left(cb.path, length(tb.path)) = tb.path and %2$s) x) nc
                        cross join lateral (
                            select count(*) as n from follow_up f
                            where t.measure = 'ACTIVITY' and f.created_by = t.rm_id and %3$s) ac
                        cross join lateral (
                            select e.m as aum_month,
                                   (select coalesce(sum(h.avg_aum) filter (where h.month = e.m), 0)
                                           - coalesce(sum(h.avg_aum) filter (
                                                 where h.month = (t.period_start - interval '1 month')::date), 0)
                                    from aum_monthly h
                                    where t.measure = 'AUM_GROWTH' and h.customer_id in (%4$s)
                                      and h.month in (e.m, (t.period_start - interval '1 month')::date)) as growth
                            -- the measure test at this level gates the scans off for every other measure
                            from (select max(h.month) as m from aum_monthly h
                                  where t.measure = 'AUM_GROWTH' and h.customer_id in (%4$s)
                                    and h.month >= t.period_start and h.month < %5$s) e) g
                        where %6$s and %7$s
                        order by array_position(array['WON', 'NEW_CUSTOMERS', 'AUM_GROWTH', 'ACTIVITY'],
                                                t.measure::text),
                                 t.rm_id nulls first, u.username, t.product_category nulls first, t.period_start,
                                 branch, t.id"""
                        .formatted(won, inPeriod("c.created_at"), inPeriod("f.occurred_at"),
                                BOOK, TargetQueries.PERIOD_END, scope.condition(), TargetQueries.OVERLAPS,
                                pipeline))
                .params(scope.params()).param("from", from).param("to", to)
                .query((rs, i) -> row(rs))
                .list();
    }

    private static Attainment row(java.sql.ResultSet rs) throws java.sql.SQLException {
        TargetMeasure measure = TargetMeasure.valueOf(rs.getString("measure"));
        Period period = new Period(Period.Type.valueOf(rs.getString("period_type")),
                rs.getObject("period_start", LocalDate.class));
        BigDecimal targetAmount = rs.getBigDecimal("target_amount");
        Integer count = (Integer) rs.getObject("target_count");
        Long targetCount = count == null ? null : (long) count;
        String cat = rs.getString("product_category");
        Integer weeks = null;
        Long expected = targetCount;
        BigDecimal actualAmount = null;
        Long actualCount = null;
        LocalDate aumMonth = null;
        BigDecimal weighted = null;
        BigDecimal remaining = null;
        BigDecimal coverage = null;
        Coverage state = null;
        switch (measure) {
            case WON -> {
                actualAmount = rs.getBigDecimal("won_amount").setScale(2, RoundingMode.HALF_UP);
                actualCount = rs.getLong("won");
                if (targetAmount == null) {
                    state = Coverage.NO_AMOUNT;
                } else {
                    BigDecimal w = rs.getBigDecimal("weighted");
                    weighted = (w == null ? BigDecimal.ZERO : w).setScale(2, RoundingMode.HALF_UP);
                    remaining = targetAmount.subtract(actualAmount).max(BigDecimal.ZERO.setScale(2));
                    if (remaining.signum() == 0) {
                        state = Coverage.MET;
                    } else {
                        state = Coverage.RATIO;
                        coverage = weighted.divide(remaining, 4, RoundingMode.HALF_UP);
                    }
                }
            }
            case NEW_CUSTOMERS -> actualCount = rs.getLong("new_customers");
            case ACTIVITY -> {
                actualCount = rs.getLong("follow_ups");
                weeks = weeks(period);
                expected = targetCount == null ? null : targetCount * weeks;
            }
            case AUM_GROWTH -> {
                aumMonth = rs.getObject("aum_month", LocalDate.class);
                BigDecimal growth = rs.getBigDecimal("growth");
                actualAmount = aumMonth == null || growth == null ? null : growth.setScale(2, RoundingMode.HALF_UP);
            }
            default -> throw new IllegalStateException(measure.name());
        }
        BigDecimal amountRate = targetAmount == null || targetAmount.signum() == 0 || actualAmount == null ? null
                : actualAmount.divide(targetAmount, 4, RoundingMode.HALF_UP);
        BigDecimal countRate = expected == null || expected == 0 || actualCount == null ? null
                : BigDecimal.valueOf(actualCount).divide(BigDecimal.valueOf(expected), 4, RoundingMode.HALF_UP);
        return new Attainment(measure, period.type().name(), period.start(), rs.getString("username"),
                rs.getString("display_name"), rs.getString("branch"),
                cat == null ? null : ProductCategory.valueOf(cat), targetAmount, targetCount, weeks, expected,
                actualAmount, actualCount, aumMonth, amountRate, countRate, weighted, remaining, coverage, state);
    }

    /** The weeks of a period: those whose Monday falls within it (a month has 4 or 5, a quarter 13 or 14). */
    public static int weeks(Period period) {
        LocalDate monday = period.start().with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        int n = 0;
        for (LocalDate d = monday; d.isBefore(period.endExclusive()); d = d.plusWeeks(1)) {
            n++;
        }
        return n;
    }
}
