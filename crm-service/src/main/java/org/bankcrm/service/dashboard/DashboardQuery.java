package org.bankcrm.service.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.referral.ReferralChannel;
import org.bankcrm.service.opportunity.PipelineRules;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.ClockConfig;
import org.bankcrm.service.shared.ReadFromReplica;
import org.bankcrm.service.target.TargetAttainmentQuery;
import org.bankcrm.service.target.TargetAttainmentQuery.Attainment;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The branch dashboard page: the contract's pipeline figures plus funnel and stage conversion, cycle time,
 * referral channels against served counts, product categories, the weekly trend, customer structure and
 * the first lines of the stalled and overdue lists. Read models in SQL over the {@link Selection}.
 *
 * <p>Over 250 lines: one query per section of one page (funnel, categories, channels, weeks, tiers, sizes) with
 * the records it returns; each section's SQL sits beside the code that reads it. The rules they share are in
 * {@link org.bankcrm.service.opportunity.PipelineRules}.
 */
@Service
@RequiredArgsConstructor
public class DashboardQuery {

    /** How many of the period's cohort reached a stage, and the share of them that went on to the next. */
    public record FunnelStep(Stage stage, long reached, BigDecimal toNext) {
    }

    /** One product category: open now; created, won (count, amount), lost in the period. */
    public record CategoryFigures(ProductCategory category, long open, BigDecimal openAmount, long created, long won,
                                  BigDecimal wonAmount, long lost, BigDecimal conversionRate) {
    }

    /**
     * One referral channel in the period: referrals made, opportunities created from them, won and lost; customers
     * served where entered, the referral rate (referrals ÷ served) and the documents' benchmark for the channel.
     * {@code conversionRate} is the closed-deal rate won ÷ (won + lost), null when none closed;
     * {@code referralConversion} the domain's referral conversion won ÷ referrals, null when no referrals.
     */
    public record ChannelFigures(ReferralChannel channel, long referrals, long created, long won, long lost,
                                 BigDecimal conversionRate, BigDecimal referralConversion, Long served,
                                 BigDecimal referralRate, BigDecimal benchmark) {
    }

    /** One week (Monday to Sunday) of the trend. */
    public record Week(LocalDate monday, long created, long won, BigDecimal wonAmount, long followUps) {
    }

    /** Customers and AUM of one tier; {@code contribution} for corporate tiers. */
    public record TierFigures(String type, String tier, long customers, BigDecimal aum, BigDecimal contribution) {
    }

    /** Corporate customers of one size. */
    public record SizeFigures(CompanySize size, long customers) {
    }

    /** The whole page. {@code cycleDays} is the average of creation → won over the period's won, null if none. */
    public record Page(Selection selection, PipelineQuery.Pipeline pipeline, BigDecimal cycleDays,
                       List<FunnelStep> funnel, List<CategoryFigures> byCategory, List<ChannelFigures> byChannel,
                       List<Week> weeks, List<TierFigures> tiers, List<SizeFigures> sizes, int stalledDays,
                       List<DashboardListQueries.OpportunityLine> stalled,
                       List<DashboardListQueries.ActionLine> overdue,
                       List<Attainment> attainment) {

        public Week thisWeek() {
            return weeks.get(weeks.size() - 1);
        }

        public Week lastWeek() {
            return weeks.get(weeks.size() - 2);
        }
    }

    /**
     * The customers as rows of the read model's shape ({@code rollup_customer_structure}: one customer each), so that
     * the tier and size figures read either with one statement.
     */
    private static final String CUSTOMER_COUNTED = """
            (select id, branch_id, owner_id, type, tier, company_size, 1 as n, aum,
                    annual_contribution as contribution from customer)""";

    static final Map<ReferralChannel, BigDecimal> BENCHMARKS = Map.of(
            ReferralChannel.LOBBY, new BigDecimal("0.10"), ReferralChannel.COUNTER, new BigDecimal("0.05"));

    private final JdbcClient jdbc;
    private final PipelineQuery pipelineReport;
    private final DashboardListQueries lists;
    private final TargetAttainmentQuery targets;

    /** The page, its figures from the read model where the selection allows ({@link Selection#fromReadModel}). */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public Page of(Selection sel) {
        return of(sel, sel.fromReadModel());
    }

    /** The same page from the records themselves: what the read model must equal (D54). */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public Page plain(Selection sel) {
        return of(sel, false);
    }

