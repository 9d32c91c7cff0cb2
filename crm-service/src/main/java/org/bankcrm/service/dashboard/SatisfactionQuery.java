package org.bankcrm.service.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Satisfaction (满意度, D46) for a {@link Selection}, as {@code /api/v1/dashboard/satisfaction} defines it: the
 * follow-ups that occurred in the period (bank days) and carry a rating, credited to their author (an RM's own
 * figures: the follow-ups they wrote; a branch's: those on customers of its subtree, as the dashboard's follow-up
 * counts). A branch's lines by author are its people's own figures, what each wrote on any customer (D88), so that a
 * line is the RM's figure wherever it is shown; they need not add up to the branch's, which counts its customers'
 * ratings by anyone. An average is Σ ratings ÷ responses, two decimals half-up, null when there are none.
 */
@Service
@RequiredArgsConstructor
public class SatisfactionQuery {

    /** One author's responses. */
    public record OwnerLine(String ownerRm, String ownerName, long responses, BigDecimal average) {
    }

    /** One branch's responses (the branch of the customers rated). */
    public record BranchLine(String branchCode, String branchName, long responses, BigDecimal average) {
    }

    /** One calendar month of the period (yyyy-MM, bank time). */
    public record MonthLine(String month, long responses, BigDecimal average) {
    }

    /** The whole answer. */
    public record Satisfaction(long responses, BigDecimal average, List<OwnerLine> byOwner,
                               List<BranchLine> byBranch, List<MonthLine> byMonth) {
    }

    private static final String FROM = """
             from follow_up f
             join customer c on c.id = f.customer_id
             join branch b on b.id = c.branch_id
             join staff_user u on u.id = f.created_by
            """;

    private final JdbcClient jdbc;

    /** Σ ÷ n, two decimals half-up; null when n is 0. */
    public static BigDecimal average(long sum, long n) {
        return n == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
    }

    @Transactional(readOnly = true)
    public Satisfaction of(Selection sel) {
        ScopeSql scope = sel.followUps("f", "b");
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("start", sel.start());
        params.put("end", sel.end());
        String where = " where f.satisfaction is not null and f.occurred_at >= :start and f.occurred_at < :end and "
                + scope.condition();
        long[] total = jdbc.sql("select count(*) as n, coalesce(sum(f.satisfaction), 0) as s" + FROM + where)
                .params(params).query((rs, n) -> new long[] {rs.getLong("n"), rs.getLong("s")}).single();
        ScopeSql authors = sel.authors("f", "ub");
        Map<String, Object> authorParams = new HashMap<>(authors.params());
        authorParams.put("start", sel.start());
        authorParams.put("end", sel.end());
        List<OwnerLine> owners = jdbc.sql("""
                        select u.username, u.display_name, count(*) as n, sum(f.satisfaction) as s
                        from follow_up f
                        join staff_user u on u.id = f.created_by
                        join branch ub on ub.id = u.branch_id
                        where f.satisfaction is not null and f.occurred_at >= :start and f.occurred_at < :end and\s"""
                        + authors.condition() + " group by u.username, u.display_name order by u.username")
                .params(authorParams).query((rs, i) -> new OwnerLine(rs.getString("username"),
                        rs.getString("display_name"), rs.getLong("n"), average(rs.getLong("s"), rs.getLong("n"))))
                .list();
        List<BranchLine> branches = jdbc.sql("select b.code, b.name, count(*) as n, sum(f.satisfaction) as s"
                        + FROM + where + " group by b.code, b.name order by b.code")
                .params(params).query((rs, i) -> new BranchLine(rs.getString("code"), rs.getString("name"),
                        rs.getLong("n"), average(rs.getLong("s"), rs.getLong("n")))).list();
        String month = "to_char(f.occurred_at at time zone '" + Period.BANK_ZONE.getId() + "', 'YYYY-MM')";
        List<MonthLine> months = jdbc.sql("select " + month + " as m, count(*) as n, sum(f.satisfaction) as s"
                        + FROM + where + " group by 1 order by 1")
                .params(params).query((rs, i) -> new MonthLine(rs.getString("m"), rs.getLong("n"),
                        average(rs.getLong("s"), rs.getLong("n")))).list();
        return new Satisfaction(total[0], average(total[1], total[0]), owners, branches, months);
    }
}
