package org.bankcrm.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.bankcrm.web.testsupport.Http;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A known pipeline in a branch of its own (a child of HQ, with its own head), for tests that compare exact figures. All its
 * instants are set in SQL around the bank-zone day boundaries of March 2025:
 * <pre>
 * #  owner stage        amount      source         created (Asia/Shanghai)  closed
 * 1  a     IDENTIFIED   100000.05   RM_DISCOVERED  03-01 00:00:00           -
 * 2  a     QUALIFIED    250000.10   CAMPAIGN       02-28 23:59:59.999       -
 * 3  a     WON          299999.99   RM_DISCOVERED  03-10 10:00              03-31 23:59:59
 * 4  a     LOST         80000       RM_DISCOVERED  03-05 10:00              04-01 00:00:00
 * 5  b     LOST         50000       CAMPAIGN       03-02 10:00              03-15 10:00
 * 6  b     WON          1000.01     RM_DISCOVERED  02-01 10:00              02-28 23:59:59
 * 7  b     NEGOTIATION  33333.33    RM_DISCOVERED  04-01 00:30              -
 * </pre>
 * Follow-ups: a on #1 at 03-01 00:00 (call) and 02-28 23:59 (call); b on #5 at 03-31 23:59:59 (visit);
 * b on #7 now (so #7 is not stalled). Next actions of a: one overdue and open on #1, one overdue but done,
 * one overdue on the won #3.
 */
final class DashboardFixture {

    static final String PASSWORD = Http.DEMO_PASSWORD;
    static final ZoneId BANK = ZoneId.of("Asia/Shanghai");

    final String branch;
    final String rmA;
    final String rmB;
    final String head;
    final long[] ids = new long[8];
    private final int port;
    private final JdbcTemplate jdbc;

    private DashboardFixture(int port, JdbcTemplate jdbc, String suffix) {
        this.port = port;
        this.jdbc = jdbc;
        this.branch = "DB" + suffix;
        this.rmA = "dba" + suffix.toLowerCase();
        this.rmB = "dbb" + suffix.toLowerCase();
        this.head = "dbh" + suffix.toLowerCase();
    }

    static DashboardFixture build(int port, JdbcTemplate jdbc) {
        String suffix = Long.toString(Math.abs(System.nanoTime() % 2_000_000_000L), 36).toUpperCase();
        DashboardFixture f = new DashboardFixture(port, jdbc, suffix);
        f.create();
        return f;
    }

    private static OffsetDateTime at(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(BANK).toOffsetDateTime();
    }

