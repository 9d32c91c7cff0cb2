package org.bankcrm.service.target;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.target.TargetPlanService.PlanLineView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Annual plans and the quarterly targets they are made of. A plan changes only at the version read (D11); its
 * targets are replaced whole when it is saved.
 */
@Component
@RequiredArgsConstructor
class TargetPlanStore {

    record PlanRow(long id, String branch, int year, TargetMeasure measure, BigDecimal annual, int version) {
    }

    private final JdbcClient jdbc;

    Optional<PlanRow> find(long branchId, int year, TargetMeasure measure) {
        return jdbc.sql("""
                        select p.id, b.code, p.year, p.measure, p.annual, p.version
                        from target_plan p join branch b on b.id = p.branch_id
                        where p.branch_id = :b and p.year = :y and p.measure = :m""")
                .param("b", branchId).param("y", year).param("m", measure.name())
                .query((rs, i) -> new PlanRow(rs.getLong("id"), rs.getString("code"), rs.getInt("year"),
                        TargetMeasure.valueOf(rs.getString("measure")), rs.getBigDecimal("annual"),
                        rs.getInt("version")))
                .optional();
    }

    /** A new plan; null when one of the same branch, year and measure was saved meanwhile. */
    Long insert(long branchId, int year, TargetMeasure measure, BigDecimal annual, long by) {
        return jdbc.sql("""
                        insert into target_plan (branch_id, year, measure, annual, created_by)
                        values (:b, :y, :m, :a, :by)
                        on conflict (branch_id, year, measure) do nothing returning id""")
                .param("b", branchId).param("y", year).param("m", measure.name()).param("a", annual)
                .param("by", by).query(Long.class).optional().orElse(null);
    }

    boolean update(long id, int version, BigDecimal annual, long by) {
        return jdbc.sql("""
                        update target_plan set annual = :a, created_by = :by, created_at = now(),
                                               version = version + 1
                        where id = :id and version = :v""")
                .param("id", id).param("v", version).param("a", annual).param("by", by).update() == 1;
    }

    void clearTargets(long planId) {
        jdbc.sql("delete from target where plan_id = :p").param("p", planId).update();
    }

    /**
     * One quarterly target of the plan (a branch's or an RM's); a target of the same key set by hand is taken over
     * by the plan (its figure replaced, its version moved on).
     */
    void putTarget(long planId, TargetMeasure measure, Period quarter, Long branchId, Long rmId, BigDecimal figure,
                   long by) {
        jdbc.sql("""
                        insert into target (measure, period_type, period_start, branch_id, rm_id, target_amount,
                                            target_count, created_by, plan_id)
                        values (:m, :type, :start, :b, :rm, :amount, :count, :by, :plan)
                        on conflict (measure, period_type, period_start, coalesce(branch_id, 0), coalesce(rm_id, 0),
                                     coalesce(product_category, ''))
                        do update set target_amount = excluded.target_amount, target_count = excluded.target_count,
                                      created_by = excluded.created_by, created_at = now(),
                                      plan_id = excluded.plan_id, version = target.version + 1""")
                .param("m", measure.name()).param("type", quarter.type().name()).param("start", quarter.start())
                .param("b", branchId).param("rm", rmId)
                .param("amount", measure.hasAmount() ? figure : null)
                .param("count", measure.hasAmount() ? null : figure.intValueExact())
                .param("by", by).param("plan", planId).update();
    }

    /** The branch's four quarters of the plan, in order. */
    List<BigDecimal> quarters(long planId) {
        BigDecimal[] q = new BigDecimal[4];
        jdbc.sql("""
                        select extract(month from period_start)::int as m, coalesce(target_amount, target_count) as f
                        from target where plan_id = :p and branch_id is not null""")
                .param("p", planId)
                .query((rs, i) -> q[(rs.getInt("m") - 1) / 3] = rs.getBigDecimal("f")).list();
        return Arrays.asList(q);
    }

    /** The RMs' lines of the plan, by username. */
    List<PlanLineView> lines(long planId) {
        Map<String, BigDecimal[]> figures = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        jdbc.sql("""
                        select u.username, u.display_name, extract(month from t.period_start)::int as m,
                               coalesce(t.target_amount, t.target_count) as f
                        from target t join staff_user u on u.id = t.rm_id
                        where t.plan_id = :p order by u.username, t.period_start""")
                .param("p", planId)
                .query((rs, i) -> {
                    String u = rs.getString("username");
                    names.put(u, rs.getString("display_name"));
                    figures.computeIfAbsent(u, k -> new BigDecimal[4])[(rs.getInt("m") - 1) / 3] =
                            rs.getBigDecimal("f");
                    return u;
                }).list();
        List<PlanLineView> lines = new ArrayList<>();
        figures.forEach((u, f) -> lines.add(new PlanLineView(u, names.get(u), Arrays.asList(f))));
        return lines;
    }
}