    private Page of(Selection sel, boolean rollup) {
        PipelineQuery.Pipeline p = rollup ? pipelineReport.of(sel) : pipelineReport.plain(sel);
        ScopeSql opp = sel.opportunities("o", "b");
        ScopeSql rows = sel.branches("b.path");
        BigDecimal cycle = rollup
                ? jdbc.sql("""
                                select case when sum(r.won) > 0 then round(sum(r.secs) / sum(r.won) / 86400, 1) end
                                %s where r.dim = 'S' and r.day between :from and :to and %s"""
                                .formatted(PipelineQuery.FROM_BRANCH_ROLLUP, rows.condition()))
                        .params(rows.params()).param("from", sel.from()).param("to", sel.to())
                        .query(BigDecimal.class).optional().orElse(null)
                : jdbc.sql("""
                                select round(avg(extract(epoch from (o.closed_at - o.created_at)) / 86400)::numeric, 1)
                                %s
                                where %s and %s"""
                                .formatted(PipelineRules.FROM_OPPORTUNITY, PipelineRules.WON_IN_PERIOD,
                                        opp.condition()))
                        .params(opp.params()).param("start", sel.start()).param("end", sel.end())
                        .query(BigDecimal.class).optional().orElse(null);
        return new Page(sel, p, cycle, funnel(sel, opp, rollup), categories(sel, opp, rollup),
                channels(sel, rollup), weeks(sel, rollup), tiers(sel, rollup), sizes(sel, rollup),
                pipelineReport.stalledDays(),
                lists.firstOpportunities(sel, DashboardListQueries.Measure.STALLED, 10), lists.firstOverdue(sel, 10),
                attainment(sel, rollup));
    }

    /** Target attainment: the targets within the selection whose period overlaps the selection's. */
    @Transactional(readOnly = true)
    public List<Attainment> attainment(Selection sel) {
        return attainment(sel, true);
    }

    /** The pipeline coverage from the read model (exact, whoever asks), or from the opportunities for the oracle. */
    private List<Attainment> attainment(Selection sel, boolean rollup) {
        if (!AccessPolicy.mayWorkOnRecords(sel.user())) {
            return List.of();
        }
        ScopeSql scope = sel.condition(TargetAttainmentQuery.OWNER_COLUMN, TargetAttainmentQuery.PATH_COLUMN);
        return rollup ? targets.attainment(scope, sel.from(), sel.to()) : targets.plain(scope, sel.from(), sel.to());
    }

    /**
     * The cohort created in the period: the furthest open stage (or WON) each reached, from its current stage
     * and its STAGE and REOPENED history. Reaching a stage counts as reaching every stage before it.
     */
    private List<FunnelStep> funnel(Selection sel, ScopeSql opp, boolean rollup) {
        long[] atLeast = new long[7];
        ScopeSql rows = sel.branches("b.path");
        jdbc.sql(rollup
                        ? """
                        select r.k::integer as r, sum(r.n) as n %s
                        where r.dim = 'R' and r.day between :from and :to and %s
                        group by r.k""".formatted(PipelineQuery.FROM_BRANCH_ROLLUP, rows.condition())
                        : """
                        select r, count(*) as n from (
                            select %s as r
                            %s
                            where %s and %s) x
                        group by r""".formatted(PipelineRules.REACHED_RANK, PipelineRules.FROM_OPPORTUNITY,
                        PipelineRules.CREATED_IN_PERIOD, opp.condition()))
                .params(rollup ? rows.params() : opp.params()).param("start", sel.start()).param("end", sel.end())
                .param("from", sel.from()).param("to", sel.to())
                .query((rs, i) -> {
                    int r = rs.getInt("r");
                    for (int k = 1; k <= r; k++) {
                        atLeast[k] += rs.getLong("n");
                    }
                    return r;
                })
                .list();
        List<FunnelStep> steps = new ArrayList<>();
        Stage[] order = {Stage.IDENTIFIED, Stage.CONTACTED, Stage.QUALIFIED, Stage.PROPOSAL, Stage.NEGOTIATION,
                Stage.WON};
        for (int k = 1; k <= 6; k++) {
            BigDecimal toNext = k == 6 || atLeast[k] == 0 ? null
                    : BigDecimal.valueOf(atLeast[k + 1])
                            .divide(BigDecimal.valueOf(atLeast[k]), 4, RoundingMode.HALF_UP);
            steps.add(new FunnelStep(order[k - 1], atLeast[k], toNext));
        }
        return steps;
    }

