package org.bankcrm.web.incentive;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small bank of its own for the incentive tests, under HQ with a fresh prefix: branch X (head {@code head}, RM
 * {@code rm}, teller {@code teller}) and a sibling Y (head {@code headY}, RM {@code rmY}). Records are written straight
 * to the tables with the bank times (Asia/Shanghai) a test needs.
 */
final class IncentiveFixture {

    static final ZoneId BANK = ZoneId.of("Asia/Shanghai");

    final String p;
    final long branchX;
    final long branchY;
    final String head;
    final String headY;
    final String rm;
    final String rmY;
    final String teller;
    private final JdbcTemplate jdbc;
    private int customers;

    IncentiveFixture(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        p = "IN" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String lower = p.toLowerCase();
        head = lower + "_head";
        headY = lower + "_heady";
        rm = lower + "_rm";
        rmY = lower + "_rmy";
        teller = lower + "_teller";
        branchX = branch(p + "X");
        branchY = branch(p + "Y");
        user(head, "BRANCH_HEAD", branchX, "提成测试行长");
        user(headY, "BRANCH_HEAD", branchY, "提成测试乙行长");
        user(rm, "RM", branchX, "提成测试经理");
        user(rmY, "RM", branchY, "提成测试乙经理");
        user(teller, "REFERRER", branchX, "提成测试柜员");
    }

    /** A retail customer of {@code owner} in their branch. */
    long customer(String owner) {
        customers++;
        return jdbc.queryForObject("""
                insert into customer (customer_no, type, name, branch_id, owner_id, aum, tier)
                select ?, 'RETAIL', ?, u.branch_id, u.id, 0, 'MASS' from staff_user u where u.username = ?
                returning id""", Long.class, p + "-C" + customers, "提成客户" + customers, owner);
    }

    /** An opportunity of {@code owner} won at {@code closedAt} (bank time) for {@code wonAmount}. */
    long won(String owner, String productCode, String wonAmount, String closedAt) {
        long customer = customer(owner);
        Timestamp closed = bank(closedAt);
        return jdbc.queryForObject("""
                insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status,
                    source, owner_id, branch_id, expected_close_date, risk_level, competition, need_strength,
                    won_amount, created_at, updated_at, closed_at)
                select ?, ?, '提成测试商机', ?, 0, 'WON', 'WON', 'RM_DISCOVERED', u.id, u.branch_id, date '2026-12-31',
                    'LOW', 'NONE', 3, ?, cast(? as timestamptz) - interval '20 days', ?, ?
                from staff_user u where u.username = ? returning id""", Long.class,
                customer, productCode, new BigDecimal(wonAmount), new BigDecimal(wonAmount), closed, closed, closed,
                owner);
    }

    /** An opportunity of {@code owner} lost at {@code closedAt} (bank time) for {@code reason}. */
    long lost(String owner, String productCode, String amount, String reason, String closedAt) {
        long customer = customer(owner);
        Timestamp closed = bank(closedAt);
        return jdbc.queryForObject("""
                insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status,
                    source, owner_id, branch_id, expected_close_date, risk_level, competition, need_strength,
                    lost_reason, created_at, updated_at, closed_at)
                select ?, ?, '流失测试商机', ?, 0, 'LOST', 'LOST', 'RM_DISCOVERED', u.id, u.branch_id, date '2026-12-31',
                    'LOW', 'NONE', 3, ?, cast(? as timestamptz) - interval '20 days', ?, ?
                from staff_user u where u.username = ? returning id""", Long.class,
                customer, productCode, new BigDecimal(amount), reason, closed, closed, closed, owner);
    }

    /** A referral by {@code referrer} made at {@code madeAt}, converted into {@code opportunity}. */
    long referral(String referrer, long opportunity, String madeAt) {
        long id = jdbc.queryForObject("""
                insert into referral (customer_id, channel, need, referrer_id, branch_id, status, opportunity_id,
                    created_at, decided_at)
                select o.customer_id, 'LOBBY', '提成测试转介', t.id, o.branch_id, 'ACCEPTED', o.id, ?, ?
                from opportunity o, staff_user t where o.id = ? and t.username = ? returning id""", Long.class,
                bank(madeAt), bank(madeAt), opportunity, referrer);
        // As a converted referral's opportunity is: its source and the referral it came from (Referral.sourceDetail).
        jdbc.update("update opportunity set source = 'REFERRAL', source_detail = ? where id = ?",
                "referral:" + id + ":" + referrer + ":LOBBY", opportunity);
        return id;
    }

    static Timestamp bank(String localDateTime) {
        return Timestamp.from(LocalDateTime.parse(localDateTime).atZone(BANK).toInstant());
    }

    private long branch(String code) {
        return jdbc.queryForObject("""
                insert into branch (code, name, parent_id, path)
                select ?, ?, id, path || ? || '/' from branch where code = 'HQ' returning id""", Long.class,
                code, "提成测试" + code, code);
    }

    private void user(String username, String role, long branch, String name) {
        String hash = jdbc.queryForObject("select password_hash from staff_user where username = 'rm1'", String.class);
        jdbc.update("""
                insert into staff_user (username, display_name, role, branch_id, password_hash)
                values (?, ?, ?, ?, ?)""", username, name, role, branch, hash);
    }
}
