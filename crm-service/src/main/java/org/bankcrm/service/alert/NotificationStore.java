package org.bankcrm.service.alert;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.Paged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A user's notifications: read in their scope (whether each record may still be opened), counted, marked read. */
@Component
@RequiredArgsConstructor
public class NotificationStore {

    private static final String COLUMNS = """
            select n.id, n.kind, n.alert_id, n.title_key, n.title_args, n.title_text, n.link, n.created_at, n.read_at,
                   case when n.alert_id is not null then coalesce((
                       select %1$s from alert a join branch rb on rb.id = a.branch_id
                       where a.id = n.alert_id), false)
                   when n.approval_id is not null then coalesce((
                       select %2$s from approval ap
                       join opportunity o on o.id = ap.opportunity_id
                       join branch rb on rb.id = o.branch_id
                       where ap.id = n.approval_id), false)
                   when n.opportunity_id is not null then coalesce((
                       select %3$s from opportunity mo join branch mb on mb.id = mo.branch_id
                       where mo.id = n.opportunity_id), false)
                   else true end as visible
            from notification n""";

    /** What stands for the name of a record the reader may no longer see. */
    static final String HIDDEN = "***";

    private final JdbcClient jdbc;

    /** The unread count: a count over {@code notification_unread_idx} alone. */
    public long unreadCount(long userId) {
        return jdbc.sql("select count(*) from notification where user_id = :u and read_at is null")
                .param("u", userId).query(Long.class).single();
    }

    /**
     * The unread count up to {@code cap}: at most {@code cap} entries of {@code notification_unread_idx} are read, so
     * the bell on every page costs the same for a head with tens of thousands unread as for anyone (D38).
     */
    public long unreadUpTo(long userId, int cap) {
        return jdbc.sql("select count(*) from (select 1 from notification where user_id = :u and read_at is null"
                        + " limit :cap) x")
                .param("u", userId).param("cap", cap).query(Long.class).single();
    }

    /** Unread notifications of one alert code, raised to the owner or escalated to a head, counted. */
    public record UnreadAlerts(AlertCode code, boolean escalation, long count) {
    }

    /**
     * The user's unread alert and escalation notifications whose alert is open and in the reader's scope now, counted
     * by the alert's code and the notification's kind: what the alert list of that code shows them, no more (an alert
     * follows its record to a new owner, D52, and the old owner's notification stays unread until it is resolved).
     */
    public List<UnreadAlerts> unreadOpenAlerts(long userId, Scope scope) {
        ScopeSql s = ScopeSql.of(scope, AlertQueries.OWNER, "rb.path");
        return jdbc.sql("""
                        select a.code, n.kind, count(*) as n from notification n
                        join alert a on a.id = n.alert_id and a.status = 'OPEN'
                        join branch rb on rb.id = a.branch_id
                        where n.user_id = :u and n.read_at is null and n.kind in ('ALERT', 'ESCALATION') and %s
                        group by a.code, n.kind order by n desc, a.code, n.kind""".formatted(s.condition()))
                .params(s.params()).param("u", userId)
                .query((rs, n) -> new UnreadAlerts(AlertCode.valueOf(rs.getString("code")),
                        "ESCALATION".equals(rs.getString("kind")), rs.getLong("n")))
                .list();
    }

    /** The user's notifications, unread first, newest first; {@code unread} null for all. */
    public Paged<NotificationView> list(long userId, Scope scope, Boolean unread, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        params.put("u", userId);
        String where = " where n.user_id = :u" + (unread == null ? "" : unread ? " and n.read_at is null"
                : " and n.read_at is not null");
        long total = jdbc.sql("select count(*) from notification n" + where).params(params).query(Long.class)
                .single();
        ScopeSql s = ScopeSql.of(scope, AlertQueries.OWNER, "rb.path");
        ScopeSql m = mentionScope(scope);
        params.putAll(s.params());
        params.putAll(m.params());
        params.put("offset", (long) page * size);
        params.put("limit", size);
        List<NotificationView> items = jdbc.sql(columns(scope) + where
                        + " order by n.read_at is null desc, n.created_at desc, n.id desc offset :offset limit :limit")
                .params(params).query((rs, n) -> row(rs)).list();
        return new Paged<>(items, page, size, total);
    }

