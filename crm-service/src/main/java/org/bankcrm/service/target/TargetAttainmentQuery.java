package org.bankcrm.service.target;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Target attainment: for every target whose period overlaps a range, won ÷ target over the target's own period
 * (amount and count), for the RM or the branch subtree, in its category or all. A deal counts in the period its
 * {@code closed_at} falls in, in the bank's zone ({@link Period}).
 */
@Component
@RequiredArgsConstructor
public class TargetAttainmentQuery {

    /** One target's attainment; the rates are null where the target has no amount (count) or it is zero. */
    public record Attainment(String rm, String displayName, ProductCategory category, BigDecimal targetAmount,
                             Long targetCount, BigDecimal wonAmount, long won, BigDecimal amountRate,
                             BigDecimal countRate) {

        /** The attainment (amount, else count) in steps of 5 from 0 to 100, for a progress bar. */
        public int bar() {
            BigDecimal r = amountRate != null ? amountRate : countRate;
            if (r == null) {
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

    /** The period of target {@code t} as instants in the bank's zone: {@code closed_at} within it. */
    private static final String CLOSED_IN_PERIOD = """
            o.closed_at >= t.period_start::timestamp at time zone %1$s
            and o.closed_at < %2$s::timestamp at time zone %1$s""".formatted(ZONE, TargetQueries.PERIOD_END);

    private final JdbcClient jdbc;

    /**
     * The attainment of the targets within {@code scope} (a condition over {@link #OWNER_COLUMN} and
     * {@link #PATH_COLUMN}) whose period overlaps [from, to].
     */
    @Transactional(readOnly = true)
    public List<Attainment> attainment(ScopeSql scope, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select u.username, u.display_name, t.product_category, t.target_amount, t.target_count,
                               a.won, a.won_amount
                        from target t left join staff_user u on u.id = t.rm_id
                        left join branch ub on ub.id = u.branch_id
                        left join branch tb on tb.id = t.branch_id
                        cross join lateral (
                            select count(*) as won, coalesce(sum(w.won_amount), 0) as won_amount
                            from (
                                -- an RM's target: their won opportunities of the period, through
                                -- opportunity_owner_won_idx (a few rows per RM and month)
                                select o.won_amount, o.product_code from opportunity o
                                where t.rm_id is not null and o.owner_id = t.rm_id and o.status = 'WON'
                                  and %1$s
                                union all
                                -- a branch's target: the subtree's won opportunities of the period
                                select o.won_amount, o.product_code
                                from opportunity o join branch ob on ob.id = o.branch_id
                                where t.rm_id is null and o.status = 'WON'
                                  and %1$s
                                  and left(ob.path, length(tb.path)) = tb.path) w
                            join product p on p.code = w.product_code
                            where t.product_category is null or p.category = t.product_category) a
                        where %2$s and %3$s
                        order by t.rm_id nulls first, u.username, t.product_category nulls first, t.period_start"""
                        .formatted(CLOSED_IN_PERIOD, scope.condition(), TargetQueries.OVERLAPS))
                .params(scope.params()).param("from", from).param("to", to)
                .query((rs, i) -> {
                    BigDecimal amount = rs.getBigDecimal("target_amount");
                    Integer count = (Integer) rs.getObject("target_count");
                    long won = rs.getLong("won");
                    BigDecimal wonAmount = rs.getBigDecimal("won_amount").setScale(2, RoundingMode.HALF_UP);
                    String cat = rs.getString("product_category");
                    return new Attainment(rs.getString("username"), rs.getString("display_name"),
                            cat == null ? null : ProductCategory.valueOf(cat), amount,
                            count == null ? null : (long) count, wonAmount, won,
                            amount == null || amount.signum() == 0 ? null
                                    : wonAmount.divide(amount, 4, RoundingMode.HALF_UP),
                            count == null || count == 0 ? null : BigDecimal.valueOf(won)
                                    .divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_UP));
                })
                .list();
    }
}
