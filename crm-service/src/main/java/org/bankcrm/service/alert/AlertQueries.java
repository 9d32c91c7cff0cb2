package org.bankcrm.service.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.Paged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Alerts and runs as read: every list scoped in its query by the record as it is now (an opportunity's owner and
 * branch, a customer's for a customer's alert), like the opportunities themselves; the alert row carries both,
 * kept current by triggers (D52).
 */
@Component
@RequiredArgsConstructor
public class AlertQueries {

    /**
     * An alert with its record's owner {@code u} and branch {@code rb} as they are now: {@code alert.owner_id} and
     * {@code branch_id}, which triggers keep current (V29, D52), so counts over a million alerts read no record.
     */
    private static final String FROM = """
             from alert a
             join branch rb on rb.id = a.branch_id
             left join staff_user u on u.id = a.owner_id
            """;
    /** The alert's record, for what names it: {@code o} (null for a customer's alert) and {@code c}. */
    private static final String RECORD = """
             left join opportunity o on o.id = a.opportunity_id
             join customer c on c.id = a.customer_id
            """;
    /** Whose an alert's record is now (kept current, D52). */
    static final String OWNER = "a.owner_id";
    private static final String COLUMNS = """
            select a.id, a.code, a.opportunity_id, c.customer_no, u.username, u.display_name,
                   case when a.opportunity_id is not null then o.title else c.name end as label,
                   a.raised_on, a.escalated_on, a.resolved_on, a.status""";

    /**
     * A filter of the alert list; null fields do not filter. {@code branchPath} narrows to the records of a branch
     * subtree (by the record's branch now), {@code escalated} to the escalated alerts (or those that are not).
     */
    public record Filter(String status, AlertCode code, String owner, String branchPath, Boolean escalated) {

        /** The open alerts, unnarrowed. */
        static Filter open() {
            return new Filter("OPEN", null, null, null, null);
        }
    }

    /** The open alerts of a selection: in all, escalated, and per code (codes with none left out). */
    public record Figures(long open, long escalated, Map<AlertCode, Long> byCode) {
    }

    /** Open alerts of one owner (null: none) and code, for the head's page. */
    public record OwnerCodeCount(String ownerRm, String ownerName, AlertCode code, long open, long escalated) {
    }

    /** An alert on My day with the days that say why ({@code days} null when there is no day to count from). */
    public record Attention(AlertView alert, Long days, Long customerId) {
    }

    private final JdbcClient jdbc;

    public Paged<AlertView> list(Scope scope, Filter filter, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        String where = where(scope, filter, params);
        long total = jdbc.sql("select count(*)" + FROM + where).params(params).query(Long.class).single();
        params.put("offset", (long) page * size);
        params.put("limit", size);
        List<AlertView> items = jdbc.sql(COLUMNS + FROM + RECORD + where
                        + " order by a.status, a.raised_on desc, a.id desc offset :offset limit :limit")
                .params(params).query((rs, n) -> view(rs)).list();
        return new Paged<>(items, page, size, total);
    }

    /** The open alerts in scope counted by current owner and code. */
    public List<OwnerCodeCount> openByOwnerAndCode(Scope scope, String branchPath) {
        Map<String, Object> params = new HashMap<>();
        String where = where(scope, new Filter("OPEN", null, null, branchPath, null), params);
        return jdbc.sql("select u.username, u.display_name, a.code, count(*) as n,"
                        + " count(*) filter (where a.escalated_on is not null) as esc" + FROM + where
                        + " group by u.username, u.display_name, a.code order by u.username nulls last, a.code")
                .params(params).query((rs, n) -> new OwnerCodeCount(rs.getString("username"),
                        rs.getString("display_name"), AlertCode.valueOf(rs.getString("code")), rs.getLong("n"),
                        rs.getLong("esc"))).list();
    }

    /**
     * The open alerts of a selection counted by code, with the same condition as {@link #list} under the filter
     * {@code open} narrowed by {@code owner} and {@code branchPath}: a figure and the list behind it count the same
     * rows.
     */
    public Figures figures(Scope scope, String owner, String branchPath) {
        Map<String, Object> params = new HashMap<>();
        String where = where(scope, new Filter("OPEN", null, owner, branchPath, null), params);
        Map<AlertCode, Long> byCode = new java.util.EnumMap<>(AlertCode.class);
        long[] escalated = {0};
        jdbc.sql("select a.code, count(*) as n, count(*) filter (where a.escalated_on is not null) as esc" + FROM
                        + where + " group by a.code")
                .params(params).query(rs -> {
                    byCode.put(AlertCode.valueOf(rs.getString("code")), rs.getLong("n"));
                    escalated[0] += rs.getLong("esc");
                });
        long open = byCode.values().stream().mapToLong(Long::longValue).sum();
        return new Figures(open, escalated[0], byCode);
    }