    public Optional<NotificationView> find(long userId, Scope scope, long id) {
        ScopeSql s = ScopeSql.of(scope, AlertQueries.OWNER, "rb.path");
        return jdbc.sql(columns(scope) + " where n.user_id = :u and n.id = :id")
                .params(s.params()).params(mentionScope(scope).params()).param("u", userId).param("id", id)
                .query((rs, n) -> row(rs)).optional();
    }

    /**
     * Tells a user they were mentioned on an opportunity (D44): a MENTION naming the opportunity, so that whether
     * they may still open it is decided when read, in their scope and team membership.
     *
     * @param by    who mentioned them (display name), the title's first argument
     * @param title the opportunity's title, the second
     */
    public void mention(long userId, long opportunityId, String by, String title, String link) {
        jdbc.sql("""
                        insert into notification (user_id, kind, opportunity_id, title_key, title_args, link)
                        values (:u, 'MENTION', :o, 'notification.mention',
                                array[cast(:by as varchar), cast(:title as varchar)], :link)""")
                .param("u", userId).param("o", opportunityId).param("by", by).param("title", title)
                .param("link", link).update();
    }

    /** A mention's opportunity in the reader's scope or team, over {@code mo} and its branch {@code mb}. */
    private static ScopeSql mentionScope(Scope scope) {
        return ScopeSql.ofOpportunity(scope, "mo.id", "mo.owner_id", "mb.path");
    }

    /**
     * The columns with the reader's scope three times: over an alert's record, and over the opportunity of an
     * approval and of a mention with its team (D44; its owner, branch and members as they are now), so a notification
     * names a record only while the reader sees it. The parameters of the last two are the first's and the reader's
     * id ({@link #mentionScope}).
     */
    private static String columns(Scope scope) {
        return COLUMNS.formatted(ScopeSql.of(scope, AlertQueries.OWNER, "rb.path").condition(),
                ScopeSql.ofOpportunity(scope, "o.id", "o.owner_id", "rb.path").condition(),
                mentionScope(scope).condition());
    }

    /**
     * Tells a requester the outcome of their approval request (kind APPROVAL, D45).
     *
     * @param args at least one (a list parameter becomes one placeholder per element)
     */
    public void addApproval(long userId, long approvalId, String titleKey, List<String> args, String link) {
        jdbc.sql("""
                        insert into notification (user_id, kind, approval_id, title_key, title_args, link)
                        values (:u, 'APPROVAL', :a, :key, cast(array[:args] as varchar(300)[]), :link)""")
                .param("u", userId).param("a", approvalId).param("key", titleKey)
                .param("args", args).param("link", link).update();
    }

    /** Marks one of the user's notifications read (once: a second time keeps the first time). */
    boolean markRead(long userId, long id) {
        return jdbc.sql("update notification set read_at = coalesce(read_at, now()) where user_id = :u and id = :id")
                .param("u", userId).param("id", id).update() == 1;
    }

    int markAllRead(long userId) {
        return jdbc.sql("update notification set read_at = now() where user_id = :u and read_at is null")
                .param("u", userId).update();
    }

    private static NotificationView row(ResultSet rs) throws SQLException {
        long alert = rs.getLong("alert_id");
        Long alertId = rs.wasNull() ? null : alert;
        Array array = rs.getArray("title_args");
        List<String> args = array == null ? List.of()
                : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
        boolean visible = rs.getBoolean("visible");
        // A record the reader may no longer see is not named to them (its title is a customer's or a deal's name):
        // the notification says what kind of alert it was, with the name masked.
        return new NotificationView(rs.getLong("id"), rs.getString("kind"), alertId, rs.getString("title_key"),
                visible ? args : args.stream().map(a -> HIDDEN).toList(), rs.getString("title_text"),
                rs.getString("link"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("read_at")),
                visible);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
