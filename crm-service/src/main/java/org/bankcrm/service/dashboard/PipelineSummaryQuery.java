package org.bankcrm.service.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.ClockConfig;
import org.bankcrm.service.shared.ReadFromReplica;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pipeline in the caller's scope: open opportunities by stage (count, amount, weighted amount) and
 * what closed this month. Aggregated in SQL, never by walking entities: My day's summary from the dashboards' read
 * model (D75), the board's columns, which count team members' cards too, from the opportunities.
 */
@Service
@RequiredArgsConstructor
public class PipelineSummaryQuery {

    /** One open stage. {@code weightedAmount} = Σ amount × the stage's probability ÷ 100. */
    public record StageLine(Stage stage, int probability, long count, BigDecimal amount, BigDecimal weightedAmount) {
    }

    /** The whole picture. {@code conversionRate} is won ÷ (won + lost) this month, null when nothing closed. */
    public record Summary(List<StageLine> stages, long openCount, BigDecimal openAmount, BigDecimal weightedAmount,
                          long wonThisMonth, BigDecimal wonAmountThisMonth, long lostThisMonth,
                          BigDecimal conversionRate, LocalDate monthStart) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    /**
     * The summary from the read model (V36, V37: the open pipeline by owner, branch and stage, and what closed by
     * owner, branch and bank day), a few rows per owner whatever the size of the book, and the same figures as the
     * dashboards, which read the same rows (D75).
     */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public Summary summary(CurrentUser user) {
        return summary(user, true);
    }

    /** The same summary from the opportunities themselves: what the read model must equal. */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public Summary plain(CurrentUser user) {
        return summary(user, false);
    }

    private Summary summary(CurrentUser user, boolean rollup) {
        AccessPolicy.requireMayWorkOnRecords(user);
        // The read model's rows (alias r) carry the owner and branch of the opportunities they sum.
        ScopeSql scope = ScopeSql.of(user.scope(), rollup ? "r.owner_id" : "o.owner_id", "b.path");
        List<StageLine> stages = rollup ? stageLines(OPEN_FROM_READ_MODEL, scope) : stageLines(OPEN_FROM_ROWS, scope);

        LocalDate monthStart = LocalDate.now(clock).withDayOfMonth(1);
        record Closed(long won, BigDecimal wonAmount, long lost) {
        }
        Closed closed = (rollup
                // What closed on the month's bank days (the read model's days) from its first on.
                ? jdbc.sql("""
                        select coalesce(sum(r.won), 0) as won, coalesce(sum(r.amount), 0) as won_amount,
                               coalesce(sum(r.lost), 0) as lost
                        from rollup_owner_day r join branch b on b.id = r.branch_id
                        where r.dim = 'T' and r.day >= :monthStart and %s""".formatted(scope.condition()))
                        .param("monthStart", monthStart)
                : jdbc.sql("""
                        select count(*) filter (where o.status = 'WON') as won,
                               coalesce(sum(o.won_amount) filter (where o.status = 'WON'), 0) as won_amount,
                               count(*) filter (where o.status = 'LOST') as lost
                        from opportunity o join branch b on b.id = o.branch_id
                        where o.closed_at >= :from and %s""".formatted(scope.condition()))
                        .param("from", monthStart.atStartOfDay(ClockConfig.BANK_ZONE).toOffsetDateTime()))
                .params(scope.params())
                .query((rs, i) -> new Closed(rs.getLong("won"), rs.getBigDecimal("won_amount"), rs.getLong("lost")))
                .single();
        long won = closed.won();
        long lost = closed.lost();
        BigDecimal rate = won + lost == 0 ? null
                : BigDecimal.valueOf(won).divide(BigDecimal.valueOf(won + lost), 4, RoundingMode.HALF_UP);
        return new Summary(stages, stages.stream().mapToLong(StageLine::count).sum(),
                stages.stream().map(StageLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                stages.stream().map(StageLine::weightedAmount).reduce(BigDecimal.ZERO, BigDecimal::add),
                won, closed.wonAmount().setScale(2, RoundingMode.HALF_UP), lost, rate, monthStart);
    }

    /**
     * The board's columns: the open opportunities by stage over what the board shows the caller, their own and
     * those of the teams they are a member of (D44), so a column's total counts its cards. The pipeline figures
     * ({@link #summary}, My day, the dashboards) stay by owner.
     */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public List<StageLine> boardColumns(CurrentUser user) {
        AccessPolicy.requireMayWorkOnRecords(user);
        return stageLines(OPEN_FROM_ROWS, ScopeSql.ofOpportunity(user.scope(), "o.id", "o.owner_id", "b.path"));
    }

    /** Open opportunities by stage (n, amount) in a scope over {@code o.owner_id} and {@code b.path}. */
    private static final String OPEN_FROM_ROWS = """
            select o.stage, count(*) as n, sum(o.amount) as amount
            from opportunity o join branch b on b.id = o.branch_id
            where o.status = 'OPEN' and %s group by o.stage""";

    /** The same from the read model's open pipeline (every slot's sums, V37), scope over {@code r.owner_id}. */
    private static final String OPEN_FROM_READ_MODEL = """
            select r.stage, sum(r.n) as n, sum(r.amount) as amount
            from rollup_open_pipeline r join branch b on b.id = r.branch_id
            where %s group by r.stage""";

    /** Every open stage in order, with its probability and the weighted amount of the sums {@code open} gives. */
    private List<StageLine> stageLines(String open, ScopeSql scope) {
        return jdbc.sql("""
                        select s.stage, s.probability, coalesce(x.n, 0) as n, coalesce(x.amount, 0) as amount,
                               coalesce(x.amount * s.probability, 0) / 100 as weighted
                        from stage_setting s left join (%s) x on x.stage = s.stage
                        where s.stage not in ('WON', 'LOST')
                        order by s.sort_order""".formatted(open.formatted(scope.condition())))
                .params(scope.params())
                .query((rs, i) -> new StageLine(Stage.valueOf(rs.getString("stage")), rs.getInt("probability"),
                        rs.getLong("n"), rs.getBigDecimal("amount").setScale(2, RoundingMode.HALF_UP),
                        rs.getBigDecimal("weighted").setScale(2, RoundingMode.HALF_UP)))
                .list();
    }
}
