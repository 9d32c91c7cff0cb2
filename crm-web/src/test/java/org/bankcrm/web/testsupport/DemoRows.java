package org.bankcrm.web.testsupport;

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
}
