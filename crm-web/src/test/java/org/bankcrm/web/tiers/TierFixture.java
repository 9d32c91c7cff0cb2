package org.bankcrm.web.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.bankcrm.web.testsupport.Http;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A branch of its own (a child of HQ, with a sub-branch, a head and an RM) and a sibling branch, with hand-built AUM
 * history for January and February 2025 (reference thresholds: GOLD 50,000, PLATINUM 500,000, DIAMOND 2,000,000):
 * <pre>
 * customer         branch    2025-01        2025-02        migration
 * A  retail        sub       2,500,000.00   1,800,000.00   DIAMOND → PLATINUM
 * B  retail        own          40,000.00      60,000.00   MASS → GOLD
 * C  retail        own         600,000.00     700,000.00   PLATINUM → PLATINUM
 * D  retail        own          10,000.00   -              excluded: one month only
 * E  corporate     own       3,000,000.00   3,000,000.00   excluded: corporate (MEDIUM)
 * F  retail        sibling   2,500,000.00   1,800,000.00   excluded: outside the head's subtree
 * </pre>
 */
final class TierFixture {

    final String branch;
    final String sub;
    final String sibling;
    final String head;
    final String rm;
    final String prefix;

    private TierFixture(String suffix) {
        this.branch = "TB" + suffix;
        this.sub = "TS" + suffix;
        this.sibling = "TX" + suffix;
        this.head = "tbh" + suffix.toLowerCase();
        this.rm = "tbr" + suffix.toLowerCase();
        this.prefix = "TC" + suffix;
    }

    String no(String letter) {
        return prefix + letter;
    }

    static TierFixture build(int port, JdbcTemplate jdbc) {
        String suffix = Long.toString(Math.abs(System.nanoTime() % 2_000_000_000L), 36).toUpperCase();
        TierFixture f = new TierFixture(suffix);
        f.create(Http.basic(port, "admin"), jdbc);
        return f;
    }

    private void create(Http admin, JdbcTemplate jdbc) {
        branch(admin, branch, "HQ");
        branch(admin, sub, branch);
        branch(admin, sibling, "HQ");
        user(admin, head, "BRANCH_HEAD", branch);
        user(admin, rm, "RM", branch);
        customer(admin, jdbc, "A", "RETAIL", sub, "2500000.00", "1800000.00");
        customer(admin, jdbc, "B", "RETAIL", branch, "40000.00", "60000.00");
        customer(admin, jdbc, "C", "RETAIL", branch, "600000.00", "700000.00");
        customer(admin, jdbc, "D", "RETAIL", branch, "10000.00", null);
        customer(admin, jdbc, "E", "CORPORATE", branch, "3000000.00", "3000000.00");
        customer(admin, jdbc, "F", "RETAIL", sibling, "2500000.00", "1800000.00");
    }

    private static void branch(Http admin, String code, String parent) {
        var res = admin.postJson("/api/v1/admin/branches", Map.of("code", code, "name", "分层" + code,
                "parentCode", parent));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
    }

    private static void user(Http admin, String username, String role, String branch) {
        var res = admin.postJson("/api/v1/admin/users", Map.of("username", username, "displayName", "员工" + username,
                "role", role, "branchCode", branch, "password", Http.DEMO_PASSWORD));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
    }

    private void customer(Http admin, JdbcTemplate jdbc, String letter, String type, String branchCode, String jan,
                          String feb) {
        Map<String, Object> body = new HashMap<>(Map.of("customerNo", no(letter), "type", type,
                "name", "分层客户" + letter, "branchCode", branchCode, "aum", new BigDecimal(feb == null ? jan : feb)));
        if (branchCode.equals(branch)) {
            body.put("ownerRm", rm);
        }
        if (type.equals("RETAIL")) {
            body.put("birthDate", "1980-06-15");
        } else {
            body.put("companySize", "MEDIUM");
            body.put("industry", "制造业");
            body.put("annualContribution", new BigDecimal("200000"));
        }
        var res = admin.postJson("/api/v1/customers", body);
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        aum(jdbc, letter, LocalDate.of(2025, 1, 1), jan);
        aum(jdbc, letter, LocalDate.of(2025, 2, 1), feb);
    }

    private void aum(JdbcTemplate jdbc, String letter, LocalDate month, String avg) {
        if (avg != null) {
            jdbc.update("""
                    insert into aum_monthly (customer_id, month, avg_aum)
                    select id, ?, ? from customer where customer_no = ?""", month, new BigDecimal(avg), no(letter));
        }
    }
}