    private List<CategoryFigures> categories(Selection sel, ScopeSql opp, boolean rollup) {
        Map<ProductCategory, CategoryFigures> rows = new EnumMap<>(ProductCategory.class);
        ScopeSql branchRows = sel.branches("b.path");
        jdbc.sql(rollup
                        ? """
                        select p.category,
                               sum(r.n) filter (where r.dim = 'Q') as open,
                               sum(r.amount) filter (where r.dim = 'Q') as open_amount,
                               sum(r.n) filter (where r.dim = 'P') as created,
                               sum(r.won) filter (where r.dim = 'P') as won,
                               sum(r.amount) filter (where r.dim = 'P') as won_amount,
                               sum(r.lost) filter (where r.dim = 'P') as lost
                        %s
                        join product p on p.code = r.k
                        where %s and ((r.dim = 'Q' and r.day is null) or (r.dim = 'P' and r.day between :from and :to))
                        group by p.category
                        having sum(r.n) filter (where r.dim = 'Q') > 0 or sum(r.n) filter (where r.dim = 'P') > 0
                            or sum(r.won) filter (where r.dim = 'P') > 0
                            or sum(r.lost) filter (where r.dim = 'P') > 0"""
                        .formatted(PipelineQuery.FROM_BRANCH_ROLLUP, branchRows.condition())
                        : """
                        select p.category,
                               count(*) filter (where o.status = 'OPEN') as open,
                               sum(o.amount) filter (where o.status = 'OPEN') as open_amount,
                               count(*) filter (where %2$s) as created,
                               count(*) filter (where %3$s) as won,
                               sum(o.won_amount) filter (where %3$s) as won_amount,
                               count(*) filter (where %4$s) as lost
                        %6$s
                        join product p on p.code = o.product_code
                        where %1$s and (o.status = 'OPEN' or (%2$s) or (%5$s))
                        group by p.category""".formatted(opp.condition(), PipelineRules.CREATED_IN_PERIOD,
                        PipelineRules.WON_IN_PERIOD, PipelineRules.LOST_IN_PERIOD, PipelineRules.CLOSED_IN_PERIOD,
                        PipelineRules.FROM_OPPORTUNITY))
                .params(rollup ? branchRows.params() : opp.params()).param("start", sel.start())
                .param("end", sel.end()).param("from", sel.from()).param("to", sel.to())
                .query((rs, i) -> {
                    long won = rs.getLong("won");
                    long lost = rs.getLong("lost");
                    CategoryFigures c = new CategoryFigures(ProductCategory.valueOf(rs.getString("category")),
                            rs.getLong("open"), PipelineQuery.cents(rs.getBigDecimal("open_amount")),
                            rs.getLong("created"), won, PipelineQuery.cents(rs.getBigDecimal("won_amount")), lost,
                            PipelineQuery.rate(won, lost));
                    rows.put(c.category(), c);
                    return c;
                })
                .list();
        return new ArrayList<>(rows.values());
    }

