package org.bankcrm.service.target;

import static java.util.stream.Collectors.joining;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reading targets, and the staff and branches a target names. */
@Component
@RequiredArgsConstructor
public class TargetQueries {

    /** A target as lists show it, with the version a change must name (D11). */
    public record TargetView(long id, TargetMeasure measure, boolean planned, String periodType,
                             LocalDate periodStart, String rm, String rmName,
                             String branch, ProductCategory category, BigDecimal amount, Integer count, int version) {
    }

    /** A staff member a target may name. */
    record StaffRef(long id, String path, Role role, boolean enabled) {
    }

    /** A branch a target or a served count may name. */
    record BranchRef(long id, String path) {
    }

    /**
     * The first day after the period of target {@code t}: {@link Period#endExclusive()} in SQL, one {@code when}
     * per {@link Period.Type}.
     */
    static final String PERIOD_END = "(t.period_start + case t.period_type "
            + Arrays.stream(Period.Type.values())
                    .map(p -> "when '" + p.name() + "' then interval '" + p.months() + " months' ")
                    .collect(joining())
            + "end)::date";

    /** Target {@code t}'s period shares a day with [{@code :from}, {@code :to}] ({@link Period#overlaps}). */
    static final String OVERLAPS = "t.period_start <= :to and " + PERIOD_END + " > :from";

    /** The columns a target's scope is over: its RM, and the branch path of its RM or else of its branch. */
    static final String OWNER_COLUMN = "t.rm_id";
    static final String PATH_COLUMN = "coalesce(ub.path, tb.path)";

    private static final String TARGETS = """
            select t.id, t.measure, t.plan_id, t.period_type, t.period_start, u.username as rm,
                   u.display_name as rm_name,
                   tb.code as branch, t.product_category, t.target_amount, t.target_count, t.version
            from target t left join staff_user u on u.id = t.rm_id left join branch ub on ub.id = u.branch_id
            left join branch tb on tb.id = t.branch_id""";

    private final JdbcClient jdbc;

    private static TargetView targetView(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        String cat = rs.getString("product_category");
        return new TargetView(rs.getLong("id"), TargetMeasure.valueOf(rs.getString("measure")),
                rs.getObject("plan_id") != null, rs.getString("period_type"),
                rs.getObject("period_start", LocalDate.class), rs.getString("rm"), rs.getString("rm_name"),
                rs.getString("branch"), cat == null ? null : ProductCategory.valueOf(cat),
                rs.getBigDecimal("target_amount"), (Integer) rs.getObject("target_count"), rs.getInt("version"));
    }

    /** Targets the user may see and change: RMs of their subtree; branch targets of their subtree. */
    private static ScopeSql scope(CurrentUser user) {
        return ScopeSql.of(user.scope(), OWNER_COLUMN, PATH_COLUMN);
    }

    /** The targets in the caller's scope whose period overlaps [from, to]. */
    public List<TargetView> overlapping(CurrentUser user, LocalDate from, LocalDate to) {
        ScopeSql s = scope(user);
        return jdbc.sql(TARGETS + " where " + s.condition() + " and " + OVERLAPS
                        + " order by t.period_start desc, t.measure, tb.code nulls last, u.username,"
                        + " t.product_category nulls first")
                .params(s.params()).param("from", from).param("to", to)
                .query(TargetQueries::targetView).list();
    }

    /** The target {@code id} if it is in the caller's scope. */
    Optional<TargetView> inScope(CurrentUser user, long id) {
        ScopeSql s = scope(user);
        return jdbc.sql(TARGETS + " where t.id = :id and " + s.condition())
                .params(s.params()).param("id", id)
                .query(TargetQueries::targetView).optional();
    }

    /** The target of one RM or branch, period and category (null: all categories), whoever's scope it is in. */
    Optional<TargetView> byKey(TargetMeasure measure, Period period, Long branchId, Long rmId,
                               ProductCategory category) {
        return jdbc.sql(TARGETS + "\n" + """
                         where t.measure = :measure and t.period_type = :type and t.period_start = :start
                           and coalesce(t.branch_id, 0) = coalesce(cast(:branch as bigint), 0)
                           and coalesce(t.rm_id, 0) = coalesce(cast(:rm as bigint), 0)
                           and coalesce(t.product_category, '') = coalesce(cast(:category as varchar), '')""")
                .param("measure", measure.name()).param("type", period.type().name())
                .param("start", period.start()).param("branch", branchId).param("rm", rmId)
                .param("category", category == null ? null : category.name())
                .query(TargetQueries::targetView).optional();
    }

    StaffRef staff(String username) {
        return jdbc.sql("""
                        select u.id, b.path, u.role, u.enabled from staff_user u join branch b on b.id = u.branch_id
                        where u.username = :u""").param("u", username)
                .query((rs, i) -> new StaffRef(rs.getLong("id"), rs.getString("path"),
                        Role.valueOf(rs.getString("role")), rs.getBoolean("enabled")))
                .optional().orElse(null);
    }

    BranchRef branch(String code) {
        return jdbc.sql("select id, path from branch where code = :c").param("c", code)
                .query((rs, i) -> new BranchRef(rs.getLong("id"), rs.getString("path"))).optional().orElse(null);
    }
}
