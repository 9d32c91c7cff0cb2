package org.bankcrm.service.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.opportunity.PipelineRules;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loss analysis (issue 17, api.md {@code /dashboard/lost}): the opportunities of a {@link Selection} lost in its
 * period ({@link PipelineRules#LOST_IN_PERIOD}, the pipeline's own condition, so {@code lost} equals the pipeline's
 * {@code closed.lost} and the LOST drill-down's length), by lost reason, by product category × reason and by RM.
 * One grouped scan, of the read model's lost sums ({@code rollup_lost_day}, V42, D64) when the selection allows
 * ({@link Selection#fromReadModel}), else of the opportunities; amounts (the opportunities' amounts) summed unrounded
 * and rounded once to the cent.
 */
@Component
@RequiredArgsConstructor
public class LostQuery {

    /** Lost with one reason: how many, their amount. */
    public record ReasonFigures(String reason, long count, BigDecimal amount) {
    }

    /** Lost of one product category with one reason. */
    public record CategoryReason(String category, String reason, long count) {
    }

    /** One RM's lost opportunities ({@code ownerRm} null: no owner), by reason. */
    public record OwnerFigures(String ownerRm, String displayName, long lost, BigDecimal amount,
                               Map<String, Long> byReason) {
    }

    /** The contract's figures ({@code lost}, {@code amount}, {@code byReason}, {@code byCategory}) and ours. */
    public record Lost(String branchCode, String ownerRm, LocalDate from, LocalDate to, long lost, BigDecimal amount,
                       List<ReasonFigures> byReason, List<CategoryReason> byCategory, List<OwnerFigures> byOwner) {
    }

    private final JdbcClient jdbc;

    /** The figures, from the read model where the selection allows ({@link Selection#fromReadModel}). */
    @Transactional(readOnly = true)
    public Lost of(Selection sel) {
        return of(sel, sel.fromReadModel());
    }

    /** The same figures from the opportunities themselves: what the read model must equal. */
    @Transactional(readOnly = true)
    public Lost plain(Selection sel) {
        return of(sel, false);
    }

    private Lost of(Selection sel, boolean rollup) {
        record Group(String reason, String category, String owner, String name, long count, BigDecimal amount) {
        }
        ScopeSql where = rollup ? sel.branches("b.path") : sel.opportunities("o", "b");
        String groups = rollup
                ? """
                select r.lost_reason, p.category, u.username, u.display_name, sum(r.n) as n, sum(r.amount) as amount
                from rollup_lost_day r join branch b on b.id = r.branch_id join product p on p.code = r.product_code
                left join staff_user u on u.id = r.owner_id
                where r.day between :from and :to and %s
                group by r.lost_reason, p.category, u.username, u.display_name
                having sum(r.n) <> 0""".formatted(where.condition())
                : """
                select o.lost_reason, p.category, u.username, u.display_name, count(*) as n, sum(o.amount) as amount
                %s join product p on p.code = o.product_code left join staff_user u on u.id = o.owner_id
                where %s and %s
                group by o.lost_reason, p.category, u.username, u.display_name"""
                .formatted(PipelineRules.FROM_OPPORTUNITY, where.condition(), PipelineRules.LOST_IN_PERIOD);
        List<Group> rows = jdbc.sql(groups).params(where.params())
                .param("start", sel.start()).param("end", sel.end()).param("from", sel.from()).param("to", sel.to())
                .query((rs, i) -> new Group(rs.getString("lost_reason"), rs.getString("category"),
                        rs.getString("username"), rs.getString("display_name"), rs.getLong("n"),
                        rs.getBigDecimal("amount")))
                .list();
        Map<String, long[]> reasonCounts = new LinkedHashMap<>();
        Map<String, BigDecimal> reasonAmounts = new LinkedHashMap<>();
        Map<String, Long> categoryReason = new LinkedHashMap<>();
        Map<String, OwnerFigures> owners = new LinkedHashMap<>();
        long lost = 0;
        BigDecimal amount = BigDecimal.ZERO;
        for (Group g : rows) {
            lost += g.count();
            amount = amount.add(g.amount());
            reasonCounts.computeIfAbsent(g.reason(), k -> new long[1])[0] += g.count();
            reasonAmounts.merge(g.reason(), g.amount(), BigDecimal::add);
            categoryReason.merge(g.category() + "|" + g.reason(), g.count(), Long::sum);
            String key = g.owner() == null ? "" : g.owner();
            OwnerFigures o = owners.getOrDefault(key, new OwnerFigures(g.owner(), g.name(), 0, BigDecimal.ZERO,
                    new LinkedHashMap<>()));
            o.byReason().merge(g.reason(), g.count(), Long::sum);
            owners.put(key, new OwnerFigures(o.ownerRm(), o.displayName(), o.lost() + g.count(),
                    o.amount().add(g.amount()), o.byReason()));
        }
        List<ReasonFigures> byReason = new ArrayList<>();
        reasonCounts.forEach((r, c) -> byReason.add(new ReasonFigures(r, c[0], cents(reasonAmounts.get(r)))));
        byReason.sort(Comparator.comparingLong(ReasonFigures::count).reversed()
                .thenComparing(ReasonFigures::reason));
        List<CategoryReason> byCategory = new ArrayList<>();
        categoryReason.forEach((k, c) -> byCategory.add(new CategoryReason(k.substring(0, k.indexOf('|')),
                k.substring(k.indexOf('|') + 1), c)));
        byCategory.sort(Comparator.comparing(CategoryReason::category).thenComparing(CategoryReason::reason));
        List<OwnerFigures> byOwner = owners.values().stream()
                .map(o -> new OwnerFigures(o.ownerRm(), o.displayName(), o.lost(), cents(o.amount()), o.byReason()))
                .sorted(Comparator.comparingLong(OwnerFigures::lost).reversed()
                        .thenComparing(o -> o.ownerRm() == null ? "" : o.ownerRm()))
                .toList();
        return new Lost(sel.branchCode(), sel.ownerRm(), sel.from(), sel.to(), lost, cents(amount), byReason,
                byCategory, byOwner);
    }

    private static BigDecimal cents(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
