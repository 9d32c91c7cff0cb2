package org.bankcrm.service.opportunity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.bankcrm.domain.opportunity.Stalled;
import org.bankcrm.domain.settings.AppSetting;
import org.bankcrm.domain.settings.AppSettingRepository;

/**
 * The pipeline's rules as SQL, each defined once and named: the dashboard's figures, the lists behind them and My
 * day all build their queries from these fragments, so that a figure and its list cannot disagree, and a rule
 * changes in one place. A constant holder, not a query: it runs nothing. Aliases: {@code o} an opportunity and
 * {@code b} its branch; {@code f} a follow-up, {@code c} its customer and {@code fo} its opportunity (if any,
 * {@link #FROM_ACTION}).
 */
public final class PipelineRules {

    /** Opportunities with their branch. */
    public static final String FROM_OPPORTUNITY = " from opportunity o join branch b on b.id = o.branch_id ";

    /** Follow-ups with their customer and the customer's branch. */
    public static final String FROM_FOLLOW_UP = " from follow_up f join customer c on c.id = f.customer_id"
            + " join branch b on b.id = c.branch_id ";


    /** Created in the period [{@code :start}, {@code :end}). */
    public static final String CREATED_IN_PERIOD = "o.created_at >= :start and o.created_at < :end";

    /** Closed (won or lost) in the period [{@code :start}, {@code :end}). */
    public static final String CLOSED_IN_PERIOD = "o.closed_at >= :start and o.closed_at < :end";

    /** Won in the period. */
    public static final String WON_IN_PERIOD = "o.status = 'WON' and " + CLOSED_IN_PERIOD;

    /** Lost in the period. */
    public static final String LOST_IN_PERIOD = "o.status = 'LOST' and " + CLOSED_IN_PERIOD;

    /** The first half of {@link #STALLED}: open and created before {@code :before}. */
    public static final String OPEN_BEFORE = "o.status = 'OPEN' and o.created_at < :before";

    /** The second half of {@link #STALLED}: no follow-up at or after {@code :before}. */
    public static final String UNTOUCHED_SINCE =
            "not exists (select 1 from follow_up sf where sf.opportunity_id = o.id and sf.occurred_at >= :before)";

    /**
     * Stalled ({@link Stalled}): open, with no follow-up at or after {@code :before} and created before it. Its two
     * halves apart, for a list that tests the second only on the first's rows in their order ({@link #OPEN_BEFORE},
     * {@link #UNTOUCHED_SINCE}).
     */
    public static final String STALLED = OPEN_BEFORE + "\nand " + UNTOUCHED_SINCE;

    /**
     * Next actions with whose they are to do now (D43): one on an opportunity belongs to the opportunity's owner and
     * branch, one on a customer alone to the customer's; {@code f} the follow-up, {@code fo} its opportunity,
     * {@code c} its customer, {@code b} the branch. My day and the dashboard's overdue actions count the same rows.
     */
    public static final String FROM_ACTION = " from follow_up f join customer c on c.id = f.customer_id"
            + " left join opportunity fo on fo.id = f.opportunity_id"
            + " join branch b on b.id = case when fo.id is null then c.branch_id else fo.branch_id end ";

    /** Whose a next action of {@link #FROM_ACTION} is now: the opportunity's owner, else the customer's. */
    public static final String ACTION_OWNER = "(case when fo.id is null then c.owner_id else fo.owner_id end)";

    /** A next action not done, on a customer alone or on an opportunity still open. */
    public static final String ACTION_PENDING = "not f.next_action_done and (fo.id is null or fo.status = 'OPEN')";

    /**
     * {@link #ACTION_PENDING} for the actions on an opportunity, {@code fo} joined (not left-joined): the status as a
     * condition of its own, so that the planner reads an owner's open opportunities by the owner's index on
     * (owner, status) rather than all of them (My day at bank size: 2,000 opportunities an RM, 230–470 open).
     */
    public static final String ACTION_PENDING_ON_OPPORTUNITY = "not f.next_action_done and fo.status = 'OPEN'";

    /** {@link #ACTION_PENDING} for the actions on a customer alone, with no opportunity to join. */
    public static final String ACTION_PENDING_ON_CUSTOMER = "f.opportunity_id is null and not f.next_action_done";

    /** Overdue: a pending next action ({@link #ACTION_PENDING}) due before {@code :today}. */
    public static final String OVERDUE = "f.next_action_date < :today and " + ACTION_PENDING;

    /** The open stages and WON in their order, for {@link #REACHED_RANK}. */
    public static final String RANKS = "array['IDENTIFIED','CONTACTED','QUALIFIED','PROPOSAL','NEGOTIATION','WON']";

    /**
     * Reached a stage: the rank (1 = IDENTIFIED … 6 = WON) of the furthest stage an opportunity {@code o} reached,
     * its current stage or any stage its STAGE and REOPENED history moved it to. Reaching a stage counts as reaching
     * every stage before it. The funnel counts by it, and the list behind a funnel step selects by it.
     */
    public static final String REACHED_RANK = """
            greatest(coalesce(array_position(%s, o.stage::text), 0),
                     coalesce((select max(array_position(%s, h.to_value::text)) from opportunity_history h
                               where h.opportunity_id = o.id and h.event in ('STAGE', 'REOPENED')), 0),
                     1)""".formatted(RANKS, RANKS);

    /** Reached at least the stage {@code :param} ({@link #REACHED_RANK}). */
    public static String reachedAtLeast(String param) {
        return REACHED_RANK + " >= array_position(" + RANKS + ", :" + param + ")";
    }

    private PipelineRules() {
    }

    /** The stalled days now: the admin's setting, else the default ({@link Stalled}). */
    public static int stalledDays(AppSettingRepository settings) {
        return Stalled.days(settings.findById(Stalled.SETTING).map(AppSetting::intValue).orElse(null));
    }

    /** The value of {@code :before} in {@link #STALLED} for {@code days} stalled days at the clock's now. */
    public static OffsetDateTime stalledBefore(Clock clock, int days) {
        return Stalled.before(clock.instant(), days).atOffset(ZoneOffset.UTC);
    }
}
