package org.bankcrm.service.team;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.org.Role;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Teams, comments and the history lines they leave, in SQL (D44). */
@Component
@RequiredArgsConstructor
class TeamStore {

    /** A staff member a team may be asked to take. */
    record Staff(long id, String username, String displayName, String role, boolean enabled) {
    }

    private final JdbcClient jdbc;

    /**
     * Locks the opportunity's row, so that two changes of one team (and their share sums) run one after the other,
     * and against a change of its stage; whether it is open. {@code FOR NO KEY UPDATE}, so that rows referencing it
     * (an alert being raised, D52) are not held up.
     */
    boolean lockOpen(long opportunityId) {
        return jdbc.sql("select status = 'OPEN' from opportunity where id = :o for no key update")
                .param("o", opportunityId).query(Boolean.class).optional().orElse(false);
    }

    Optional<Staff> staff(String username) {
        return jdbc.sql("select id, username, display_name, role, enabled from staff_user where username = :u")
                .param("u", username)
                .query((rs, n) -> new Staff(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        rs.getString("role"), rs.getBoolean("enabled")))
                .optional();
    }

    /** The owner first (holding 100 minus the members' shares), then the members in the order they joined. */
    List<TeamViews.Member> team(long opportunityId) {
        return jdbc.sql("""
                        select u.username, u.display_name, b.code, 'OWNER' as role,
                               100 - coalesce((select sum(m.credit_share) from opportunity_member m
                                               where m.opportunity_id = o.id), 0) as share, 0 as ord, 0 as mid
                        from opportunity o join staff_user u on u.id = o.owner_id join branch b on b.id = u.branch_id
                        where o.id = :o
                        union all
                        select u.username, u.display_name, b.code, m.role, m.credit_share, 1, m.id
                        from opportunity_member m join staff_user u on u.id = m.user_id
                        join branch b on b.id = u.branch_id
                        where m.opportunity_id = :o
                        order by ord, mid""")
                .param("o", opportunityId)
                .query((rs, n) -> new TeamViews.Member(rs.getString("username"), rs.getString("display_name"),
                        rs.getString("code"), rs.getString("role"), rs.getInt("share")))
                .list();
    }

    /** The members' shares except this user's. */
    int othersShare(long opportunityId, long userId) {
        return jdbc.sql("""
                        select coalesce(sum(credit_share), 0) from opportunity_member
                        where opportunity_id = :o and user_id <> :u""")
                .param("o", opportunityId).param("u", userId).query(Integer.class).single();
    }

    /** The member's current role and share as text ({@code CO_OWNER 30}), empty when not a member. */
    Optional<String> membership(long opportunityId, long userId) {
        return jdbc.sql("""
                        select role || ' ' || credit_share from opportunity_member
                        where opportunity_id = :o and user_id = :u""")
                .param("o", opportunityId).param("u", userId).query(String.class).optional();
    }

    void upsert(long opportunityId, long userId, String role, int share, long by, Instant at) {
        jdbc.sql("""
                        insert into opportunity_member (opportunity_id, user_id, role, credit_share, added_at, added_by)
                        values (:o, :u, :role, :share, :at, :by)
                        on conflict (opportunity_id, user_id)
                        do update set role = excluded.role, credit_share = excluded.credit_share""")
                .param("o", opportunityId).param("u", userId).param("role", role).param("share", share)
                .param("at", java.sql.Timestamp.from(at)).param("by", by).update();
    }

    boolean remove(long opportunityId, long userId) {
        return jdbc.sql("delete from opportunity_member where opportunity_id = :o and user_id = :u")
                .param("o", opportunityId).param("u", userId).update() == 1;
    }

    /** A line in the opportunity's history, as the aggregate writes its own. */
    void history(long opportunityId, long by, Instant at, String event, String from, String to, String comment) {
        jdbc.sql("""
                        insert into opportunity_history (opportunity_id, at, by_user_id, event, from_value, to_value,
                                                         comment)
                        values (:o, :at, :by, :event, :from, :to, :comment)""")
                .param("o", opportunityId).param("at", java.sql.Timestamp.from(at)).param("by", by)
                .param("event", event).param("from", from).param("to", to).param("comment", comment).update();
    }

    /** Who may see the opportunity now: whom a mention may notify ({@link ScopeSql#VIEWERS_OF_OPPORTUNITY}). */
    List<TeamViews.Person> viewers(long opportunityId) {
        return jdbc.sql(ScopeSql.VIEWERS_OF_OPPORTUNITY + " order by u.display_name, u.username")
                .param("opportunityId", opportunityId)
                .query((rs, n) -> new TeamViews.Person(rs.getLong("id"), rs.getString("username"),
                        rs.getString("display_name")))
                .list();
    }

    /**
     * Staff who may join a team, found by a part of their name or login across branches (enabled, no referrers),
     * at most {@code limit}.
     */
    List<TeamViews.Candidate> candidates(String q, int limit) {
        String pattern = "%" + Texts.likeLiteral(q) + "%";
        return jdbc.sql("""
                        select u.username, u.display_name, u.role, b.code, b.name from staff_user u
                        join branch b on b.id = u.branch_id
                        where u.enabled and (u.display_name like :p escape '\\' or u.username ilike :p escape '\\')
                        order by u.display_name, u.username limit :limit""")
                .param("p", pattern).param("limit", limit * 2)
                .query((rs, n) -> AccessPolicy.mayJoinTeams(Role.valueOf(rs.getString("role")))
                        ? new TeamViews.Candidate(rs.getString("username"), rs.getString("display_name"),
                        rs.getString("code"), rs.getString("name")) : null)
                .list().stream().filter(java.util.Objects::nonNull).limit(limit).toList();
    }

    long comment(long opportunityId, long authorId, Instant at, String text, List<String> mentions) {
        return jdbc.sql("""
                        insert into opportunity_comment (opportunity_id, author_id, at, text, mentions)
                        values (:o, :a, :at, :text, string_to_array(:mentions, ' ')) returning id""")
                .param("o", opportunityId).param("a", authorId).param("at", java.sql.Timestamp.from(at))
                .param("text", text).param("mentions", String.join(" ", mentions)).query(Long.class).single();
    }

    /** The opportunity's comments, oldest first. */
    List<TeamViews.Comment> comments(long opportunityId) {
        return jdbc.sql("""
                        select c.id, u.username, u.display_name, c.at, c.text, c.mentions
                        from opportunity_comment c join staff_user u on u.id = c.author_id
                        where c.opportunity_id = :o order by c.at, c.id""")
                .param("o", opportunityId).query((rs, n) -> comment(rs)).list();
    }

    private static TeamViews.Comment comment(ResultSet rs) throws SQLException {
        Array array = rs.getArray("mentions");
        List<String> mentions = array == null ? List.of()
                : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
        return new TeamViews.Comment(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getTimestamp("at").toInstant(), rs.getString("text"), mentions, null);
    }
}
