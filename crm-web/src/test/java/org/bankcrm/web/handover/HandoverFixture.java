package org.bankcrm.web.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bankcrm.web.testsupport.Http;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Data of one test, named with a random tag: RMs, customers, opportunities, visits and next actions, made through
 * the API where it has a way and in SQL where it has none (visits as they stand, next actions), and read back in
 * SQL.
 */
final class HandoverFixture {

    final String tag = "ho" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    private final JdbcTemplate jdbc;
    private final Http admin;

    HandoverFixture(int port, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.admin = Http.basic(port, "admin");
    }

    static LocalDate bankToday() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    /** An RM of {@code branch}, signing in with the demo password. */
    String rm(String name, String branch) {
        String username = tag + "_" + name;
        var res = admin.postJson("/api/v1/admin/users", Map.of("username", username, "displayName", "经理" + name,
                "role", "RM", "branchCode", branch, "password", Http.DEMO_PASSWORD));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return username;
    }

    /** A branch under {@code parent}. */
    String branch(String parent) {
        String code = tag.toUpperCase();
        var res = admin.postJson("/api/v1/admin/branches", Map.of("code", code, "name", "移交测试" + tag,
                "parentCode", parent));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return code;
    }

    /** A retail customer with this AUM (its tier follows), owned by {@code owner} or nobody (null). */
    String customer(String name, long aum, String branch, String owner) {
        String no = tag + "-" + name;
        Map<String, Object> body = new HashMap<>(Map.of("customerNo", no, "type", "RETAIL", "name", "客户" + name,
                "birthDate", "1980-05-01", "branchCode", branch, "aum", aum));
        if (owner != null) {
            body.put("ownerRm", owner);
        }
        var res = admin.postJson("/api/v1/customers", body);
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return no;
    }

    /** A corporate customer with this annual contribution (its tier follows) and AUM, owned by nobody. */
    String corporate(String name, long aum, long contribution, String branch) {
        String no = tag + "-" + name;
        var res = admin.postJson("/api/v1/customers", Map.of("customerNo", no, "type", "CORPORATE",
                "name", "企业" + name, "industry", "制造业", "companySize", "MEDIUM", "branchCode", branch,
                "aum", aum, "annualContribution", contribution));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return no;
    }

    /** An open opportunity on the customer, owned by {@code owner}, or by nobody when {@code owner} is null. */
    long opportunity(String customerNo, String owner) {
        var res = admin.postJson("/api/v1/opportunities", Map.of("customerNo", customerNo, "productCode", "FUND",
                "amount", 100000, "expectedCloseDate", bankToday().plusDays(30).toString(),
                "ownerRm", owner == null ? someRmOf(customerNo) : owner));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        long id = res.json().get("id").asLong();
        if (owner == null) {
            jdbc.update("update opportunity set owner_id = null where id = ?", id);
        }
        return id;
    }

    private String someRmOf(String customerNo) {
        return jdbc.queryForObject("""
                select u.username from staff_user u join branch ub on ub.id = u.branch_id, customer c
                join branch cb on cb.id = c.branch_id
                where c.customer_no = ? and u.role = 'RM' and u.enabled and ub.path like cb.path || '%'
                order by u.id limit 1""", String.class, customerNo);
    }

    /** Closes the opportunity as lost. */
    void lose(long id) {
        int version = admin.get("/api/v1/opportunities/" + id).json().get("version").asInt();
        var res = admin.postJson("/api/v1/opportunities/" + id + "/transitions", Map.of("toStage", "LOST",
                "version", version, "lostReason", "PRICE"));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
    }

    /** A visit of {@code rm} to the customer, PLANNED or DONE. */
    long visit(String rm, String customerNo, String status) {
        return jdbc.queryForObject("""
                insert into visit_plan (rm_id, customer_id, planned_on, purpose, status)
                select u.id, c.id, ?, '移交测试拜访', ? from staff_user u, customer c
                where u.username = ? and c.customer_no = ? returning id""", Long.class,
                bankToday().plusDays(3), status, rm, customerNo);
    }

    /** A follow-up on the opportunity by {@code author} with a next action, pending or done. */
    void nextAction(long opportunityId, String author, boolean done) {
        jdbc.update("""
                insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, next_action,
                                       next_action_date, next_action_done, created_by)
                select o.customer_id, o.id, 'CALL', now(), '沟通', '下一步', ?, ?, u.id
                from opportunity o, staff_user u where o.id = ? and u.username = ?""",
                bankToday().plusDays(2), done, opportunityId, author);
    }

    /** A follow-up on the customer alone with a pending next action. */
    void customerNextAction(String customerNo, String author) {
        jdbc.update("""
                insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, next_action,
                                       next_action_date, next_action_done, created_by)
                select c.id, null, 'CALL', now(), '沟通', '客户下一步', ?, false, u.id
                from customer c, staff_user u where c.customer_no = ? and u.username = ?""",
                bankToday().plusDays(2), customerNo, author);
    }

    String ownerOf(String customerNo) {
        return jdbc.queryForObject("""
                select u.username from customer c left join staff_user u on u.id = c.owner_id
                where c.customer_no = ?""", String.class, customerNo);
    }

    String ownerOf(long opportunityId) {
        return jdbc.queryForObject("""
                select u.username from opportunity o left join staff_user u on u.id = o.owner_id
                where o.id = ?""", String.class, opportunityId);
    }

    String rmOfVisit(long visitId) {
        return jdbc.queryForObject("select u.username from visit_plan v join staff_user u on u.id = v.rm_id"
                + " where v.id = ?", String.class, visitId);
    }

    /** The OWNER events of the opportunity's history, as "from->to". */
    java.util.List<String> ownerEvents(long opportunityId) {
        return jdbc.queryForList("""
                select coalesce(from_value, '-') || '->' || to_value from opportunity_history
                where opportunity_id = ? and event = 'OWNER' order by id""", String.class, opportunityId);
    }
}
