package org.bankcrm.service.tiers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.service.customer.TierRules;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SQL of the tier reports. A customer's tier in a month is the band ({@link TierRules}) holding that month's
 * {@code avg_aum} under the current thresholds. Every method takes the caller's condition on customers {@code c}
 * and their branch {@code b} ({@link ScopeSql}); months are first days.
 */
@Component
public class TierQueries {

    /** One non-empty cell of the migration matrix; {@code movement} is the sign of the rank's change. */
    public record CellRow(Tier fromTier, Tier toTier, int movement, long customers, BigDecimal aumFrom,
                          BigDecimal aumTo) {
    }

    /** A customer behind a cell. */
    public record Line(String customerNo, String name, String type, String branchCode, String ownerRm,
                       String ownerName, Tier fromTier, Tier toTier, BigDecimal aumFrom, BigDecimal aumTo) {
    }

    /** Customers and their AUM of one retail tier in one month. */
    public record TierMonth(LocalDate month, Tier tier, long customers, BigDecimal aum) {
    }

    /** Corporate customers of one company size in one month. */
    public record SizeMonth(LocalDate month, CompanySize size, long customers) {
    }

    private final JdbcClient jdbc;

    public TierQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The retail tiers from the lowest band to the highest. */
    public List<Tier> retailTiers() {
        return jdbc.sql("select tier from " + TierRules.BANDS + " t where customer_type = 'RETAIL' order by rank")
                .query((rs, i) -> Tier.valueOf(rs.getString("tier"))).list();
    }

    /** The latest month with any AUM history, not after {@code notAfter}. */
    public Optional<LocalDate> latestMonth(LocalDate notAfter) {
        return Optional.ofNullable(jdbc.sql("select max(month) as m from aum_monthly where month <= :m")
                .param("m", notAfter).query((rs, i) -> rs.getObject("m", LocalDate.class)).single());
    }

    /**
     * The retail customers in scope with a row in both months, each with its tier in each: the one set the matrix
     * counts and its lists show ({@code p.*}, {@code tf} and {@code tt} the bands of each month).
     */
    private static String pairs(ScopeSql scope) {
        return pairs(scope, "");
    }

    private static String pairs(ScopeSql scope, String join) {
        return """
                 from customer c join branch b on b.id = c.branch_id
                 join aum_monthly mf on mf.customer_id = c.id and mf.month = :fromMonth
                 join aum_monthly mt on mt.customer_id = c.id and mt.month = :toMonth
                 join %s tf on %s
                 join %s tt on %s%s
                 where c.type = 'RETAIL' and %s"""
                .formatted(TierRules.BANDS, TierRules.inBand("tf", "'RETAIL'", "mf.avg_aum"),
                        TierRules.BANDS, TierRules.inBand("tt", "'RETAIL'", "mt.avg_aum"), join, scope.condition());
    }

