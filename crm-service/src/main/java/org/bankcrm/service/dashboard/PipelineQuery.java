package org.bankcrm.service.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.Source;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.settings.AppSettingRepository;
import org.bankcrm.service.opportunity.PipelineRules;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.ClockConfig;
import org.bankcrm.service.shared.ReadFromReplica;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pipeline figures of {@code /api/v1/dashboard/pipeline}, exactly as the contract defines them, for a
 * {@link Selection}. Everything is aggregated in SQL over numeric columns; money stays {@link BigDecimal} and
 * is rounded once, to the cent, after summing.
 *
 * <p>Slightly over 250 lines: the contract's answer is one read model, whose records are part of the API.
 */
@Service
@RequiredArgsConstructor
public class PipelineQuery {

    /** Open opportunities now. */
    public record Open(long count, BigDecimal amount, BigDecimal weightedAmount) {
    }

    /** One open stage now; {@code probability} is the stage's current setting. */
    public record StageFigures(Stage stage, int probability, long count, BigDecimal amount,
                               BigDecimal weightedAmount) {
    }

    /** Opportunities closed in the period. */
    public record Closed(long won, long lost, BigDecimal wonAmount, BigDecimal conversionRate) {
    }

    /**
     * One RM: open now, won and lost in the period, follow-ups (and of them visits) written in the period.
     * {@code ownerRm} is null for the branch's unassigned opportunities.
     */
    public record OwnerFigures(String ownerRm, String displayName, long open, BigDecimal openAmount, long won,
                               long lost, BigDecimal wonAmount, BigDecimal conversionRate, long followUps,
                               long visits) {
    }

    /** One source: created in the period, won and lost in the period. */
    public record SourceFigures(Source source, long created, long won, long lost, BigDecimal conversionRate) {
    }

    /** The whole answer. */
    public record Pipeline(String branchCode, String ownerRm, LocalDate from, LocalDate to, Open open,
                           List<StageFigures> byStage, long created, Closed closed, List<OwnerFigures> byOwner,
                           List<SourceFigures> bySource, long stalled, long overdueActions) {
    }

    /** The per-branch read model (V36) with the branch, aliases {@code r} and {@code b}. */
    static final String FROM_BRANCH_ROLLUP = " from rollup_branch_day r join branch b on b.id = r.branch_id ";

    private final JdbcClient jdbc;
    private final AppSettingRepository settings;
    private final Clock clock;

    /** won ÷ (won + lost), four decimals, null when nothing closed. */
    public static BigDecimal rate(long won, long lost) {
        return won + lost == 0 ? null
                : BigDecimal.valueOf(won).divide(BigDecimal.valueOf(won + lost), 4, RoundingMode.HALF_UP);
    }

    static BigDecimal cents(BigDecimal v) {
        return (v == null ? BigDecimal.ZERO : v).setScale(2, RoundingMode.HALF_UP);
    }

    /** The stalled days now ({@link PipelineRules#stalledDays}). */
    public int stalledDays() {
        return PipelineRules.stalledDays(settings);
    }

