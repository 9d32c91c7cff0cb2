package org.bankcrm.service.myday;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.settings.AppSettingRepository;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.discovery.Evidence;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.opportunity.PipelineRules;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.QueryPlans;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "My day" (journey 1): what an RM works on today, each item linking to where it is worked. Read models in
 * SQL over the caller's own records; a head gets the same lists over their branch subtree.
 */
@Service
@RequiredArgsConstructor
public class MyDayQuery {

    /** A planned visit for today. */
    public record Visit(long id, String customerNo, String customerName, String purpose, Long opportunityId) {
    }

    /**
     * A next action from a follow-up: on an opportunity ({@code opportunityId} set, with its {@code productCode}) or
     * on the customer alone. {@code owner} is the username of the follow-up's author; {@code ownerName} the display
     * name of whose to-do it is now (the opportunity's owner, or the customer's), null when nobody owns it.
     * {@code nextAction} is in full for whoever may reveal the customer's personal data, masked for everyone else (a
     * team member, the opportunity's owner when another RM owns the customer), as on the opportunity page.
     */
    public record Action(long followUpId, String nextAction, LocalDate due, Long opportunityId, String title,
                         String customerNo, String customerName, String owner, String productCode,
                         String ownerName) {
    }

    /** A referral waiting for a decision; {@code referrer} is the referring user's display name. */
    public record WaitingReferral(long id, String customerNo, String customerName, String need, String referrer,
                                  Instant createdAt) {
    }

    /**
     * An opportunity line. {@code lastTouch} is the last follow-up, or creation when there is none; {@code evidence}
     * what the discovery rules saw, for a system-discovered one; {@code owner} the owner's login and
     * {@code ownerName} their display name (both null when nobody owns it).
     */
    public record Item(long id, String title, String customerName, Stage stage, BigDecimal amount,
                       LocalDate expectedCloseDate, BigDecimal score, String band, String sourceDetail,
                       List<Evidence> evidence, Instant lastTouch, String owner, String ownerName) {
    }

    /** Everything on the page. */
    public record Day(LocalDate today, int stalledDays, List<Visit> visits, List<Action> dueToday,
                      List<Action> overdue, List<WaitingReferral> referrals, List<Item> discovered, List<Item> top,
                      List<Item> stalled) {
    }

    private static final String ITEM_COLUMNS = """
            o.id, o.title, c.name as customer_name, o.stage, o.amount, o.expected_close_date, o.score, o.band,
            o.source_detail, o.evidence,
            coalesce((select max(f.occurred_at) from follow_up f where f.opportunity_id = o.id), o.created_at)
                as last_touch, u.username as owner, u.display_name as owner_name
            from opportunity o join customer c on c.id = o.customer_id join branch b on b.id = o.branch_id
            left join staff_user u on u.id = o.owner_id
            """;

    /**
     * The next actions due up to {@code :today}, the day's and the overdue, each its first 50 by due date (and id),
     * from one statement (D75): the window numbers ids and dates only, and the texts, customers and names are read for
     * the hundred it keeps. The limit of 100 (two lists of 50) changes no row; it tells the planner how few there are,
     * which it cannot tell from the window's condition (at 5x the data it took them for 165,000 and joined the bank's
     * customers by a sequential scan: 1.9 s). {@code %1$s} is the source of the actions on opportunities (rows id,
     * next_action_date), {@code %2$s} the scope over the customer's owner and branch for the actions on a customer
     * alone, {@code %3$s} pending on a customer alone.
     */
    private static final String ACTIONS = """
            select f.id, f.next_action, f.next_action_date, fo.id as opp_id, fo.title, c.customer_no, c.name,
                   a.username, fo.product_code, ow.display_name as owner_name, co.username as customer_owner,
                   cb.path as customer_branch_path
            from (
                select x.id from (
                    select w.id, row_number() over (partition by w.next_action_date = :today
                                                    order by w.next_action_date, w.id) as nth
                    from (
                        (%1$s)
                        union all
                        select f.id, f.next_action_date
                        from follow_up f join customer c on c.id = f.customer_id
                        where f.next_action_date <= :today and %3$s and %2$s) w) x
                where x.nth <= 50
                limit 100) y
            join follow_up f on f.id = y.id
            left join opportunity fo on fo.id = f.opportunity_id
            join customer c on c.id = f.customer_id join staff_user a on a.id = f.created_by
            left join staff_user ow on ow.id = case when fo.id is null then c.owner_id else fo.owner_id end
            left join staff_user co on co.id = c.owner_id
            join branch cb on cb.id = c.branch_id
            order by f.next_action_date, f.id""";

