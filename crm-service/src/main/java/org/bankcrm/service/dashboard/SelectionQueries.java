package org.bankcrm.service.dashboard;

import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.org.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The branches and staff a dashboard request names, for {@link DashboardSelector}. */
@Component
@RequiredArgsConstructor
class SelectionQueries {

    record BranchRow(String code, String name, String path) {
    }

    record UserRow(long id, String username, Role role, String path) {
    }

    private final JdbcClient jdbc;

    Optional<BranchRow> branch(String code) {
        return jdbc.sql("select code, name, path from branch where code = :code").param("code", code)
                .query((rs, i) -> new BranchRow(rs.getString("code"), rs.getString("name"), rs.getString("path")))
                .optional();
    }

    Optional<UserRow> user(String username) {
        return jdbc.sql("""
                        select u.id, u.username, u.role, b.path from staff_user u join branch b on b.id = u.branch_id
                        where u.username = :name""")
                .param("name", username)
                .query((rs, i) -> new UserRow(rs.getLong("id"), rs.getString("username"),
                        Role.valueOf(rs.getString("role")), rs.getString("path")))
                .optional();
    }
}
