package org.bankcrm.web.testsupport;

import org.bankcrm.domain.org.Role;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows of the demo data that tests start from, found by what they must have rather than by a fixed number. */
public final class DemoRows {

    private DemoRows() {
    }

    /**
     * The number of the first customer (by number) that demo RM {@code rm} owns and that matches {@code condition},
     * a trusted SQL condition over the customer {@code c}.
     */
    public static String customerOf(JdbcTemplate jdbc, String rm, String condition) {
        return jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = ? and %s order by c.customer_no limit 1""".formatted(condition), String.class, rm);
    }

    /** User {@code username} as the application sees them when signed in, for calling a service directly. */
    public static CurrentUser currentUser(JdbcTemplate jdbc, String username) {
        return jdbc.queryForObject("""
                        select u.id, u.username, u.display_name, u.role, b.id as branch_id, b.code, b.path
                        from staff_user u join branch b on b.id = u.branch_id where u.username = ?""",
                (rs, i) -> new CurrentUser(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        Role.valueOf(rs.getString("role")), rs.getLong("branch_id"), rs.getString("code"),
                        rs.getString("path")), username);
    }
}