    /**
     * The open alerts on the records {@code userId} owns now, with the days that say why as of {@code today}:
     * since the last follow-up (or creation) for STALLED, since the oldest pending next action for OVERDUE_ACTION,
     * since the expected close date, since discovered,
     * since the earliest open complaint's due day; CONTACT_OVERDUE's days come from coverage (the caller).
     */
    public List<Attention> attentionOf(Scope scope, LocalDate today, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(scope, Filter.open(), params);
        params.put("today", today);
        params.put("limit", limit);
        String zone = Period.BANK_ZONE.getId();
        return jdbc.sql(COLUMNS + ", a.customer_id, case a.code"
                        + " when 'STALLED' then cast(:today as date) - (coalesce((select max(f.occurred_at) from"
                        + " follow_up f where f.opportunity_id = o.id), o.created_at) at time zone '" + zone
                        + "')::date"
                        + " when 'OVERDUE_ACTION' then cast(:today as date) - (select min(f.next_action_date) from"
                        + " follow_up f where f.opportunity_id = o.id and not f.next_action_done)"
                        + " when 'CLOSE_DATE_PASSED' then cast(:today as date) - o.expected_close_date"
                        + " when 'UNWORKED_DISCOVERY' then cast(:today as date) - (o.created_at at time zone '"
                        + zone + "')::date"
                        + " when 'COMPLAINT_OVERDUE' then cast(:today as date) - (select min(k.due_on) from"
                        + " complaint k where k.customer_id = a.customer_id and k.status = 'OPEN')"
                        + " end as days" + FROM + RECORD + where
                        + " order by a.raised_on, a.id limit :limit")
                .params(params).query((rs, n) -> {
                    long d = rs.getLong("days");
                    Long days = rs.wasNull() ? null : d;
                    return new Attention(view(rs), days, rs.getLong("customer_id"));
                }).list();
    }

    public Optional<AlertRun> run(long id) {
        return jdbc.sql(RUN + " where id = :id").param("id", id).query((rs, n) -> run(rs)).optional();
    }

    public List<AlertRun> runs(int limit) {
        return jdbc.sql(RUN + " order by started_at desc, id desc limit :limit").param("limit", limit)
                .query((rs, n) -> run(rs)).list();
    }

    private static final String RUN = """
            select id, as_of, resolved, escalated, notified, started_at, finished_at, started_by,
                   (select string_agg(key || '=' || value, ',' order by key) from jsonb_each_text(raised)) as raised
            from alert_run""";

    private static AlertRun run(ResultSet rs) throws SQLException {
        Map<String, Integer> raised = new LinkedHashMap<>();
        for (AlertCode c : AlertCode.values()) {
            raised.put(c.name(), 0);
        }
        String pairs = rs.getString("raised");
        if (pairs != null) {
            for (String pair : pairs.split(",")) {
                String[] kv = pair.split("=");
                raised.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        return new AlertRun(rs.getLong("id"), rs.getObject("as_of", LocalDate.class), raised,
                rs.getInt("resolved"), rs.getInt("escalated"), rs.getInt("notified"),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
                rs.getString("started_by"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String where(Scope scope, Filter filter, Map<String, Object> params) {
        ScopeSql s = ScopeSql.of(scope, OWNER, "rb.path");
        params.putAll(s.params());
        StringBuilder w = new StringBuilder(" where ").append(s.condition());
        if (filter.status() != null) {
            w.append(" and a.status = :status");
            params.put("status", filter.status());
        }
        if (filter.code() != null) {
            w.append(" and a.code = :code");
            params.put("code", filter.code().name());
        }
        if (filter.owner() != null) {
            w.append(" and u.username = :owner");
            params.put("owner", filter.owner());
        }
        if (filter.branchPath() != null) {
            w.append(" and rb.path like :branchPattern escape '\\'");
            params.put("branchPattern", Scope.subtreePattern(filter.branchPath()));
        }
        if (filter.escalated() != null) {
            w.append(filter.escalated() ? " and a.escalated_on is not null" : " and a.escalated_on is null");
        }
        return w.toString();
    }

    private static AlertView view(ResultSet rs) throws SQLException {
        long opp = rs.getLong("opportunity_id");
        Long opportunityId = rs.wasNull() ? null : opp;
        return new AlertView(rs.getLong("id"), AlertCode.valueOf(rs.getString("code")), opportunityId,
                rs.getString("customer_no"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("label"), rs.getObject("raised_on", LocalDate.class),
                rs.getObject("escalated_on", LocalDate.class), rs.getObject("resolved_on", LocalDate.class),
                rs.getString("status"));
    }
}
