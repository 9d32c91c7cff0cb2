package org.bankcrm.web.complaint;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small bank of its own for the complaint tests, under HQ with a fresh prefix: branch X (head {@code head}, RM
 * {@code rmA}, referrer {@code refX}), its child X1 (RM {@code rmB}), and a sibling Y (head {@code headY}, RM
 * {@code rmY}, referrer {@code refY}). Records are written straight to the tables where a test needs a given time.
 */
final class ComplaintFixture {

    static final ZoneId BANK = ZoneId.of("Asia/Shanghai");

    final String p;
    final String branchXCode;
    final long branchX;
    final long branchX1;
    final long branchY;
    final String head;
    final String headY;
    final String rmA;
    final String rmB;
    final String rmY;
    final String refX;
    final String refY;
    private final JdbcTemplate jdbc;

    ComplaintFixture(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        p = "CP" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String lower = p.toLowerCase();
        head = lower + "_head";
        headY = lower + "_heady";
        rmA = lower + "_rma";
        rmB = lower + "_rmb";
        rmY = lower + "_rmy";
        refX = lower + "_refx";
        refY = lower + "_refy";
        branchXCode = p + "X";
        branchX = branch(p + "X", "HQ");
        branchX1 = branch(p + "X1", p + "X");
        branchY = branch(p + "Y", "HQ");
        user(head, "BRANCH_HEAD", branchX, "投诉测试行长");
        user(headY, "BRANCH_HEAD", branchY, "投诉测试乙行长");
        user(rmA, "RM", branchX, "投诉测试甲");
        user(rmB, "RM", branchX1, "投诉测试乙");
        user(rmY, "RM", branchY, "投诉测试丙");
        user(refX, "REFERRER", branchX, "投诉测试柜员");
        user(refY, "REFERRER", branchY, "投诉测试乙柜员");
    }

    long userId(String username) {
        return jdbc.queryForObject("select id from staff_user where username = ?", Long.class, username);
    }

    /** A MASS customer in {@code branch}, owned by {@code owner} (null: nobody); answers its number. */
    String customer(String label, long branch, String owner) {
        jdbc.update("""
                insert into customer (customer_no, type, name, branch_id, owner_id, aum, tier)
                values (?, 'RETAIL', ?, ?, (select id from staff_user where username = ?), 0, 'MASS')""",
                no(label), "投诉客户" + label, branch, owner);
        return no(label);
    }

    long customerId(String customerNo) {
        return jdbc.queryForObject("select id from customer where customer_no = ?", Long.class, customerNo);
    }

    String no(String label) {
        return p + "-" + label;
    }

    /** An open complaint received on {@code receivedOn}, due 15 days later, registered by the admin. */
    long complaint(String customerNo, LocalDate receivedOn) {
        return jdbc.queryForObject("""
                insert into complaint (customer_id, category, text, received_on, due_on, registered_by)
                select c.id, 'SERVICE', '测试投诉', ?, ?, (select id from staff_user where username = 'admin')
                from customer c where c.customer_no = ? returning id""", Long.class,
                receivedOn, receivedOn.plusDays(15), customerNo);
    }

    void resolveDirectly(long complaint) {
        jdbc.update("update complaint set status = 'RESOLVED', resolution = '已处理', resolved_on = received_on"
                + " where id = ?", complaint);
    }

    /** A follow-up rated {@code rating} on the customer, written by {@code author} at {@code at} (bank time). */
    void rated(String customerNo, String author, String at, Integer rating) {
        jdbc.update("""
                insert into follow_up (customer_id, type, occurred_at, summary, created_by, satisfaction)
                select c.id, 'CALL', ?, '回访评价', (select id from staff_user where username = ?), ?
                from customer c where c.customer_no = ?""", bank(at), author, rating, customerNo);
    }

    /** The alerts of a customer as "CODE STATUS raised/resolved", oldest first. */
    List<String> alerts(String customerNo) {
        return jdbc.query("""
                select a.code, a.status, a.raised_on, a.resolved_on
                from alert a join customer c on c.id = a.customer_id
                where c.customer_no = ? and a.code = 'COMPLAINT_OVERDUE' order by a.id""",
                (rs, n) -> rs.getString("code") + " " + rs.getString("status") + " "
                        + rs.getObject("raised_on", LocalDate.class) + "/"
                        + rs.getObject("resolved_on", LocalDate.class),
                customerNo);
    }

    /** Who was notified of the customer's COMPLAINT_OVERDUE alerts, as "username KIND". */
    List<String> notifications(String customerNo) {
        return jdbc.query("""
                select u.username, n.kind from notification n join alert a on a.id = n.alert_id
                join customer c on c.id = a.customer_id join staff_user u on u.id = n.user_id
                where c.customer_no = ? and a.code = 'COMPLAINT_OVERDUE' order by n.id""",
                (rs, n) -> rs.getString("username") + " " + rs.getString("kind"), customerNo);
    }

    long complaints(String customerNo) {
        return jdbc.queryForObject("select count(*) from complaint k join customer c on c.id = k.customer_id"
                + " where c.customer_no = ?", Long.class, customerNo);
    }

    private long branch(String code, String parent) {
        return jdbc.queryForObject("""
                insert into branch (code, name, parent_id, path)
                select ?, ?, id, path || ? || '/' from branch where code = ? returning id""", Long.class,
                code, "投诉测试" + code, code, parent);
    }

    private void user(String username, String role, long branch, String name) {
        String hash = jdbc.queryForObject("select password_hash from staff_user where username = 'rm1'", String.class);
        jdbc.update("""
                insert into staff_user (username, display_name, role, branch_id, password_hash)
                values (?, ?, ?, ?, ?)""", username, name, role, branch, hash);
    }

    static Timestamp bank(String at) {
        return Timestamp.from(LocalDateTime.parse(at).atZone(BANK).toInstant());
    }
}