    private void create() {
        Http admin = Http.basic(port, "admin");
        assertThat(admin.postJson("/api/v1/admin/branches", Map.of("code", branch, "name", "看板测试" + branch,
                "parentCode", "HQ")).status()).isEqualTo(201);
        assertThat(admin.postJson("/api/v1/admin/users", Map.of("username", head, "displayName", "行长" + head,
                "role", "BRANCH_HEAD", "branchCode", branch, "password", PASSWORD)).status()).isEqualTo(201);
        for (String rm : new String[] {rmA, rmB}) {
            assertThat(admin.postJson("/api/v1/admin/users", Map.of("username", rm, "displayName", "经理" + rm,
                    "role", "RM", "branchCode", branch, "password", PASSWORD)).status()).isEqualTo(201);
            var customer = admin.postJson("/api/v1/customers", Map.of("customerNo", "C" + rm, "type", "RETAIL",
                    "name", "客户" + rm, "branchCode", branch, "ownerRm", rm, "aum", 120000, "birthDate", "1985-05-05"));
            assertThat(customer.status()).as(customer.body()).isEqualTo(201);
        }
        ids[1] = open(rmA, "100000.05", "RM_DISCOVERED", "IDENTIFIED", null, "2025-03-01T00:00:00", null);
        ids[2] = open(rmA, "250000.10", "CAMPAIGN", "QUALIFIED", null, "2025-02-28T23:59:59.999", null);
        ids[3] = open(rmA, "300000", "RM_DISCOVERED", "WON", "299999.99", "2025-03-10T10:00:00", "2025-03-31T23:59:59");
        ids[4] = open(rmA, "80000", "RM_DISCOVERED", "LOST", null, "2025-03-05T10:00:00", "2025-04-01T00:00:00");
        ids[5] = open(rmB, "50000", "CAMPAIGN", "LOST", null, "2025-03-02T10:00:00", "2025-03-15T10:00:00");
        ids[6] = open(rmB, "1000.01", "RM_DISCOVERED", "WON", "1000.01", "2025-02-01T10:00:00", "2025-02-28T23:59:59");
        ids[7] = open(rmB, "33333.33", "RM_DISCOVERED", "NEGOTIATION", null, "2025-04-01T00:30:00", null);
        followUp(rmA, ids[1], "CALL", at("2025-03-01T00:00:00"), null, false);
        followUp(rmA, ids[1], "CALL", at("2025-02-28T23:59:00"), null, false);
        followUp(rmB, ids[5], "VISIT", at("2025-03-31T23:59:59"), null, false);
        followUp(rmB, ids[7], "CALL", OffsetDateTime.now(), null, false);
        followUp(rmA, ids[1], "CALL", at("2025-01-10T10:00:00"), LocalDate.now().minusDays(1), false);
        followUp(rmA, ids[1], "CALL", at("2025-01-11T10:00:00"), LocalDate.now().minusDays(2), true);
        followUp(rmA, ids[3], "CALL", at("2025-01-12T10:00:00"), LocalDate.now().minusDays(3), false);
    }

    private long open(String rm, String amount, String source, String stage, String wonAmount, String created,
                      String closed) {
        Http admin = Http.basic(port, "admin");
        // Only a campaign opens a CAMPAIGN opportunity (D37): the dashboard's arithmetic needs the source alone, so
        // such a row is opened as an EVENT and given its source here.
        boolean campaign = source.equals("CAMPAIGN");
        var res = admin.postJson("/api/v1/opportunities", Map.of("customerNo", "C" + rm, "productCode", "FUND",
                "amount", new BigDecimal(amount), "source", campaign ? "EVENT" : source, "ownerRm", rm,
                "expectedCloseDate", LocalDate.now().plusDays(30).toString()));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        long id = res.json().get("id").asLong();
        if (campaign) {
            jdbc.update("update opportunity set source = 'CAMPAIGN' where id = ?", id);
        }
        int version = 0;
        String path = "/api/v1/opportunities/" + id + "/transitions";
        if (!stage.equals("IDENTIFIED")) {
            String first = stage.equals("WON") ? "QUALIFIED" : stage.equals("LOST") ? "CONTACTED" : stage;
            var moved = admin.postJson(path, Map.of("toStage", first, "version", version));
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            version = moved.json().get("version").asInt();
        }
        if (stage.equals("WON") || stage.equals("LOST")) {
            Map<String, Object> body = new HashMap<>(Map.of("toStage", stage, "version", version));
            if (wonAmount != null) {
                body.put("wonAmount", new BigDecimal(wonAmount));
            } else {
                body.put("lostReason", "PRICE");
            }
            var moved = admin.postJson(path, body);
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        }
        jdbc.update("update opportunity set created_at = ?, closed_at = ? where id = ?", at(created),
                closed == null ? null : at(closed), id);
        return id;
    }

    private void followUp(String rm, long opportunityId, String type, OffsetDateTime at, LocalDate nextActionDate,
                          boolean done) {
        jdbc.update("""
                        insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, next_action,
                                               next_action_date, next_action_done, created_by)
                        select o.customer_id, o.id, ?, ?, 'fixture', ?, ?, ?, u.id
                        from opportunity o, staff_user u where o.id = ? and u.username = ?""",
                type, at, nextActionDate == null ? null : "next", nextActionDate, done, opportunityId, rm);
    }
}