    public List<CellRow> matrix(ScopeSql scope, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select tf.tier as from_tier, tt.tier as to_tier, sign(tt.rank - tf.rank) as movement,
                               count(*) as customers, sum(mf.avg_aum) as aum_from, sum(mt.avg_aum) as aum_to
                        %s
                        group by tf.tier, tt.tier, tf.rank, tt.rank
                        order by tf.rank desc, tt.rank desc""".formatted(pairs(scope)))
                .params(scope.params()).param("fromMonth", from).param("toMonth", to)
                .query((rs, i) -> new CellRow(Tier.valueOf(rs.getString("from_tier")),
                        Tier.valueOf(rs.getString("to_tier")), rs.getInt("movement"), rs.getLong("customers"),
                        rs.getBigDecimal("aum_from"), rs.getBigDecimal("aum_to")))
                .list();
    }

    private static String cellCondition(Tier fromTier, Tier toTier, Map<String, Object> params) {
        StringBuilder where = new StringBuilder();
        if (fromTier != null) {
            where.append(" and tf.tier = :fromTier");
            params.put("fromTier", fromTier.name());
        }
        if (toTier != null) {
            where.append(" and tt.tier = :toTier");
            params.put("toTier", toTier.name());
        }
        return where.toString();
    }

    /** How many customers a cell (or a row, a column: a null tier is any) holds. */
    public long count(ScopeSql scope, LocalDate from, LocalDate to, Tier fromTier, Tier toTier) {
        Map<String, Object> params = new HashMap<>(scope.params());
        String cell = cellCondition(fromTier, toTier, params);
        return jdbc.sql("select count(*) " + pairs(scope) + cell).params(params)
                .param("fromMonth", from).param("toMonth", to).query(Long.class).single();
    }

    /**
     * The customers of a cell, largest AUM in the from-month first; {@code limit} and {@code offset} as numbers.
     */
    public void each(ScopeSql scope, LocalDate from, LocalDate to, Tier fromTier, Tier toTier, long limit,
                     long offset, Consumer<Line> sink) {
        Map<String, Object> params = new HashMap<>(scope.params());
        String cell = cellCondition(fromTier, toTier, params);
        jdbc.sql("""
                        select c.customer_no, c.name, c.type, b.code as branch_code, u.username as owner_rm,
                               u.display_name as owner_name, tf.tier as from_tier, tt.tier as to_tier,
                               mf.avg_aum as aum_from, mt.avg_aum as aum_to
                        %s%s
                        order by mf.avg_aum desc, c.customer_no
                        limit %d offset %d"""
                        .formatted(pairs(scope, " left join staff_user u on u.id = c.owner_id"), cell, limit, offset))
                .params(params).param("fromMonth", from).param("toMonth", to)
                .query(rs -> {
                    sink.accept(new Line(rs.getString("customer_no"), rs.getString("name"), rs.getString("type"),
                            rs.getString("branch_code"), rs.getString("owner_rm"), rs.getString("owner_name"),
                            Tier.valueOf(rs.getString("from_tier")), Tier.valueOf(rs.getString("to_tier")),
                            rs.getBigDecimal("aum_from"), rs.getBigDecimal("aum_to")));
                });
    }

    /** Retail customers and Σ avg_aum per tier and month in [{@code first}, {@code last}]; empty groups absent. */
    public List<TierMonth> retailByMonth(ScopeSql scope, LocalDate first, LocalDate last) {
        return jdbc.sql("""
                        select m.month, t.tier, count(*) as customers, sum(m.avg_aum) as aum
                        from aum_monthly m join customer c on c.id = m.customer_id
                        join branch b on b.id = c.branch_id
                        join %s t on %s
                        where m.month between :first and :last and c.type = 'RETAIL' and %s
                        group by m.month, t.tier"""
                        .formatted(TierRules.BANDS, TierRules.inBand("t", "'RETAIL'", "m.avg_aum"),
                                scope.condition()))
                .params(scope.params()).param("first", first).param("last", last)
                .query((rs, i) -> new TierMonth(rs.getObject("month", LocalDate.class),
                        Tier.valueOf(rs.getString("tier")), rs.getLong("customers"), rs.getBigDecimal("aum")))
                .list();
    }

    /** Corporate customers with a known company size and an AUM row, per size and month; empty groups absent. */
    public List<SizeMonth> corporateByMonth(ScopeSql scope, LocalDate first, LocalDate last) {
        return jdbc.sql("""
                        select m.month, c.company_size, count(*) as customers
                        from aum_monthly m join customer c on c.id = m.customer_id
                        join branch b on b.id = c.branch_id
                        where m.month between :first and :last and c.type = 'CORPORATE'
                          and c.company_size is not null and %s
                        group by m.month, c.company_size""".formatted(scope.condition()))
                .params(scope.params()).param("first", first).param("last", last)
                .query((rs, i) -> new SizeMonth(rs.getObject("month", LocalDate.class),
                        CompanySize.valueOf(rs.getString("company_size")), rs.getLong("customers")))
                .list();
    }
}
