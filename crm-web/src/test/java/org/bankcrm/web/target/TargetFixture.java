package org.bankcrm.web.target;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small bank of its own for the target tests, under HQ with a fresh prefix: branch X (head {@code head}, RMs
 * {@code rmA} and {@code rmB}), its child X1 (RM {@code rmC}) and a sibling Y (RM {@code rmY}). Records are written
 * straight to the tables with the bank times (Asia/Shanghai) a test needs.
 */
final class TargetFixture {

    static final ZoneId BANK = ZoneId.of("Asia/Shanghai");

    final String p;
    final String branchX;
    final String branchX1;
    final String branchY;
    final String head;
    final String rmA;
    final String rmB;
    final String rmC;
    final String rmY;
    private final JdbcTemplate jdbc;
    private int customers;

    TargetFixture(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        p = "TG" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String lower = p.toLowerCase();
        head = lower + "_head";
        rmA = lower + "_rma";
        rmB = lower + "_rmb";
        rmC = lower + "_rmc";
        rmY = lower + "_rmy";
        branchX = p + "X";
        branchX1 = p + "X1";
        branchY = p + "Y";
        branch(branchX, "HQ");
        branch(branchX1, branchX);
        branch(branchY, "HQ");
        user(head, "BRANCH_HEAD", branchX, "目标测试行长");
        user(rmA, "RM", branchX, "目标测试甲");
        user(rmB, "RM", branchX, "目标测试乙");
        user(rmC, "RM", branchX1, "目标测试丙");
        user(rmY, "RM", branchY, "目标测试丁");
    }

    /** A retail customer of {@code owner} (null: nobody) in {@code branch}, registered at {@code createdAt}. */
    long customer(String branch, String owner, String createdAt) {
        customers++;
        return jdbc.queryForObject("""
                insert into customer (customer_no, type, name, branch_id, owner_id, aum, tier, created_at)
                values (?, 'RETAIL', ?, (select id from branch where code = ?),
                        (select id from staff_user where username = ?), 0, 'MASS', ?)
                returning id""", Long.class, p + "-C" + customers, "目标客户" + customers, branch, owner,
                bank(createdAt));
    }

    void aum(long customer, String month, String amount) {
        jdbc.update("insert into aum_monthly (customer_id, month, avg_aum) values (?, cast(? as date), ?)", customer,
                month, new BigDecimal(amount));
    }

    /** An opportunity of {@code owner} on a new customer of theirs: won at {@code closedAt}, or open (null). */
    void opportunity(String owner, String product, String amount, String stage, String closedAt) {
        String branch = jdbc.queryForObject("select b.code from staff_user u join branch b on b.id = u.branch_id"
                + " where u.username = ?", String.class, owner);
        long customer = customer(branch, owner, "2024-01-01T00:00");
        boolean won = "WON".equals(stage);
        jdbc.update("""
                insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status,
                                         source, owner_id, branch_id, expected_close_date, risk_level, competition,
                                         need_strength, won_amount, created_at, closed_at)
                select ?, ?, 'target fixture', ?, 0, ?, ?, 'RM_DISCOVERED', u.id, u.branch_id, date '2030-01-01',
                       'LOW', 'NONE', 3, ?, timestamptz '2024-06-01 10:00+08', ?
                from staff_user u where u.username = ?""",
                customer, product, new BigDecimal(amount), stage, won ? "WON" : "OPEN",
                won ? new BigDecimal(amount) : null, closedAt == null ? null : bank(closedAt), owner);
    }

    void followUp(String author, String at) {
        long customer = customer(branchX, author, "2024-01-01T00:00");
        jdbc.update("""
                insert into follow_up (customer_id, type, occurred_at, summary, created_by)
                values (?, 'CALL', ?, '跟进', (select id from staff_user where username = ?))""",
                customer, bank(at), author);
    }

    /** A target straight into the table. */
    void target(String measure, String type, String start, String rm, String branch, String amount, Integer count) {
        jdbc.update("""
                insert into target (measure, period_type, period_start, rm_id, branch_id, target_amount, target_count)
                values (?, ?, cast(? as date), (select id from staff_user where username = ?),
                        (select id from branch where code = ?), ?, ?)""",
                measure, type, start, rm, branch, amount == null ? null : new BigDecimal(amount), count);
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private void branch(String code, String parent) {
        jdbc.update("""
                insert into branch (code, name, parent_id, path)
                select ?, ?, id, path || ? || '/' from branch where code = ?""", code, "目标测试" + code, code, parent);
    }

    private void user(String username, String role, String branch, String name) {
        String hash = jdbc.queryForObject("select password_hash from staff_user where username = 'rm1'", String.class);
        jdbc.update("""
                insert into staff_user (username, display_name, role, branch_id, password_hash)
                values (?, ?, ?, (select id from branch where code = ?), ?)""", username, name, role, branch, hash);
    }

    static Timestamp bank(String at) {
        return Timestamp.from(LocalDateTime.parse(at).atZone(BANK).toInstant());
    }
}
