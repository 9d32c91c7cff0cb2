package org.bankcrm.service.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.ReadFromReplica;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pipeline in the caller's scope: open opportunities by stage (count, amount, weighted amount) and
 * what closed this month. Aggregated in SQL, never by walking entities.
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

    @ReadFromReplica
    @Transactional(readOnly = true)
    public Summary summary(CurrentUser user) {
        AccessPolicy.requireMayWorkOnRecords(user);
        ScopeSql scope = ScopeSql.of(user.scope(), "o.owner_id", "b.path");
        List<StageLine> stages = stageLines(scope);

        LocalDate monthStart = LocalDate.now(clock).withDayOfMonth(1);
        ZonedDateTime from = monthStart.atStartOfDay(clock.getZone());
        record Closed(long won, BigDecimal wonAmount, long lost) {
        }
        Closed closed = jdbc.sql("""
                        select count(*) filter (where o.status = 'WON') as won,
                               coalesce(sum(o.won_amount) filter (where o.status = 'WON'), 0) as won_amount,
                               count(*) filter (where o.status = 'LOST') as lost
                        from opportunity o join branch b on b.id = o.branch_id
                        where o.closed_at >= :from and %s""".formatted(scope.condition()))
                .param("from", from.toOffsetDateTime())
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
        return stageLines(ScopeSql.ofOpportunity(user.scope(), "o.id", "o.owner_id", "b.path"));
    }

    private List<StageLine> stageLines(ScopeSql scope) {
        Map<Stage, StageLine> byStage = new java.util.EnumMap<>(Stage.class);
        jdbc.sql("""
                        select s.stage, s.probability, count(o.id) as n, coalesce(sum(o.amount), 0) as amount,
                               coalesce(sum(o.amount * s.probability), 0) / 100 as weighted
                        from stage_setting s
                        left join (opportunity o join branch b on b.id = o.branch_id)
                               on o.stage = s.stage and o.status = 'OPEN' and %s
                        where s.stage not in ('WON', 'LOST')
                        group by s.stage, s.probability, s.sort_order
                        order by s.sort_order""".formatted(scope.condition()))
                .params(scope.params())
                .query((rs, i) -> new StageLine(Stage.valueOf(rs.getString("stage")), rs.getInt("probability"),
                        rs.getLong("n"), rs.getBigDecimal("amount").setScale(2, RoundingMode.HALF_UP),
                        rs.getBigDecimal("weighted").setScale(2, RoundingMode.HALF_UP)))
                .list()
                .forEach(l -> byStage.put(l.stage(), l));
        return new ArrayList<>(byStage.values());
    }
}
