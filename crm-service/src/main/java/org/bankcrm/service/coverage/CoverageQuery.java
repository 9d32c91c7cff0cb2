package org.bankcrm.service.coverage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.ContactStatus;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Coverage read model (D29). A customer's last contact on day D is the latest follow-up of one of its tier's
 * contact types that occurred before the end of bank day D, logged on the customer or on any of its opportunities
 * (every follow-up carries its customer). {@link #LAST_CONTACT_AT} is that rule in SQL (for every list and count
 * in the form {@link #LAST_CONTACT_PER_CUSTOMER}); {@link ContactStatus} the rest of it (covered, due, overdue).
 * <p>
 * Counts and lists share one shape ({@link #inScope}): the customers of a {@link Selection} whose tier has a
 * standard, each with its last contact computed once, one probe of {@code follow_up_contact_idx} per customer.
 */
@Component
@RequiredArgsConstructor
public class CoverageQuery {

    /**
     * The instant of the last contact of customer {@code c} under standard {@code s}, before {@code :contactBefore}
     * (the start of the day after D in the bank's zone): for each of the standard's types, the newest such
     * follow-up, one short backward range read from {@code follow_up_contact_idx} alone (limit 1); the latest of
     * those. Written per type because a plain {@code max(...) where type = any(...)} lets the planner walk the
     * customer's follow-ups of every type newest first instead, reading each row for its type.
     */
    static final String LAST_CONTACT_AT = "(select max(x.occurred_at) " + lastContactsFrom() + ")";

    /** The rows {@link #LAST_CONTACT_AT} takes the latest of: per type of the standard, its newest contact. */
    private static String lastContactsFrom() {
        return """
                from unnest(s.contact_types) as t(type)
                cross join lateral (select f.occurred_at from follow_up f
                                    where f.customer_id = c.id and f.type = t.type and f.occurred_at < :contactBefore
                                    order by f.occurred_at desc limit 1) x""";
    }

    /** {@link #LAST_CONTACT_AT} as a bank day. */
    static final String LAST_CONTACT_ON = "(" + LAST_CONTACT_AT + " at time zone '" + Period.BANK_ZONE.getId()
            + "')::date";

    /**
     * {@link #LAST_CONTACT_ON} of each customer {@code c} under its standard {@code s}, as a lateral join giving
     * {@code lc.last_contact_on}: for lists and counts over many customers. Its aggregate keeps the lateral
     * subquery one step per customer; the scalar subquery, selected in a CTE and used more than once (the due day,
     * whether it is covered, the order), was pulled up and copied into each use, one set of index probes per use:
     * 52 ms against 7 ms for an RM's ~800 customers at bank size (docs/benchmarks.md).
     */
    private static final String LAST_CONTACT_PER_CUSTOMER = """
            cross join lateral (select (max(x.occurred_at) at time zone '%s')::date as last_contact_on %s) lc"""
            .formatted(Period.BANK_ZONE.getId(), lastContactsFrom());

    /**
     * The customers not covered on {@code :asOf}, bank-wide, among the tiers with a standard: never contacted, or
     * whose due day (last contact + contact days) is on or before {@code :asOf}. Columns {@code id, owner_id,
     * branch_id, due_on} (null when never contacted); parameters {@code :asOf} and {@code :contactBefore}
     * ({@link #contactBefore}). The rule of {@link #inScope} for features that act on the uncovered customers (the
     * CONTACT_OVERDUE alert), so that there is one copy of it; the last contact from
     * {@link #LAST_CONTACT_PER_CUSTOMER}, as in every list and count.
     */
    public static final String NOT_COVERED = """
            select c.id, c.owner_id, c.branch_id, lc.last_contact_on + s.contact_days as due_on
            from customer c
            join service_standard s on s.tier = c.tier and s.contact_days is not null
            %s
            where not coalesce(lc.last_contact_on + s.contact_days > cast(:asOf as date), false)"""
            .formatted(LAST_CONTACT_PER_CUSTOMER);

    /** Figures of one group (a tier, an RM, the total): {@code coverageRate} null when there are no customers. */
    public record Figures(long customers, long covered, BigDecimal coverageRate) {
        static Figures of(long customers, long covered) {
            return new Figures(customers, covered, rate(covered, customers));
        }

        /** Customers not covered on the day. */
        public long uncovered() {
            return customers - covered;
        }
    }

    /** A tier's line: its standard and its figures. */
    public record TierLine(Tier tier, int contactDays, long customers, long covered, BigDecimal coverageRate) {
        public long uncovered() {
            return customers - covered;
        }
    }

    /** An owner RM's line; {@code ownerRm} null for the customers with no owner. */
    public record OwnerLine(String ownerRm, String displayName, long customers, long covered,
                            BigDecimal coverageRate) {
        public long uncovered() {
            return customers - covered;
        }
    }

    /** A customer not covered on the day asked (due list). */
    public record DueLine(String customerNo, String name, String customerType, Tier tier, String ownerRm,
                          LocalDate lastContactOn, LocalDate dueOn, Long overdueDays) {
    }

    /** {@link #book}: the figures in total, the number of due lines and the first of them. */
    public record Book(Figures total, long dueCount, List<DueLine> firstDue) {
    }

    /** A due list narrowed to one tier (null: all) and/or to the customers with no owner. */
    public record Narrow(Tier tier, boolean unowned) {
        public static final Narrow NONE = new Narrow(null, false);
    }

    private final JdbcClient jdbc;

    /** The customer's standing on {@code asOf}; empty when there is no such customer. */
    public Optional<ContactStatus> contactOf(long customerId, LocalDate asOf) {
        return jdbc.sql("select s.contact_days, " + LAST_CONTACT_ON + " as last_contact_on"
                        + " from customer c left join service_standard s on s.tier = c.tier where c.id = :id")
                .param("id", customerId).param("contactBefore", contactBefore(asOf))
                .query((rs, n) -> {
                    int days = rs.getInt("contact_days");
                    Integer contactDays = rs.wasNull() ? null : days;
                    LocalDate last = rs.getObject("last_contact_on", LocalDate.class);
                    return new ContactStatus(contactDays, last, asOf);
                }).optional();
    }

    /**
     * The one shape of every coverage figure and list: a CTE {@code cov} of the selection's customers whose tier
     * has a standard, with {@code last_contact_on} (as of {@code :asOf}) and {@code due_on}, and {@code covered}
     * on {@code :asOf}. {@code tier} narrows to one tier when not null.
     */
    private static String inScope(Selection sel, Narrow narrow, Map<String, Object> params) {
        ScopeSql scope = sel.customers("c", "b");
        params.putAll(scope.params());
        params.put("asOf", sel.to());
        params.put("contactBefore", contactBefore(sel.to()));
        String tierCondition = "";
        if (narrow.tier() != null) {
            tierCondition = " and c.tier = :tier";
            params.put("tier", narrow.tier().name());
        }
        if (narrow.unowned()) {
            tierCondition += " and c.owner_id is null";
        }
        return """
                with last as (
                    select c.id, c.customer_no, c.name, c.type, c.tier, c.owner_id, s.contact_days,
                           lc.last_contact_on
                    from customer c
                    join branch b on b.id = c.branch_id
                    join service_standard s on s.tier = c.tier and s.contact_days is not null
                    %s
                    where %s%s
                ), cov as (
                    select l.*, l.last_contact_on + l.contact_days as due_on,
                           coalesce(l.last_contact_on + l.contact_days > cast(:asOf as date), false) as covered
                    from last l
                )
                """.formatted(LAST_CONTACT_PER_CUSTOMER, scope.condition(), tierCondition);
    }

    private static final String BY_TIER = """
            select tier, count(*) as customers, count(*) filter (where covered) as covered
            from cov group by tier""";

    /** On the due list of {@code :asOf + :within}: never contacted, or due on or before that day. */
    private static final String DUE_WITHIN =
            "cov.due_on is null or cov.due_on <= cast(:asOf as date) + cast(:within as integer)";

    /** The due list's order: never contacted first, then the most overdue, then by number. */
    private static final String DUE_ORDER = "due_on nulls first, customer_no";

    private static final String DUE = """
            select cov.customer_no, cov.name, cov.type, cov.tier, u.username, cov.last_contact_on, cov.due_on
            from cov left join staff_user u on u.id = cov.owner_id
            where %s
            order by %s
            offset :offset limit :limit""".formatted(DUE_WITHIN, DUE_ORDER);

    /**
     * The plans PostgreSQL chooses for the by-tier figures and for a first page of the due list of a selection
     * (EXPLAIN, not run): for the benchmark and the test that the last contact is an index probe per customer.
     */
    public List<String> plans(Selection sel) {
        Map<String, Object> params = new HashMap<>();
        String figures = inScope(sel, Narrow.NONE, params) + BY_TIER;
        params.put("within", 7);
        params.put("offset", 0);
        params.put("limit", 10);
        String due = inScope(sel, Narrow.NONE, params) + DUE;
        return List.of(String.join("\n", jdbc.sql("explain " + figures).params(params).query(String.class).list()),
                String.join("\n", jdbc.sql("explain " + due).params(params).query(String.class).list()));
    }

    /** Per tier with a standard (every such tier, in the order of {@link Tier}), on the selection's day. */
    public List<TierLine> byTier(Selection sel, List<ServiceStandard> standards) {
        Map<String, Object> params = new HashMap<>();
        String sql = inScope(sel, Narrow.NONE, params) + BY_TIER;
        Map<Tier, long[]> counts = new HashMap<>();
        jdbc.sql(sql).params(params).query(rs -> {
            counts.put(Tier.valueOf(rs.getString("tier")),
                    new long[] {rs.getLong("customers"), rs.getLong("covered")});
        });
        List<TierLine> lines = new ArrayList<>();
        for (ServiceStandard s : standards) {
            if (!s.hasStandard()) {
                continue;
            }
            long[] c = counts.getOrDefault(s.tier(), new long[2]);
            lines.add(new TierLine(s.tier(), s.contactDays(), c[0], c[1], rate(c[1], c[0])));
        }
        return lines;
    }

    /** Per owner RM, by username, the customers with no owner last; only owners with customers in scope. */
    public List<OwnerLine> byOwner(Selection sel) {
        Map<String, Object> params = new HashMap<>();
        String sql = inScope(sel, Narrow.NONE, params) + """
                select u.username, u.display_name, count(*) as customers, count(*) filter (where cov.covered) as covered
                from cov left join staff_user u on u.id = cov.owner_id
                group by u.username, u.display_name
                order by u.username nulls last""";
        return jdbc.sql(sql).params(params).query((rs, n) -> {
            long customers = rs.getLong("customers");
            long covered = rs.getLong("covered");
            return new OwnerLine(rs.getString("username"), rs.getString("display_name"), customers, covered,
                    rate(covered, customers));
        }).list();
    }

    /**
     * The customers not covered on {@code asOf + within} (their due day on or before it), never contacted first,
     * then the most overdue, then by number; as of the selection's day (later follow-ups do not count).
     */
    public List<DueLine> due(Selection sel, Narrow narrow, int within, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String sql = inScope(sel, narrow, params) + DUE;
        params.put("within", within);
        params.put("offset", offset);
        params.put("limit", limit);
        LocalDate asOf = sel.to();
        return jdbc.sql(sql).params(params).query((rs, n) -> dueLine(rs, asOf)).list();
    }

    private static DueLine dueLine(java.sql.ResultSet rs, LocalDate asOf) throws java.sql.SQLException {
        LocalDate last = rs.getObject("last_contact_on", LocalDate.class);
        LocalDate dueOn = rs.getObject("due_on", LocalDate.class);
        Long overdue = dueOn == null ? null : Math.max(0, asOf.toEpochDay() - dueOn.toEpochDay());
        return new DueLine(rs.getString("customer_no"), rs.getString("name"), rs.getString("type"),
                Tier.valueOf(rs.getString("tier")), rs.getString("username"), last, dueOn, overdue);
    }

    /**
     * A book at a glance (My day): the selection's figures in total, how many lines {@link #due} has, and its first
     * {@code limit} lines, from one statement, so that each customer's last contact is computed once, not three
     * times ({@link #byTier}, {@link #countDue}, {@link #due}).
     */
    public Book book(Selection sel, int within, int limit) {
        Map<String, Object> params = new HashMap<>();
        String sql = inScope(sel, Narrow.NONE, params) + """
                , due as (
                    select cov.* from cov where %1$s
                )
                select t.customers, t.covered, t.due_count, d.customer_no, d.name, d.type, d.tier, u.username,
                       d.last_contact_on, d.due_on
                from (select count(*) as customers, count(*) filter (where cov.covered) as covered,
                             (select count(*) from due) as due_count
                      from cov) t
                left join lateral (select * from due order by %2$s limit :limit) d on true
                left join staff_user u on u.id = d.owner_id
                order by %2$s""".formatted(DUE_WITHIN, DUE_ORDER);
        params.put("within", within);
        params.put("limit", limit);
        LocalDate asOf = sel.to();
        long[] counts = new long[3];
        List<DueLine> lines = new ArrayList<>();
        jdbc.sql(sql).params(params).query(rs -> {
            counts[0] = rs.getLong("customers");
            counts[1] = rs.getLong("covered");
            counts[2] = rs.getLong("due_count");
            if (rs.getString("customer_no") != null) {
                lines.add(dueLine(rs, asOf));
            }
        });
        return new Book(Figures.of(counts[0], counts[1]), counts[2], lines);
    }

    /** How many lines {@link #due} has in all. */
    public long countDue(Selection sel, Narrow narrow, int within) {
        Map<String, Object> params = new HashMap<>();
        String sql = inScope(sel, narrow, params) + """
                select count(*) from cov where %s""".formatted(DUE_WITHIN);
        params.put("within", within);
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /**
     * Every line of {@link #due}, in its order, from one query (exports; the caller has checked the count against
     * the export limit).
     */
    public void eachDue(Selection sel, Narrow narrow, int within, Consumer<DueLine> each) {
        due(sel, narrow, within, 0, Integer.MAX_VALUE).forEach(each);
    }

    /** covered ÷ customers, 4 decimals half up; null when there are no customers. */
    static BigDecimal rate(long covered, long customers) {
        return customers == 0 ? null
                : BigDecimal.valueOf(covered).divide(BigDecimal.valueOf(customers), 4, RoundingMode.HALF_UP);
    }

    /** The end of bank day {@code asOf}, the exclusive bound of the follow-ups that count on it. */
    public static Timestamp contactBefore(LocalDate asOf) {
        return Timestamp.from(asOf.plusDays(1).atStartOfDay(Period.BANK_ZONE).toInstant());
    }
}
