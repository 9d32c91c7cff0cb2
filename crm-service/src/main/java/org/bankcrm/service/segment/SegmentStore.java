package org.bankcrm.service.segment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.org.Role;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The saved groups: their rows, and which of them a user sees (D30): their own, and those whose creator's branch
 * lies in the viewer's scope, except an admin's, which only admins see. Outside that a group is not found.
 */
@Component
@RequiredArgsConstructor
class SegmentStore {

    /** A saved group with its creator as the creator is now (role and branch give the scope it counts in). */
    record Row(long id, String name, String criteriaJson, CurrentUser creator, String branchCode, Instant createdAt,
               Instant updatedAt, int version) {
    }

    private static final String SELECT = """
            select s.id, s.name, s.criteria::text as criteria, s.created_at, s.updated_at, s.version,
                   sb.code as branch_code, u.id as creator_id, u.username, u.display_name, u.role,
                   u.branch_id as creator_branch_id, cb.code as creator_branch_code, cb.path as creator_path
            from customer_segment s
            join branch sb on sb.id = s.branch_id
            join staff_user u on u.id = s.created_by
            join branch cb on cb.id = u.branch_id
            """;

    private final JdbcClient jdbc;

    List<Row> visible(CurrentUser viewer) {
        Map<String, Object> p = new HashMap<>();
        return jdbc.sql(SELECT + "where " + visibleTo(viewer, p) + " order by s.name, s.id").params(p)
                .query(SegmentStore::row).list();
    }

    Optional<Row> find(CurrentUser viewer, long id) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        return jdbc.sql(SELECT + "where s.id = :id and " + visibleTo(viewer, p)).params(p)
                .query(SegmentStore::row).optional();
    }

    /** A group whatever the viewer (for a campaign's launch, which acts for the group's creator). */
    Optional<Row> find(long id) {
        return jdbc.sql(SELECT + "where s.id = :id").param("id", id).query(SegmentStore::row).optional();
    }

    long insert(CurrentUser creator, String name, String criteriaJson) {
        return jdbc.sql("""
                        insert into customer_segment (name, criteria, created_by, branch_id)
                        values (:name, cast(:criteria as jsonb), :by, :branch) returning id""")
                .param("name", name).param("criteria", criteriaJson).param("by", creator.id())
                .param("branch", creator.branchId()).query(Long.class).single();
    }

    /** Replaces name and criteria if the row still has {@code version}; false when someone changed it first. */
    boolean update(long id, int version, String name, String criteriaJson) {
        return jdbc.sql("""
                        update customer_segment set name = :name, criteria = cast(:criteria as jsonb),
                               updated_at = now(), version = version + 1
                        where id = :id and version = :version""")
                .param("name", name).param("criteria", criteriaJson).param("id", id).param("version", version)
                .update() == 1;
    }

    /** Deletes the group if it still has {@code version}; whether it did. */
    boolean delete(long id, int version) {
        return jdbc.sql("delete from customer_segment where id = :id and version = :v")
                .param("id", id).param("v", version).update() == 1;
    }

    private static String visibleTo(CurrentUser viewer, Map<String, Object> p) {
        ScopeSql scope = ScopeSql.of(viewer.scope(), "s.created_by", "cb.path");
        p.putAll(scope.params());
        p.put("viewerId", viewer.id());
        p.put("viewerAdmin", AccessPolicy.isAdmin(viewer));
        return "(s.created_by = :viewerId or (" + scope.condition() + " and (u.role <> 'ADMIN' or :viewerAdmin)))";
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        CurrentUser creator = new CurrentUser(rs.getLong("creator_id"), rs.getString("username"),
                rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getLong("creator_branch_id"),
                rs.getString("creator_branch_code"), rs.getString("creator_path"));
        return new Row(rs.getLong("id"), rs.getString("name"), rs.getString("criteria"), creator,
                rs.getString("branch_code"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"));
    }
}