    /** Open opportunities with no follow-up since this instant (and created before it) are stalled. */
    public OffsetDateTime stalledBefore() {
        return PipelineRules.stalledBefore(clock, stalledDays());
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The figures, from the read model where the selection allows ({@link Selection#fromReadModel}, D54). */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public Pipeline of(Selection sel) {
        return of(sel, sel.fromReadModel());
    }

    /** The same figures from the opportunities and follow-ups themselves: what the read model must equal. */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public Pipeline plain(Selection sel) {
        return of(sel, false);
    }

    private Pipeline of(Selection sel, boolean rollup) {
        ScopeSql opp = sel.opportunities("o", "b");
        ScopeSql branchRows = sel.branches("b.path");

        // Open now, by stage; the stage's probability is today's setting.
        record StageSum(Stage stage, int probability, long count, BigDecimal amount, BigDecimal weighted) {
        }
        List<StageSum> stageSums = jdbc.sql("""
                        select s.stage, s.probability, coalesce(x.n, 0) as n, coalesce(x.amount, 0) as amount
                        from stage_setting s left join (%s) x on x.stage = s.stage
                        where s.stage not in ('WON', 'LOST')
                        order by s.sort_order""".formatted(rollup
                        ? """
                        select r.k as stage, sum(r.n) as n, sum(r.amount) as amount %s
                        where r.dim = 'O' and r.day is null and %s group by r.k"""
                                .formatted(FROM_BRANCH_ROLLUP, branchRows.condition())
                        : """
                        select o.stage, count(*) as n, sum(o.amount) as amount %s
                        where o.status = 'OPEN' and %s group by o.stage"""
                                .formatted(PipelineRules.FROM_OPPORTUNITY, opp.condition())))
                .params(rollup ? branchRows.params() : opp.params())
                .query((rs, i) -> {
                    int p = rs.getInt("probability");
                    BigDecimal amount = rs.getBigDecimal("amount");
                    return new StageSum(Stage.valueOf(rs.getString("stage")), p, rs.getLong("n"), amount,
                            amount.multiply(BigDecimal.valueOf(p)).movePointLeft(2));
                })
                .list();
        List<StageFigures> byStage = stageSums.stream().map(s -> new StageFigures(s.stage(), s.probability(),
                s.count(), cents(s.amount()), cents(s.weighted()))).toList();
        Open open = new Open(stageSums.stream().mapToLong(StageSum::count).sum(),
                cents(stageSums.stream().map(StageSum::amount).reduce(BigDecimal.ZERO, BigDecimal::add)),
                cents(stageSums.stream().map(StageSum::weighted).reduce(BigDecimal.ZERO, BigDecimal::add)));

        // Created and closed in the period, by source (the totals are their sums).
        Map<Source, long[]> sourceCounts = new EnumMap<>(Source.class);
        for (Source s : Source.values()) {
            sourceCounts.put(s, new long[3]);
        }
        BigDecimal[] wonAmount = {BigDecimal.ZERO};
        jdbc.sql(rollup
                        ? """
                        select r.k as source, sum(r.n) as created, sum(r.won) as won, sum(r.lost) as lost,
                               sum(r.amount) as won_amount
                        %s
                        where r.dim = 'S' and r.day between :from and :to and %s
                        group by r.k""".formatted(FROM_BRANCH_ROLLUP, branchRows.condition())
                        : """
                        select o.source,
                               count(*) filter (where %2$s) as created,
                               count(*) filter (where %3$s) as won,
                               count(*) filter (where %4$s) as lost,
                               sum(o.won_amount) filter (where %3$s) as won_amount
                        %6$s
                        where %1$s and ((%2$s) or (%5$s))
                        group by o.source""".formatted(opp.condition(), PipelineRules.CREATED_IN_PERIOD,
                        PipelineRules.WON_IN_PERIOD, PipelineRules.LOST_IN_PERIOD, PipelineRules.CLOSED_IN_PERIOD,
                        PipelineRules.FROM_OPPORTUNITY))
                .params(rollup ? branchRows.params() : opp.params()).param("start", sel.start())
                .param("end", sel.end()).param("from", sel.from()).param("to", sel.to())
                .query((rs, i) -> {
                    long[] c = sourceCounts.get(Source.valueOf(rs.getString("source")));
                    c[0] = rs.getLong("created");
                    c[1] = rs.getLong("won");
                    c[2] = rs.getLong("lost");
                    if (rs.getBigDecimal("won_amount") != null) {
                        wonAmount[0] = wonAmount[0].add(rs.getBigDecimal("won_amount"));
                    }
                    return c;
                })
                .list();
        List<SourceFigures> bySource = sourceCounts.entrySet().stream()
                .map(e -> new SourceFigures(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2],
                        rate(e.getValue()[1], e.getValue()[2])))
                .toList();
        long created = bySource.stream().mapToLong(SourceFigures::created).sum();
        long won = bySource.stream().mapToLong(SourceFigures::won).sum();
        long lost = bySource.stream().mapToLong(SourceFigures::lost).sum();
        Closed closed = new Closed(won, lost, cents(wonAmount[0]), rate(won, lost));

        List<OwnerFigures> byOwner = owners(sel, opp, rollup);
        OffsetDateTime before = stalledBefore();
        LocalDate beforeDay = before.atZoneSameInstant(ClockConfig.BANK_ZONE).toLocalDate();
        long stalled = rollup
                // Last touched (created, or the latest follow-up) before the moment: whole days, then that day.
                ? jdbc.sql("""
                                select coalesce((select sum(r.n) from rollup_touch_branch r
                                                 join branch b on b.id = r.branch_id
                                                 where r.day < :beforeDay and %1$s), 0)
                                     + (select count(*) from rollup_open_touch t join branch b on b.id = t.branch_id
                                        where t.touched_at >= :dayStart and t.touched_at < :before and %1$s)"""
                                .formatted(branchRows.condition()))
                        .params(branchRows.params()).param("before", before).param("beforeDay", beforeDay)
                        .param("dayStart", beforeDay.atStartOfDay(ClockConfig.BANK_ZONE).toOffsetDateTime())
                        .query(Long.class).single()
                : jdbc.sql("select count(*)" + PipelineRules.FROM_OPPORTUNITY + "where " + PipelineRules.STALLED
                                + " and " + opp.condition())
                        .params(opp.params()).param("before", before)
                        .query(Long.class).single();
        ScopeSql fu = sel.actions("b");
        long overdue = rollup
                ? jdbc.sql("""
                                select coalesce(sum(r.n), 0)
                                from rollup_action_branch r join branch b on b.id = r.branch_id
                                where r.due < :today and %s""".formatted(branchRows.condition()))
                        .params(branchRows.params()).param("today", today())
                        .query(Long.class).single()
                : jdbc.sql("select count(*)" + PipelineRules.FROM_ACTION
                                + "where " + PipelineRules.OVERDUE + " and "
                                + fu.condition())
                        .params(fu.params()).param("today", today())
                        .query(Long.class).single();
        return new Pipeline(sel.branchCode(), sel.ownerRm(), sel.from(), sel.to(), open, byStage, created, closed,
                byOwner, bySource, stalled, overdue);
    }

    private List<OwnerFigures> owners(Selection sel, ScopeSql opp, boolean rollup) {
        Map<Long, OwnerFigures> rows = new LinkedHashMap<>();
        // Every enabled RM of the selection appears, even with nothing to show.
        String rmCondition = sel.ownerId() != null ? "u.id = :selOwnerId"
                : sel.branchPath() != null ? "b.path like :selBranchPattern escape '\\' and u.role = 'RM' and u.enabled"
                : "u.role = 'RM' and u.enabled";
        Map<String, Object> rmParams = new java.util.HashMap<>();
        if (sel.ownerId() != null) {
            rmParams.put("selOwnerId", sel.ownerId());
        } else if (sel.branchPath() != null) {
            rmParams.put("selBranchPattern", opp.params().get("selBranchPattern"));
        }
        ScopeSql userScope = ScopeSql.of(sel.user().scope(), "u.id", "b.path");
        rmParams.putAll(userScope.params());
        jdbc.sql("select u.id, u.username, u.display_name from staff_user u join branch b on b.id = u.branch_id where "
                        + rmCondition + " and " + userScope.condition())
                .params(rmParams)
                .query((rs, i) -> rows.put(rs.getLong("id"), new OwnerFigures(rs.getString("username"),
                        rs.getString("display_name"), 0,
                        BigDecimal.ZERO.setScale(2), 0, 0, BigDecimal.ZERO.setScale(2), null, 0, 0)))
                .list();
        ScopeSql ownerRows = sel.condition("r.owner_id", "b.path");
        jdbc.sql(rollup
                        ? """
                        select r.owner_id, u.username, u.display_name,
                               sum(r.n) filter (where r.dim = 'O') as open,
                               sum(r.amount) filter (where r.dim = 'O') as open_amount,
                               sum(r.won) filter (where r.dim = 'T') as won,
                               sum(r.lost) filter (where r.dim = 'T') as lost,
                               sum(r.amount) filter (where r.dim = 'T') as won_amount
                        from rollup_owner_day r join branch b on b.id = r.branch_id
                        left join staff_user u on u.id = r.owner_id
                        where %s and ((r.dim = 'O' and r.day is null) or (r.dim = 'T' and r.day between :from and :to))
                        group by r.owner_id, u.username, u.display_name
                        having sum(r.n) filter (where r.dim = 'O') > 0 or sum(r.won) filter (where r.dim = 'T') > 0
                            or sum(r.lost) filter (where r.dim = 'T') > 0""".formatted(ownerRows.condition())
                        : """
                        select o.owner_id, u.username, u.display_name,
                               count(*) filter (where o.status = 'OPEN') as open,
                               sum(o.amount) filter (where o.status = 'OPEN') as open_amount,
                               count(*) filter (where %3$s) as won,
                               count(*) filter (where %4$s) as lost,
                               sum(o.won_amount) filter (where %3$s) as won_amount
                        %6$s
                        left join staff_user u on u.id = o.owner_id
                        where %1$s and (o.status = 'OPEN' or (%5$s))
                        group by o.owner_id, u.username, u.display_name""".formatted(opp.condition(), null,
                        PipelineRules.WON_IN_PERIOD, PipelineRules.LOST_IN_PERIOD, PipelineRules.CLOSED_IN_PERIOD,
                        PipelineRules.FROM_OPPORTUNITY))
                .params(rollup ? ownerRows.params() : opp.params()).param("start", sel.start())
                .param("end", sel.end()).param("from", sel.from()).param("to", sel.to())
                .query((rs, i) -> {
                    long id = rs.getLong("owner_id");
                    Long key = rs.wasNull() ? null : id;
                    long w = rs.getLong("won");
                    long l = rs.getLong("lost");
                    OwnerFigures f = new OwnerFigures(rs.getString("username"), rs.getString("display_name"),
                            rs.getLong("open"), cents(rs.getBigDecimal("open_amount")), w, l,
                            cents(rs.getBigDecimal("won_amount")), rate(w, l), 0, 0);
                    rows.put(key, f);
                    return f;
                })
                .list();
        // Each listed RM's follow-ups are what they wrote, on any customer (D88): the same count as their own
        // selection's, whichever branch's dashboard lists them.
        Long[] listed = rows.keySet().stream().filter(java.util.Objects::nonNull).toArray(Long[]::new);
        jdbc.sql(rollup
                        ? """
                        select f.created_by, sum(f.n) as n, sum(f.visits) as visits
                        from rollup_follow_up_author f
                        where f.day between :from and :to and f.created_by = any(:listed)
                        group by f.created_by"""
                        : """
                        select f.created_by, count(*) as n, count(*) filter (where f.type = 'VISIT') as visits
                        from follow_up f
                        where f.occurred_at >= :start and f.occurred_at < :end and f.created_by = any(:listed)
                        group by f.created_by""")
                .param("listed", listed).param("start", sel.start()).param("end", sel.end())
                .param("from", sel.from()).param("to", sel.to())
                .query((rs, i) -> {
                    long id = rs.getLong("created_by");
                    OwnerFigures base = rows.get(id);
                    if (base == null) {
                        // Someone who owns nothing here (a head, an RM since moved): not on the leaderboard.
                        return null;
                    }
                    OwnerFigures merged = new OwnerFigures(base.ownerRm(), base.displayName(), base.open(),
                            base.openAmount(), base.won(), base.lost(), base.wonAmount(), base.conversionRate(),
                            rs.getLong("n"), rs.getLong("visits"));
                    rows.put(id, merged);
                    return merged;
                })
                .list();
        List<OwnerFigures> list = new ArrayList<>(rows.values());
        list.sort(Comparator.comparing(OwnerFigures::wonAmount).reversed()
                .thenComparing(OwnerFigures::won, Comparator.reverseOrder())
                .thenComparing(f -> f.ownerRm() == null ? "\uffff" : f.ownerRm()));
        return list;
    }
}
