package org.bankcrm.service.alert;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.coverage.CoverageQuery;
import org.bankcrm.service.opportunity.PipelineRules;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The evaluation's SQL, set-based (D38): the enabled codes' conditions as of day D, compared in one statement with
 * the open alerts, make the temporary table {@code alert_change} of what differs; then one statement resolves the
 * open alerts whose record is no longer hit, one raises the hits with no open alert (INSERT … SELECT … ON CONFLICT
 * DO NOTHING on the one-open-alert index) and notifies, one escalates and notifies. Every call runs in the caller's
 * transaction; {@link #lock} serialises evaluations across nodes.
 */
@Component
@RequiredArgsConstructor
class AlertEvaluationStore {

    /** An arbitrary key of this product's own ("ALERTS" in ASCII), distinct from the other advisory locks. */
    private static final long LOCK_KEY = 0x414C45525453L;

    /**
     * The enabled heads who hear about a record of branch {@code %s}: those of the nearest branch up the tree
     * (the branch itself first) that has an enabled head. One row per head, column {@code user_id}.
     */
    private static final String HEADS_OF = """
            (select u.id as user_id from branch rb
             join lateral (select hb.id from branch hb
                           where left(rb.path, length(hb.path)) = hb.path
                             and exists (select 1 from staff_user h where h.branch_id = hb.id
                                         and h.role = 'BRANCH_HEAD' and h.enabled)
                           order by length(hb.path) desc limit 1) nb on true
             join staff_user u on u.branch_id = nb.id and u.role = 'BRANCH_HEAD' and u.enabled
             where rb.id = %s)""";

    /** The record's words and page, over {@code o} (left-joined, null for a customer) and {@code c}. */
    private static final String LABEL = "case when o.id is not null then o.title else c.name end";
    private static final String LINK = "case when o.id is not null then '/opportunities/' || o.id"
            + " else '/customers/' || c.customer_no end";

    /**
     * The columns of a hit, typed, so that the table made from the hits has them whatever the codes asked: the record
     * alone. Its owner, branch and customer are read when a hit is raised, for the few that are new: selecting them
     * for every hit made PostgreSQL read the table where the floor's count reads only an index (CLOSE_DATE_PASSED:
     * 6.6 s against 0.4 s on the generated bank).
     */
    private static final String OPPORTUNITY_HIT = "select cast('%s' as varchar(32)) as code,"
            + " cast('OPPORTUNITY' as varchar(16)) as record_kind, o.id as record_id from opportunity o where ";
    private static final String CUSTOMER_HIT = "select cast('%s' as varchar(32)) as code,"
            + " cast('CUSTOMER' as varchar(16)) as record_kind, %s.id as record_id ";

    /** One code's condition as of day D: the SELECT of the records it hits and its parameters (names unique). */
    record Hits(AlertCode code, String select, Map<String, Object> params) {
    }

    private final JdbcClient jdbc;

    /** Waits for any other evaluation to commit (transaction-scoped advisory lock). */
    void lock() {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().listOfRows();
    }

    /**
     * Refreshes the planner's statistics of {@code alert} (a sample, a fraction of a second): the first evaluation
     * writes a million alerts at once, and the next one, hours later, must not plan its joins for the empty table
     * the statistics may still describe.
     */
    void analyze() {
        jdbc.sql("analyze alert").update();
    }

    long newRun(LocalDate asOf, String by) {
        return jdbc.sql("insert into alert_run (as_of, started_by) values (:asOf, :by) returning id")
                .param("asOf", asOf).param("by", by).query(Long.class).single();
    }

    /**
     * The table of what this evaluation changes, dropped when the transaction ends: the enabled codes' hits (their
     * SELECTs in one {@code UNION ALL}) joined in full with the open alerts, keeping only the two kinds of difference:
     * a hit with no open alert ({@code alert_id} null: to raise) and an open alert with no hit (only {@code alert_id}:
     * to resolve; a code switched off hits nothing, so its alerts are resolved). A nightly run keeps a few thousand
     * rows of a million hits, instead of writing them all and comparing afterwards. One statement, so that PostgreSQL
     * may read the hits with parallel workers (an {@code INSERT … SELECT} may not).
     */
    void collect(List<Hits> hits) {
        Map<String, Object> params = new HashMap<>();
        String union = union(hits, params);
        jdbc.sql("""
                        create temporary table alert_change on commit drop as
                        select h.code, h.record_kind, h.record_id, a.id as alert_id
                        from (%s) h
                        full join (select id, code, record_kind, record_id from alert where status = 'OPEN') a
                          on a.code = h.code and a.record_kind = h.record_kind and a.record_id = h.record_id
                        where h.record_id is null or a.id is null""".formatted(union))
                .params(params).update();
        // Counted, so that the raise reads each new alert's record by its key rather than hashing the opportunity and
        // customer tables for rows the statistics of an unknown table would guess.
        jdbc.sql("analyze alert_change").update();
    }

    /**
     * The codes' SELECTs in one {@code UNION ALL} (a SELECT of nothing when there are none), their parameters put in
     * {@code params}.
     */
    private static String union(List<Hits> hits, Map<String, Object> params) {
        StringBuilder union = new StringBuilder();
        for (Hits h : hits) {
            union.append(union.isEmpty() ? "" : " union all ").append(h.select());
            params.putAll(h.params());
        }
        return union.isEmpty() ? OPPORTUNITY_HIT.formatted("NONE") + "false" : union.toString();
    }

    /** STALLED: open, created before, and no follow-up on or after, the start of bank day D − days. */
    static Hits stalled(LocalDate asOf, int days) {
        return opportunityHits(AlertCode.STALLED, PipelineRules.STALLED,
                Map.of("before", dayStart(asOf.minusDays(days))));
    }

    /** OVERDUE_ACTION: open, with a follow-up whose next action is not done and dated before D − days. */
    static Hits overdueAction(LocalDate asOf, int days) {
        return opportunityHits(AlertCode.OVERDUE_ACTION, "o.status = 'OPEN' and exists (select 1 from follow_up f"
                + " join opportunity fo on fo.id = f.opportunity_id where f.opportunity_id = o.id and "
                + PipelineRules.OVERDUE + ")", Map.of("today", asOf.minusDays(days)));
    }

    /** CLOSE_DATE_PASSED: open, its expected close date before D − days. */
    static Hits closeDatePassed(LocalDate asOf, int days) {
        return opportunityHits(AlertCode.CLOSE_DATE_PASSED,
                "o.status = 'OPEN' and o.expected_close_date < :closeBefore",
                Map.of("closeBefore", asOf.minusDays(days)));
    }

    /** UNWORKED_DISCOVERY: open, discovered, still IDENTIFIED, created before bank day D − days, no follow-up. */
    static Hits unworkedDiscovery(LocalDate asOf, int days) {
        return opportunityHits(AlertCode.UNWORKED_DISCOVERY, """
                o.status = 'OPEN' and o.source = 'DISCOVERY_RULE' and o.stage = 'IDENTIFIED'
                and o.created_at < :createdBefore
                and not exists (select 1 from follow_up f where f.opportunity_id = o.id)""",
                Map.of("createdBefore", dayStart(asOf.minusDays(days))));
    }

    /**
     * CONTACT_OVERDUE: not covered on D by coverage's rule (its due day is D or before: reference-data.md raises it
     * the day the customer stops being covered), and that due day at least {@code days} days back (the grace).
     */
    static Hits contactOverdue(LocalDate asOf, int days) {
        return new Hits(AlertCode.CONTACT_OVERDUE, CUSTOMER_HIT.formatted(AlertCode.CONTACT_OVERDUE.name(), "n")
                + "from (" + CoverageQuery.NOT_COVERED + ") n where n.due_on is null"
                + " or n.due_on + cast(:grace as integer) <= cast(:asOf as date)",
                Map.of("asOf", asOf, "contactBefore", CoverageQuery.contactBefore(asOf), "grace", days));
    }

    /**
     * COMPLAINT_OVERDUE: a customer with an open complaint whose due day is before D − days (days of grace, 0 by
     * default: due yesterday is overdue, due today not yet). One hit per customer, however many complaints.
     */
    static Hits complaintOverdue(LocalDate asOf, int days) {
        return new Hits(AlertCode.COMPLAINT_OVERDUE, CUSTOMER_HIT.formatted(AlertCode.COMPLAINT_OVERDUE.name(), "c")
                + "from customer c where exists (select 1 from complaint k where k.customer_id = c.id"
                + " and k.status = 'OPEN' and k.due_on < :dueBefore)", Map.of("dueBefore", asOf.minusDays(days)));
    }

    private static Hits opportunityHits(AlertCode code, String condition, Map<String, Object> params) {
        return new Hits(code, OPPORTUNITY_HIT.formatted(code.name()) + condition, params);
    }

    /**
     * Resolves every open alert whose record this evaluation did not hit, and marks their unread notifications read:
     * nothing is left to act on. Answers the alerts resolved.
     */
    int resolve(LocalDate asOf) {
        return jdbc.sql("""
                        with res as (
                            update alert a
                            set status = 'RESOLVED', resolved_on = greatest(cast(:asOf as date), a.raised_on)
                            from alert_change c
                            where c.alert_id = a.id and c.record_id is null and a.status = 'OPEN'
                            returning a.id
                        ), seen as (
                            update notification n set read_at = now()
                            from res where n.alert_id = res.id and n.read_at is null
                            returning 1
                        )
                        select count(*) from res""")
                .param("asOf", asOf).query(Integer.class).single();
    }

    /**
     * Takes the evaluation's lock shared, for this transaction, if no evaluation holds it (or waits for it); answers
     * whether it did. Never waits.
     */
    boolean trySharedLock() {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock_shared(:key)").param("key", LOCK_KEY)
                .query(Boolean.class).single());
    }

    /** The latest evaluation's day; 1970-01-01 before the first. */
    LocalDate latestAsOf() {
        return jdbc.sql("select coalesce(max(as_of), date '1970-01-01') from alert_run").query(LocalDate.class)
                .single();
    }

    /** The codes of the open alerts on an opportunity and on a customer (either may be null). */
    Set<AlertCode> openCodes(Long opportunityId, Long customerId) {
        return new HashSet<>(jdbc.sql("""
                        select code from alert where status = 'OPEN'
                        and (record_kind = 'OPPORTUNITY' and opportunity_id = cast(:opp as bigint)
                             or record_kind = 'CUSTOMER' and customer_id = cast(:cust as bigint))""")
                .param("opp", new SqlParameterValue(Types.BIGINT, opportunityId))
                .param("cust", new SqlParameterValue(Types.BIGINT, customerId))
                .query((rs, n) -> AlertCode.valueOf(rs.getString(1))).list());
    }

    /**
     * Resolves, as of {@code asOf}, the open alerts on the opportunity and the customer that {@code hits} (those
     * codes' conditions, restricted here to the two records) no longer hit, and marks their unread notifications
     * read, as {@link #resolve} does for the whole bank. Answers the alerts resolved.
     */
    int settle(List<Hits> hits, LocalDate asOf, Long opportunityId, Long customerId) {
        Map<String, Object> params = new HashMap<>();
        String union = union(hits, params);
        return jdbc.sql("""
                        with still as (
                            select h.code, h.record_kind, h.record_id from (%s) h
                            where h.record_kind = 'OPPORTUNITY' and h.record_id = cast(:settleOpp as bigint)
                               or h.record_kind = 'CUSTOMER' and h.record_id = cast(:settleCust as bigint)
                        ), res as (
                            update alert a
                            set status = 'RESOLVED', resolved_on = greatest(cast(:settledOn as date), a.raised_on)
                            where a.status = 'OPEN'
                              and (a.record_kind = 'OPPORTUNITY' and a.opportunity_id = cast(:settleOpp as bigint)
                                   or a.record_kind = 'CUSTOMER' and a.customer_id = cast(:settleCust as bigint))
                              and a.code in (%s)
                              and not exists (select 1 from still s where s.code = a.code
                                              and s.record_kind = a.record_kind and s.record_id = a.record_id)
                            returning a.id
                        ), seen as (
                            update notification n set read_at = now()
                            from res where n.alert_id = res.id and n.read_at is null
                            returning 1
                        )
                        select count(*) from res""".formatted(union, codes(hits)))
                .params(params).param("settledOn", asOf)
                .param("settleOpp", new SqlParameterValue(Types.BIGINT, opportunityId))
                .param("settleCust", new SqlParameterValue(Types.BIGINT, customerId)).query(Integer.class).single();
    }

    private static String codes(List<Hits> hits) {
        return hits.isEmpty() ? "null" : hits.stream().map(h -> "'" + h.code().name() + "'")
                .collect(Collectors.joining(","));
    }

    /**
     * Raises an alert for every hit with no open alert of its code and record, and notifies the record's owner (the
     * heads of its branch when it has none, or when its owner is disabled and would never read it). Answers the
     * notifications written. The comparison with the open alerts was made by {@link #collect}, before this INSERT
     * grows the table (inside it, with the statistics of an empty table on a first evaluation, the planner scanned
     * the table once per hit, which never ended at bank size); the conflict clause stays as the guard.
     */
    int raise(LocalDate asOf, long runId) {
        return jdbc.sql("""
                        with ins as (
                            insert into alert (code, record_kind, record_id, opportunity_id, customer_id, owner_id,
                                               branch_id, raised_on, run_id)
                            select h.code, h.record_kind, h.record_id, ro.id, coalesce(ro.customer_id, rc.id),
                                   coalesce(ro.owner_id, rc.owner_id), coalesce(ro.branch_id, rc.branch_id), :asOf, :run
                            from alert_change h
                            left join opportunity ro on h.record_kind = 'OPPORTUNITY' and ro.id = h.record_id
                            left join customer rc on h.record_kind = 'CUSTOMER' and rc.id = h.record_id
                            where h.alert_id is null
                            on conflict (code, record_kind, record_id) where status = 'OPEN' do nothing
                            returning id, code, opportunity_id, customer_id, owner_id, branch_id
                        ), rcpt as (
                            select ins.*, ins.owner_id as user_id from ins
                            join staff_user ow on ow.id = ins.owner_id and ow.enabled
                            union all
                            select ins.*, hd.user_id from ins cross join lateral %s hd
                            where not exists (select 1 from staff_user ow where ow.id = ins.owner_id and ow.enabled)
                        )
                        insert into notification (user_id, kind, alert_id, title_key, title_args, link)
                        select r.user_id, 'ALERT', r.id, 'notification.alert.' || r.code, array[%s], %s
                        from rcpt r left join opportunity o on o.id = r.opportunity_id
                        join customer c on c.id = r.customer_id""".formatted(HEADS_OF.formatted("ins.branch_id"),
                        LABEL, LINK))
                .param("asOf", asOf).param("run", runId).update();
    }

    /** The alerts the run raised, per code. */
    Map<String, Integer> raisedBy(long runId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("select code, count(*) as n from alert where run_id = :run group by code")
                .param("run", runId).query(rs -> {
                    counts.put(rs.getString("code"), rs.getInt("n"));
                });
        return counts;
    }

    /**
     * Escalates, once, every open alert raised at least its code's escalate-after-days before D, and notifies the
     * heads of its record's branch as it is now. Answers {escalated, notifications written}.
     */
    int[] escalate(LocalDate asOf) {
        return jdbc.sql("""
                        with esc as (
                            update alert a set escalated_on = :asOf from alert_setting s
                            where s.code = a.code and a.status = 'OPEN' and a.escalated_on is null
                              and a.raised_on <= cast(:asOf as date) - s.escalate_after_days
                            returning a.id, a.code, a.opportunity_id, a.customer_id, a.branch_id
                        ), cur as (
                            select esc.id, esc.code, esc.branch_id,
                                   %s as label, %s as link
                            from esc left join opportunity o on o.id = esc.opportunity_id
                            join customer c on c.id = esc.customer_id
                        ), sent as (
                            insert into notification (user_id, kind, alert_id, title_key, title_args, link)
                            select hd.user_id, 'ESCALATION', cur.id, 'notification.escalation.' || cur.code,
                                   array[cur.label], cur.link
                            from cur cross join lateral %s hd
                            returning 1
                        )
                        select (select count(*) from esc) as escalated, (select count(*) from sent) as notified"""
                        .formatted(LABEL, LINK, HEADS_OF.formatted("cur.branch_id")))
                .param("asOf", asOf)
                .query((rs, n) -> new int[] {rs.getInt("escalated"), rs.getInt("notified")}).single();
    }

    void finish(long runId, String raisedJson, int resolved, int escalated, int notified) {
        jdbc.sql("""
                        update alert_run set raised = cast(:raised as jsonb), resolved = :resolved,
                            escalated = :escalated, notified = :notified, finished_at = now()
                        where id = :id""")
                .param("raised", raisedJson).param("resolved", resolved).param("escalated", escalated)
                .param("notified", notified).param("id", runId).update();
    }

    /** The first instant of bank day {@code day}. */
    private static Timestamp dayStart(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(Period.BANK_ZONE).toInstant());
    }
}