    /**
     * Referrals of the period by channel with their opportunities' created, won and lost (by the referral's branch and,
     * for an RM, by the opportunity's owner or else the suggested RM), and the customers served where entered.
     */
    private List<ChannelFigures> channels(Selection sel, boolean rollup) {
        Map<ReferralChannel, long[]> counts = new EnumMap<>(ReferralChannel.class);
        for (ReferralChannel c : ReferralChannel.values()) {
            counts.put(c, new long[4]);
        }
        RowMapper<long[]> counted = (rs, i) -> {
            long[] c = counts.get(ReferralChannel.valueOf(rs.getString("channel")));
            c[0] = rs.getLong("referrals");
            c[1] = rs.getLong("created");
            c[2] = rs.getLong("won");
            c[3] = rs.getLong("lost");
            return c;
        };
        ScopeSql branches = sel.branches("b.path");
        if (rollup) {
            jdbc.sql("""
                            select r.channel, sum(r.n) filter (where r.dim = 'R') as referrals,
                                   sum(r.n) filter (where r.dim = 'C') as created,
                                   sum(r.n) filter (where r.dim = 'W') as won,
                                   sum(r.n) filter (where r.dim = 'L') as lost
                            from rollup_referral_day r join branch b on b.id = r.branch_id
                            where r.day between :from and :to and %s
                            group by r.channel""".formatted(branches.condition()))
                    .params(branches.params()).param("from", sel.from()).param("to", sel.to())
                    .query(counted).list();
        } else {
            ScopeSql ref = sel.condition("coalesce(o.owner_id, r.suggested_rm_id)", "b.path");
            jdbc.sql("""
                            select r.channel,
                                   count(*) filter (where r.created_at >= :start and r.created_at < :end) as referrals,
                                   count(o.id) filter (where %2$s) as created,
                                   count(o.id) filter (where %3$s) as won,
                                   count(o.id) filter (where %4$s) as lost
                            from referral r join branch b on b.id = r.branch_id
                            left join opportunity o on o.id = r.opportunity_id
                            where %1$s and ((r.created_at >= :start and r.created_at < :end) or (%2$s) or (%5$s))
                            group by r.channel""".formatted(ref.condition(), PipelineRules.CREATED_IN_PERIOD,
                            PipelineRules.WON_IN_PERIOD, PipelineRules.LOST_IN_PERIOD,
                            PipelineRules.CLOSED_IN_PERIOD))
                    .params(ref.params()).param("start", sel.start()).param("end", sel.end())
                    .query(counted).list();
        }
        Map<ReferralChannel, Long> served = new EnumMap<>(ReferralChannel.class);
        if (branches != null) {
            jdbc.sql("""
                            select cs.channel, sum(cs.served) as served
                            from channel_served cs join branch b on b.id = cs.branch_id
                            where cs.day between :from and :to and %s group by cs.channel"""
                            .formatted(branches.condition()))
                    .params(branches.params()).param("from", sel.from()).param("to", sel.to())
                    .query((rs, i) -> served.put(ReferralChannel.valueOf(rs.getString("channel")),
                            rs.getLong("served")))
                    .list();
        }
        List<ChannelFigures> rows = new ArrayList<>();
        counts.forEach((channel, c) -> {
            Long s = served.get(channel);
            BigDecimal rate = s == null || s == 0 ? null
                    : BigDecimal.valueOf(c[0]).divide(BigDecimal.valueOf(s), 4, RoundingMode.HALF_UP);
            BigDecimal referralConversion = c[0] == 0 ? null
                    : BigDecimal.valueOf(c[2]).divide(BigDecimal.valueOf(c[0]), 4, RoundingMode.HALF_UP);
            rows.add(new ChannelFigures(channel, c[0], c[1], c[2], c[3], PipelineQuery.rate(c[2], c[3]),
                    referralConversion, s, rate, BENCHMARKS.get(channel)));
        });
        return rows;
    }