    /**
     * The actions on opportunities from the read model ({@code rollup_open_action}, V45, D76): those of the scope's
     * owner or branches read from its indexes alone, with a team member's own actions on their teams' opportunities
     * (D44; the owner sees those too) added from the follow-ups. {@code %1$s} the scope over the read model's owner and
     * branch, {@code %2$s} the team condition, {@code %3$s} pending on an open opportunity.
     */
    private static final String ON_OPPORTUNITIES = """
            select ra.follow_up_id as id, ra.due as next_action_date
            from rollup_open_action ra
            where ra.due <= :today and %1$s
            union
            select f.id, f.next_action_date
            from follow_up f join opportunity fo on fo.id = f.opportunity_id
            where f.next_action_date <= :today and %3$s and f.created_by = :memberUserId and %2$s""";

    /** The same from the follow-ups and opportunities themselves: what the read model must equal. */
    private static final String ON_OPPORTUNITIES_PLAIN = """
            select f.id, f.next_action_date
            from follow_up f join opportunity fo on fo.id = f.opportunity_id
            where f.next_action_date <= :today and %3$s and (%1$s or f.created_by = :memberUserId and %2$s)""";

    private final JdbcClient jdbc;
    private final QueryPlans queryPlans;
    private final AppSettingRepository settings;
    private final Clock clock;

