package org.bankcrm.web.coverage;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bankcrm.web.testsupport.Http;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small bank of its own for coverage tests, under HQ with a fresh prefix: branch X (head {@code head}, RM
 * {@code rmA}) with a child branch X1 (RM {@code rmB}), and a sibling branch Y (RM {@code rmY}) that X's head must
 * not see. Every figure is taken on {@link #D}; the default standards (PRIVATE 30 days VISIT/MEETING, DIAMOND 30
 * VISIT/MEETING/CALL, PLATINUM 60 VISIT/MEETING/CALL, GOLD 90 with WECHAT, MASS none).
 * <pre>
 * rmA  A1 PRIVATE  VISIT 06-01 10:00       covered (first covered day), due 07-01
 *      A2 PRIVATE  VISIT 05-31 23:30       not covered (the day before), due 06-30
 *      A3 PRIVATE  CALL 06-20, WECHAT 06-25 never contacted (types that do not count)
 *      A4 DIAMOND  CALL 06-15 on an opportunity  covered, due 07-15
 *      A5 MASS     VISIT 06-20             not listed (no standard)
 *      A6 PLATINUM MEETING 03-01           not covered, due 04-30, 61 days overdue
 *      A7 PLATINUM VISIT 07-10 (after D)   never contacted on D
 *      A8 GOLD     WECHAT 04-05            covered, due 07-04
 * rmB  B1 PRIVATE  MEETING 06-10           covered, due 07-10   (branch X1)
 *      B2 GOLD     nothing                 never contacted      (branch X1)
 * none U1 DIAMOND  nothing                 never contacted      (branch X)
 *      U2 PLATINUM CALL 06-29              covered              (branch X)
 * rmY  Y1 PRIVATE  nothing                 (branch Y)
 * </pre>
 */
final class CoverageFixture {

    static final LocalDate D = LocalDate.of(2026, 6, 30);
    private static final ZoneId BANK = ZoneId.of("Asia/Shanghai");

    final String p;
    final String branchX;
    final String branchX1;
    final String branchY;
    final String head;
    final String rmA;
    final String rmB;
    final String rmY;
    /** rmA's opportunity on A4, through whose follow-up A4 is contacted. */
    final long opportunityA4;
    private final JdbcTemplate jdbc;
    private final int port;

    CoverageFixture(JdbcTemplate jdbc, int port) {
        this.jdbc = jdbc;
        this.port = port;
        p = "CV" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String lower = p.toLowerCase();
        branchX = p + "X";
        branchX1 = p + "X1";
        branchY = p + "Y";
        head = lower + "_head";
        rmA = lower + "_rma";
        rmB = lower + "_rmb";
        rmY = lower + "_rmy";
        long x = branch(branchX, "HQ");
        long x1 = branch(branchX1, branchX);
        long y = branch(branchY, "HQ");
        user(head, "BRANCH_HEAD", x, "覆盖测试行长");
        long a = user(rmA, "RM", x, "覆盖测试甲");
        long b = user(rmB, "RM", x1, "覆盖测试乙");
        long ry = user(rmY, "RM", y, "覆盖测试丙");
        followUp(customer("A1", "PRIVATE", x, a), "VISIT", "2026-06-01T10:00", null);
        followUp(customer("A2", "PRIVATE", x, a), "VISIT", "2026-05-31T23:30", null);
        long a3 = customer("A3", "PRIVATE", x, a);
        followUp(a3, "CALL", "2026-06-20T10:00", null);
        followUp(a3, "WECHAT", "2026-06-25T10:00", null);
        long a4 = customer("A4", "DIAMOND", x, a);
        opportunityA4 = opportunity(no("A4"));
        followUp(a4, "CALL", "2026-06-15T10:00", opportunityA4);
        followUp(customer("A5", "MASS", x, a), "VISIT", "2026-06-20T10:00", null);
        followUp(customer("A6", "PLATINUM", x, a), "MEETING", "2026-03-01T10:00", null);
        followUp(customer("A7", "PLATINUM", x, a), "VISIT", "2026-07-10T10:00", null);
        followUp(customer("A8", "GOLD", x, a), "WECHAT", "2026-04-05T10:00", null);
        followUp(customer("B1", "PRIVATE", x1, b), "MEETING", "2026-06-10T10:00", null);
        customer("B2", "GOLD", x1, b);
        customer("U1", "DIAMOND", x, null);
        followUp(customer("U2", "PLATINUM", x, null), "CALL", "2026-06-29T10:00", null);
        customer("Y1", "PRIVATE", y, ry);
    }

    /** The customer number of a label of the table above. */
    String no(String label) {
        return p + "-" + label;
    }

    private long branch(String code, String parent) {
        return jdbc.queryForObject("""
                insert into branch (code, name, parent_id, path)
                select ?, ?, id, path || ? || '/' from branch where code = ? returning id""", Long.class,
                code, "覆盖测试" + code, code, parent);
    }

    private long user(String username, String role, long branch, String name) {
        String hash = jdbc.queryForObject("select password_hash from staff_user where username = 'rm1'", String.class);
        return jdbc.queryForObject("""
                insert into staff_user (username, display_name, role, branch_id, password_hash)
                values (?, ?, ?, ?, ?) returning id""", Long.class, username, name, role, branch, hash);
    }

    private long customer(String label, String tier, long branch, Long owner) {
        boolean retail = !tier.equals("GENERAL") && !tier.equals("KEY") && !tier.equals("STRATEGIC");
        return jdbc.queryForObject("""
                insert into customer (customer_no, type, name, branch_id, owner_id, aum, tier)
                values (?, ?, ?, ?, ?, 0, ?) returning id""", Long.class,
                no(label), retail ? "RETAIL" : "CORPORATE", "覆盖客户" + label, branch, owner, tier);
    }

    /** An opportunity of rmA's on the customer, made through the API as an RM makes it. */
    private long opportunity(String customerNo) {
        var created = Http.basic(port, rmA).postJson("/api/v1/opportunities", Map.of("customerNo", customerNo,
                "productCode", "FUND", "amount", 100000,
                "expectedCloseDate", LocalDate.now(BANK).plusDays(60).toString()));
        if (created.status() != 201) {
            throw new IllegalStateException(created.toString());
        }
        return created.json().get("id").asLong();
    }

    private void followUp(long customer, String type, String bankTime, Long opportunity) {
        jdbc.update("""
                insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, created_by)
                select c.id, ?, ?, ?, '覆盖测试联系', coalesce(c.owner_id, (select id from staff_user
                    where username = 'admin'))
                from customer c where c.id = ?""", opportunity, type,
                java.sql.Timestamp.from(LocalDateTime.parse(bankTime).atZone(BANK).toInstant()), customer);
    }
}