    /** The last twelve weeks up to the week of the period's end (or of today, if earlier). */
    private List<Week> weeks(Selection sel, boolean rollup) {
        LocalDate today = pipelineReport.today();
        LocalDate last = (sel.to().isBefore(today) ? sel.to() : today)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate first = last.minusWeeks(11);
        Selection span = new Selection(sel.user(), sel.branchCode(), sel.branchName(), sel.branchPath(), sel.ownerId(),
                sel.ownerRm(), first, last.plusDays(6));
        Map<LocalDate, long[]> counts = new LinkedHashMap<>();
        Map<LocalDate, BigDecimal> amounts = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusWeeks(1)) {
            counts.put(d, new long[3]);
            amounts.put(d, BigDecimal.ZERO);
        }
        if (rollup) {
            weeksFromRollup(span, counts, amounts);
        } else {
            plainWeeks(span, counts, amounts);
        }
        List<Week> weeks = new ArrayList<>();
        counts.forEach((d, c) -> weeks.add(new Week(d, c[0], c[1], PipelineQuery.cents(amounts.get(d)), c[2])));
        return weeks;
    }

    /** Created, won and follow-ups by week (Monday) of the span's bank days, from the read model. */
    private void weeksFromRollup(Selection span, Map<LocalDate, long[]> counts, Map<LocalDate, BigDecimal> amounts) {
        ScopeSql rows = span.branches("b.path");
        jdbc.sql("""
                        select date_trunc('week', r.day::timestamp)::date as week, sum(r.n) as n, sum(r.won) as won,
                               sum(r.amount) as won_amount
                        %s where r.dim = 'S' and r.day between :from and :to and %s group by 1"""
                        .formatted(PipelineQuery.FROM_BRANCH_ROLLUP, rows.condition()))
                .params(rows.params()).param("from", span.from()).param("to", span.to())
                .query((rs, i) -> {
                    LocalDate w = rs.getObject("week", LocalDate.class);
                    counts.get(w)[0] = rs.getLong("n");
                    counts.get(w)[1] = rs.getLong("won");
                    amounts.put(w, rs.getBigDecimal("won_amount"));
                    return w;
                }).list();
        jdbc.sql("""
                        select date_trunc('week', f.day::timestamp)::date as week, sum(f.n) as n
                        from rollup_follow_up_branch f join branch b on b.id = f.branch_id
                        where f.day between :from and :to and %s group by 1""".formatted(rows.condition()))
                .params(rows.params()).param("from", span.from()).param("to", span.to())
                .query((rs, i) -> counts.get(rs.getObject("week", LocalDate.class))[2] = rs.getLong("n")).list();
    }

    private void plainWeeks(Selection span, Map<LocalDate, long[]> counts, Map<LocalDate, BigDecimal> amounts) {
        String zone = "'" + ClockConfig.BANK_ZONE.getId() + "'";
        ScopeSql opp = span.opportunities("o", "b");
        jdbc.sql("select date_trunc('week', o.created_at at time zone " + zone + ")::date as week, count(*) as n"
                        + PipelineRules.FROM_OPPORTUNITY + "where " + PipelineRules.CREATED_IN_PERIOD + " and "
                        + opp.condition() + " group by 1")
                .params(opp.params()).param("start", span.start()).param("end", span.end())
                .query((rs, i) -> counts.get(rs.getObject("week", LocalDate.class))[0] = rs.getLong("n")).list();
        jdbc.sql("select date_trunc('week', o.closed_at at time zone " + zone + ")::date as week, count(*) as n,"
                        + " sum(o.won_amount) as won_amount" + PipelineRules.FROM_OPPORTUNITY + "where "
                        + PipelineRules.WON_IN_PERIOD + " and " + opp.condition() + " group by 1")
                .params(opp.params()).param("start", span.start()).param("end", span.end())
                .query((rs, i) -> {
                    LocalDate w = rs.getObject("week", LocalDate.class);
                    counts.get(w)[1] = rs.getLong("n");
                    amounts.put(w, rs.getBigDecimal("won_amount"));
                    return w;
                }).list();
        ScopeSql fu = span.followUps("f", "b");
        jdbc.sql("select date_trunc('week', f.occurred_at at time zone " + zone + ")::date as week, count(*) as n"
                        + PipelineRules.FROM_FOLLOW_UP + "where f.occurred_at >= :start and f.occurred_at < :end and "
                        + fu.condition() + " group by 1")
                .params(fu.params()).param("start", span.start()).param("end", span.end())
                .query((rs, i) -> counts.get(rs.getObject("week", LocalDate.class))[2] = rs.getLong("n")).list();
    }

    /** Every tier of the thresholds with its customers, from the customers or the read model's counts of them. */
    private List<TierFigures> tiers(Selection sel, boolean rollup) {
        ScopeSql cust = rollup ? sel.branches("b.path") : sel.customers("c", "b");
        return jdbc.sql("""
                        select t.customer_type, t.tier, coalesce(sum(c.n), 0) as customers,
                               coalesce(sum(c.aum), 0) as aum, coalesce(sum(c.contribution), 0) as contribution
                        from tier_threshold t
                        left join (%s c join branch b on b.id = c.branch_id)
                               on c.type = t.customer_type and c.tier = t.tier and %s
                        group by t.customer_type, t.tier, t.sort_order
                        order by t.customer_type desc, t.sort_order desc""".formatted(
                        rollup ? "rollup_customer_structure" : CUSTOMER_COUNTED, cust.condition()))
                .params(cust.params())
                .query((rs, i) -> new TierFigures(rs.getString("customer_type"), rs.getString("tier"),
                        rs.getLong("customers"), PipelineQuery.cents(rs.getBigDecimal("aum")),
                        PipelineQuery.cents(rs.getBigDecimal("contribution"))))
                .list();
    }

    private List<SizeFigures> sizes(Selection sel, boolean rollup) {
        ScopeSql cust = rollup ? sel.branches("b.path") : sel.customers("c", "b");
        Map<CompanySize, Long> n = new EnumMap<>(CompanySize.class);
        for (CompanySize s : CompanySize.values()) {
            n.put(s, 0L);
        }
        jdbc.sql("""
                        select c.company_size, sum(c.n) as n from %s c join branch b on b.id = c.branch_id
                        where c.type = 'CORPORATE' and c.company_size is not null and %s
                        group by c.company_size""".formatted(
                        rollup ? "rollup_customer_structure" : CUSTOMER_COUNTED, cust.condition()))
                .params(cust.params())
                .query((rs, i) -> n.put(CompanySize.valueOf(rs.getString("company_size")), rs.getLong("n"))).list();
        List<SizeFigures> rows = new ArrayList<>();
        n.forEach((s, c) -> rows.add(new SizeFigures(s, c)));
        return rows;
    }
}