    @Transactional(readOnly = true)
    public Day of(CurrentUser user) {
        AccessPolicy.requireMayWorkOnRecords(user);
        // D60: every statement below is planned for its values (today, this user), never from a cached generic plan.
        queryPlans.customForThisTransaction();
        LocalDate today = LocalDate.now(clock);
        int stalledDays = PipelineRules.stalledDays(settings);
        ScopeSql scope = ScopeSql.of(user.scope(), "o.owner_id", "b.path");
        // Waiting referrals: those suggested to the RM, or in the head's subtree.
        ScopeSql referralScope = ScopeSql.of(user.scope(), "r.suggested_rm_id", "b.path");
        OffsetDateTime stalledBefore = PipelineRules.stalledBefore(clock, stalledDays);

        List<Visit> visits = jdbc.sql("""
                        select v.id, c.customer_no, c.name, v.purpose, v.opportunity_id, co.username as customer_owner,
                               cb.path as customer_branch_path
                        from visit_plan v join customer c on c.id = v.customer_id
                        join branch cb on cb.id = c.branch_id left join staff_user co on co.id = c.owner_id
                        where v.rm_id = :me and v.planned_on = :today and v.status = 'PLANNED'
                        order by v.id""")
                .param("me", user.id()).param("today", today)
                // a purpose someone else wrote (a visit that came with an opportunity) is masked as a follow-up is
                .query((rs, i) -> new Visit(rs.getLong("id"), rs.getString("customer_no"), rs.getString("name"),
                        AccessPolicy.textFor(user, rs.getString("customer_owner"), rs.getString("customer_branch_path"),
                                rs.getString("purpose")), (Long) rs.getObject("opportunity_id")))
                .list();

        List<Action> upToToday = actions(user, today, true);
        List<Action> due = upToToday.stream().filter(a -> a.due().equals(today)).toList();
        List<Action> overdue = upToToday.stream().filter(a -> a.due().isBefore(today)).toList();

        List<WaitingReferral> referrals = jdbc.sql("""
                        select r.id, c.customer_no, c.name, r.need, u.display_name, r.created_at
                        from referral r join customer c on c.id = r.customer_id
                        join staff_user u on u.id = r.referrer_id
                        join branch b on b.id = r.branch_id
                        where r.status = 'NEW' and %s
                        order by r.created_at limit 50""".formatted(referralScope.condition()))
                .params(referralScope.params())
                .query((rs, i) -> new WaitingReferral(rs.getLong("id"), rs.getString("customer_no"),
                        rs.getString("name"), Masking.inText(rs.getString("need")), rs.getString("display_name"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();

        // The ten discovered best and the twenty stalled longest: the inner statement picks their ids, for a head from
        // the open opportunities' branch indexes alone (V46; the stalled test of "no follow-up since" only on the
        // oldest in turn, until it has twenty); the outer reads the lines of those (D76). Before, a head's two lists
        // read the page of every open opportunity of the subtree. The inner statements use the aliases of the scope's
        // condition (o, b). The ten best by score (top, below) need no such index: in the bank's score order a
        // subtree's ten come early.
        List<Item> discovered = items("select " + ITEM_COLUMNS + """
                where o.id in (select o.id from opportunity o join branch b on b.id = o.branch_id
                               where o.status = 'OPEN' and o.source = 'DISCOVERY_RULE' and o.stage = 'IDENTIFIED'
                                 and %s
                               order by o.score desc nulls last, o.created_at desc, o.id desc limit 10)
                order by o.score desc nulls last, o.created_at desc, o.id desc""".formatted(scope.condition()),
                scope, null);
        List<Item> top = items("select " + ITEM_COLUMNS + """
                where o.status = 'OPEN' and %s
                order by o.score desc nulls last, o.expected_close_date, o.id limit 10""".formatted(scope.condition()),
                scope, null);
        List<Item> stalled = items("select " + ITEM_COLUMNS + """
                where o.id in (select o.id
                               from (select o.id, o.created_at from opportunity o join branch b on b.id = o.branch_id
                                     where %s and %s order by o.created_at, o.id) o
                               where %s
                               order by o.created_at, o.id limit 20)
                order by o.created_at, o.id""".formatted(PipelineRules.OPEN_BEFORE, scope.condition(),
                PipelineRules.UNTOUCHED_SINCE), scope, stalledBefore);
        return new Day(today, stalledDays, visits, due, overdue, referrals, discovered, top, stalled);
    }

    /**
     * The next actions due up to today of My day, from the read model: the day's and the overdue, each its first 50.
     * A next action belongs to whoever owns what it is about now: the opportunity's current owner (so it moves with a
     * reassignment), or for a follow-up on the customer alone, the customer's owner; never its author.
     */
    @Transactional(readOnly = true)
    public List<Action> actions(CurrentUser user) {
        AccessPolicy.requireMayWorkOnRecords(user);
        return actions(user, LocalDate.now(clock), true);
    }

    /** The same from the follow-ups and opportunities themselves: what the read model must equal. */
    @Transactional(readOnly = true)
    public List<Action> plainActions(CurrentUser user) {
        AccessPolicy.requireMayWorkOnRecords(user);
        return actions(user, LocalDate.now(clock), false);
    }

    private List<Action> actions(CurrentUser user, LocalDate today, boolean readModel) {
        // Every scope by branch id, not path (D75): a head's subtree is one array, read by a branch index. All of them
        // come from the same scope, so they share their parameters and values.
        ScopeSql customerActions = ScopeSql.ofBranchIds(user.scope(), "c.owner_id", "c.branch_id");
        ScopeSql member = ScopeSql.memberOf(user.id(), "fo.id");
        ScopeSql owned = readModel ? ScopeSql.ofBranchIds(user.scope(), "ra.owner_id", "ra.branch_id")
                : ScopeSql.ofBranchIds(user.scope(), "fo.owner_id", "fo.branch_id");
        String onOpportunities = (readModel ? ON_OPPORTUNITIES : ON_OPPORTUNITIES_PLAIN)
                .formatted(owned.condition(), member.condition(), PipelineRules.ACTION_PENDING_ON_OPPORTUNITY);
        Map<String, Object> params = new HashMap<>(owned.params());
        params.putAll(customerActions.params());
        params.putAll(member.params());
        return jdbc.sql(ACTIONS.formatted(onOpportunities, customerActions.condition(),
                        PipelineRules.ACTION_PENDING_ON_CUSTOMER))
                .param("today", today).params(params)
                .query((rs, i) -> new Action(rs.getLong("id"),
                        AccessPolicy.textFor(user, rs.getString("customer_owner"), rs.getString("customer_branch_path"),
                                rs.getString("next_action")),
                        rs.getObject("next_action_date", LocalDate.class), (Long) rs.getObject("opp_id"),
                        rs.getString("title"), rs.getString("customer_no"), rs.getString("name"),
                        rs.getString("username"), rs.getString("product_code"), rs.getString("owner_name")))
                .list();
    }

    private List<Item> items(String sql, ScopeSql scope, OffsetDateTime before) {
        var spec = jdbc.sql(sql).params(scope.params());
        if (before != null) {
            spec = spec.param("before", before);
        }
        return spec.query((rs, i) -> new Item(rs.getLong("id"), rs.getString("title"), rs.getString("customer_name"),
                        Stage.valueOf(rs.getString("stage")), rs.getBigDecimal("amount"),
                        rs.getObject("expected_close_date", LocalDate.class), rs.getBigDecimal("score"),
                        rs.getString("band"), rs.getString("source_detail"), Evidence.parse(rs.getString("evidence")),
                        rs.getTimestamp("last_touch").toInstant(), rs.getString("owner"),
                        rs.getString("owner_name")))
                .list();
    }
}
