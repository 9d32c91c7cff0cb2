package org.bankcrm.web.alert;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small bank of its own for the alert tests, under HQ with a fresh prefix: branch X (head {@code head}, RM
 * {@code rmA}), its child X1 (RM {@code rmB}, no head: X's head hears of X1's records), and a sibling Y (head
 * {@code headY}, RM {@code rmY}). Records are written straight to the tables with the times a test needs, in bank
 * time (Asia/Shanghai): opportunities of MASS customers (no service standard), closing at the end of the year,
 * unless a test says otherwise.
 */
final class AlertFixture {

    static final ZoneId BANK = ZoneId.of("Asia/Shanghai");

    final String p;
    final long branchX;
    final long branchX1;
    final long branchY;
    final String head;
    final String headY;
    final String rmA;
    final String rmB;
    final String rmY;
    private final JdbcTemplate jdbc;
    private int opportunities;

    AlertFixture(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        p = "AL" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String lower = p.toLowerCase();
        head = lower + "_head";
        headY = lower + "_heady";
        rmA = lower + "_rma";
        rmB = lower + "_rmb";
        rmY = lower + "_rmy";
        branchX = branch(p + "X", "HQ");
        branchX1 = branch(p + "X1", p + "X");
        branchY = branch(p + "Y", "HQ");
        user(head, "BRANCH_HEAD", branchX, "预警测试行长");
        user(headY, "BRANCH_HEAD", branchY, "预警测试乙行长");
        user(rmA, "RM", branchX, "预警测试甲");
        user(rmB, "RM", branchX1, "预警测试乙");
        user(rmY, "RM", branchY, "预警测试丙");
    }

    long userId(String username) {
        return jdbc.queryForObject("select id from staff_user where username = ?", Long.class, username);
    }

    /** A customer of {@code tier} in {@code branch}, owned by {@code owner} (null: nobody). */
    long customer(String label, String tier, long branch, String owner) {
        return jdbc.queryForObject("""
                insert into customer (customer_no, type, name, branch_id, owner_id, aum, tier)
                values (?, 'RETAIL', ?, ?, (select id from staff_user where username = ?), 0, ?) returning id""",
                Long.class, no(label), "预警客户" + label, branch, owner, tier);
    }

    String no(String label) {
        return p + "-" + label;
    }

    /** An open opportunity created at {@code createdAt} (bank time), closing on {@code closeOn}. */
    long opportunity(String title, String owner, long branch, String createdAt, LocalDate closeOn, String source,
                     String stage) {
        long customer = customer("O" + (++opportunities), "MASS", branch, owner);
        return jdbc.queryForObject("""
                insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status,
                    source, owner_id, branch_id, expected_close_date, risk_level, competition, need_strength,
                    created_at, updated_at)
                values (?, 'FUND', ?, 100000, 1000, ?, 'OPEN', ?, (select id from staff_user where username = ?), ?,
                    ?, 'LOW', 'NONE', 3, ?, ?) returning id""", Long.class,
                customer, title, stage, source, owner, branch, closeOn, bank(createdAt), bank(createdAt));
    }

    long opportunity(String title, String owner, long branch, String createdAt) {
        return opportunity(title, owner, branch, createdAt, LocalDate.of(2026, 12, 31), "RM_DISCOVERED", "QUALIFIED");
    }

    /** A follow-up at {@code at} (bank time) on the opportunity, with a next action due on {@code nextOn} if set. */
    long followUp(long opportunity, String at, LocalDate nextOn) {
        return jdbc.queryForObject("""
                insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, next_action,
                    next_action_date, created_by)
                select o.customer_id, o.id, 'CALL', ?, '预警测试跟进', ?, ?, coalesce(o.owner_id,
                    (select id from staff_user where username = 'admin'))
                from opportunity o where o.id = ? returning id""", Long.class,
                bank(at), nextOn == null ? null : "回访", nextOn, opportunity);
    }

    /** A contact of {@code type} with the customer at {@code at} (bank time), on no opportunity. */
    void contact(long customer, String type, String at) {
        jdbc.update("""
                insert into follow_up (customer_id, type, occurred_at, summary, created_by)
                select c.id, ?, ?, '预警测试联系', coalesce(c.owner_id, (select id from staff_user where username = 'admin'))
                from customer c where c.id = ?""", type, bank(at), customer);
    }

    /** The alerts of a record as "CODE STATUS raised/escalated/resolved", oldest first. */
    java.util.List<String> alerts(String kind, long recordId) {
        return jdbc.query("""
                select code, status, raised_on, escalated_on, resolved_on from alert
                where record_kind = ? and record_id = ? order by id""", (rs, n) -> rs.getString("code") + " "
                + rs.getString("status") + " " + rs.getObject("raised_on", LocalDate.class) + "/"
                + rs.getObject("escalated_on", LocalDate.class) + "/" + rs.getObject("resolved_on", LocalDate.class),
                kind, recordId);
    }

    java.util.List<String> opportunityAlerts(long id) {
        return alerts("OPPORTUNITY", id);
    }

    /** The notifications about a record's alerts as "username KIND", oldest first. */
    java.util.List<String> notifications(String kind, long recordId) {
        return jdbc.query("""
                select u.username, n.kind from notification n join alert a on a.id = n.alert_id
                join staff_user u on u.id = n.user_id
                where a.record_kind = ? and a.record_id = ? order by n.id""",
                (rs, n) -> rs.getString("username") + " " + rs.getString("kind"), kind, recordId);
    }

    private long branch(String code, String parent) {
        return jdbc.queryForObject("""
                insert into branch (code, name, parent_id, path)
                select ?, ?, id, path || ? || '/' from branch where code = ? returning id""", Long.class,
                code, "预警测试" + code, code, parent);
    }

    String user(String username, String role, long branch, String name) {
        String hash = jdbc.queryForObject("select password_hash from staff_user where username = 'rm1'", String.class);
        jdbc.update("""
                insert into staff_user (username, display_name, role, branch_id, password_hash)
                values (?, ?, ?, ?, ?)""", username, name, role, branch, hash);
        return username;
    }

    static Timestamp bank(String at) {
        return Timestamp.from(LocalDateTime.parse(at).atZone(BANK).toInstant());
    }
}
