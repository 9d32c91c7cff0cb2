package org.bankcrm.service.complaint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.complaint.ComplaintCategory;
import org.bankcrm.domain.complaint.ComplaintRules;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Complaints' SQL. Every read carries a visibility condition ({@link ScopeSql}) over the customer as it is now
 * ({@code c.owner_id}, {@code b.path}), or, for a referrer, over who registered it ({@code k.registered_by}).
 */
@Component
@RequiredArgsConstructor
class ComplaintStore {

    /** A complaint with its customer {@code c}, the customer's branch {@code b}, owner {@code u}, author {@code r}. */
    static final String FROM = """
             from complaint k
             join customer c on c.id = k.customer_id
             join branch b on b.id = c.branch_id
             left join staff_user u on u.id = c.owner_id
             join staff_user r on r.id = k.registered_by
            """;
    private static final String COLUMNS = """
            select k.id, c.customer_no, c.name, k.category, k.text, k.status, k.received_on, k.due_on,
                   k.resolved_on, k.resolution, u.username, u.display_name, r.username as reg_username,
                   r.display_name as reg_name, k.version""";

    /** A customer a complaint may be registered on. */
    record Target(long customerId, Long ownerId) {
    }

    /** A filter of the list; null fields do not filter. */
    record Filter(String status, boolean overdueOnly, String owner) {
    }

    private final JdbcClient jdbc;

    /** The customer numbered {@code customerNo} if it satisfies {@code visible} (over {@code c} and {@code b}). */
    Optional<Target> target(String customerNo, ScopeSql visible) {
        return jdbc.sql("select c.id, c.owner_id from customer c join branch b on b.id = c.branch_id"
                        + " where c.customer_no = :no and " + visible.condition())
                .param("no", customerNo).params(visible.params())
                .query((rs, n) -> new Target(rs.getLong("id"), (Long) rs.getObject("owner_id"))).optional();
    }

    long insert(Target t, ComplaintCategory category, String text, LocalDate receivedOn, long by) {
        return jdbc.sql("""
                        insert into complaint (customer_id, category, text, received_on, due_on, owner_id,
                            registered_by)
                        values (:customer, :category, :text, :received, :due, :owner, :by) returning id""")
                .param("customer", t.customerId()).param("category", category.name()).param("text", text)
                .param("received", receivedOn).param("due", ComplaintRules.dueOn(receivedOn))
                .param("owner", t.ownerId()).param("by", by).query(Long.class).single();
    }

    Optional<ComplaintView> find(long id, ScopeSql visible, boolean forReferrer, LocalDate today) {
        return jdbc.sql(COLUMNS + FROM + " where k.id = :id and " + visible.condition())
                .param("id", id).params(visible.params())
                .query((rs, n) -> view(rs, forReferrer, today)).optional();
    }

    /** Resolves an open complaint at the version given (none: any); its customer's id, empty when it did not. */
    Optional<Long> resolve(long id, Integer version, String resolution, LocalDate on, long by) {
        return jdbc.sql("""
                        update complaint set status = 'RESOLVED', resolution = :resolution, resolved_on = :on,
                            resolved_by = :by, version = version + 1
                        where id = :id and status = 'OPEN' and (cast(:version as integer) is null
                                                                or version = cast(:version as integer))
                        returning customer_id""")
                .param("resolution", resolution).param("on", on).param("by", by).param("id", id)
                .param("version", version).query(Long.class).optional();
    }

    long count(ScopeSql visible, Filter filter, LocalDate today) {
        Map<String, Object> params = new HashMap<>();
        String where = where(visible, filter, today, params);
        return jdbc.sql("select count(*)" + FROM + where).params(params).query(Long.class).single();
    }

    /** Open first, the earliest due first; then resolved, the latest first. */
    List<ComplaintView> list(ScopeSql visible, Filter filter, boolean forReferrer, LocalDate today, long offset,
                             int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(visible, filter, today, params);
        params.put("offset", offset);
        params.put("limit", limit);
        return jdbc.sql(COLUMNS + FROM + where + " " + """
                         order by k.status, case when k.status = 'OPEN' then k.due_on end,
                                  k.resolved_on desc nulls last, k.id desc
                         offset :offset limit :limit""")
                .params(params).query((rs, n) -> view(rs, forReferrer, today)).list();
    }

    /** {open, overdue} among the complaints {@code visible} and, when given, of {@code ownerId}'s customers. */
    long[] openAndOverdue(ScopeSql visible, LocalDate today) {
        Map<String, Object> params = new HashMap<>(visible.params());
        params.put("today", today);
        return jdbc.sql("select count(*) as open, count(*) filter (where k.due_on < :today) as overdue" + FROM
                        + " where k.status = 'OPEN' and " + visible.condition())
                .params(params).query((rs, n) -> new long[] {rs.getLong("open"), rs.getLong("overdue")}).single();
    }

    private static String where(ScopeSql visible, Filter filter, LocalDate today, Map<String, Object> params) {
        StringBuilder w = new StringBuilder(" where ").append(visible.condition());
        params.putAll(visible.params());
        if (filter.status() != null) {
            w.append(" and k.status = :status");
            params.put("status", filter.status());
        }
        if (filter.overdueOnly()) {
            w.append(" and k.status = 'OPEN' and k.due_on < :today");
            params.put("today", today);
        }
        if (filter.owner() != null) {
            w.append(" and u.username = :owner");
            params.put("owner", filter.owner());
        }
        return w.toString();
    }

    /**
     * A complaint as its reader reads it: staff, whose scope the row passed, the customer's name in full as the
     * customer's page shows it; a referrer (who sees what they registered) the name masked and neither resolution nor
     * owner; what people wrote with phone and ID-like numbers masked for everyone.
     */
    private static ComplaintView view(ResultSet rs, boolean forReferrer, LocalDate today) throws SQLException {
        String status = rs.getString("status");
        LocalDate due = rs.getObject("due_on", LocalDate.class);
        String name = rs.getString("name");
        return new ComplaintView(rs.getLong("id"), rs.getString("customer_no"), forReferrer ? Masking.name(name) : name,
                ComplaintCategory.valueOf(rs.getString("category")), Masking.inText(rs.getString("text")), status,
                rs.getObject("received_on", LocalDate.class), due, rs.getObject("resolved_on", LocalDate.class),
                forReferrer ? null : Masking.inText(rs.getString("resolution")),
                forReferrer ? null : rs.getString("username"), forReferrer ? null : rs.getString("display_name"),
                rs.getString("reg_username"), rs.getString("reg_name"),
                ComplaintRules.overdue("OPEN".equals(status), due, today), rs.getInt("version"));
    }
}
