package org.bankcrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * No mass assignment (ASVS 5.1.2 / issue 7): fields a role may not set are refused (another owner, with a clear
 * 400) or ignored (branch, status, stage, score, band, won amount, version), whatever a client puts in the JSON;
 * and sessions carry the idle timeout.
 */
@CrmWebTest
class MassAssignmentTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anRmCannotSetOwnerBranchStatusOrScoreOnCreate() {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' order by c.customer_no limit 1""", String.class);
        Map<String, Object> body = new HashMap<>(Map.of("customerNo", customer, "productCode", "FUND",
                "title", "越权字段测试", "amount", 1000, "expectedCloseDate", LocalDate.now().plusDays(30).toString()));
        Map<String, Object> otherOwner = new HashMap<>(body);
        otherOwner.put("ownerRm", "rm2");
        var refused = Http.basic(port, "rm1").postJson("/api/v1/opportunities", otherOwner);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("ownerRm");
        assertThat(jdbc.queryForObject("select count(*) from opportunity where title = '越权字段测试'", Integer.class))
                .isZero();

        body.putAll(Map.of("branchCode", "BR002", "status", "WON", "stage", "NEGOTIATION",
                "score", 99.9, "band", "A", "wonAmount", 5000, "id", 1, "version", 7, "scoreModelVersion", 42));
        var res = Http.basic(port, "rm1").postJson("/api/v1/opportunities", body);
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        var o = res.json();
        assertThat(o.get("ownerRm").asString()).isEqualTo("rm1");
        assertThat(o.get("branchCode").asString()).isEqualTo("BR001");
        assertThat(o.get("status").asString()).isEqualTo("OPEN");
        assertThat(o.get("stage").asString()).isEqualTo("IDENTIFIED");
        assertThat(o.get("wonAmount").isNull()).isTrue();
        assertThat(o.get("version").asInt()).isZero();
        assertThat(o.get("score").asDouble()).isNotEqualTo(99.9);
        assertThat(o.get("scoreModelVersion").asInt()).isNotEqualTo(42);
    }

    @Test
    void aPatchChangesOnlyTheEditableFields() {
        long id = jdbc.queryForObject("""
                select o.id from opportunity o join staff_user u on u.id = o.owner_id
                where u.username = 'rm1' and o.status = 'OPEN' order by o.id desc limit 1""", Long.class);
        var before = Http.basic(port, "rm1").get("/api/v1/opportunities/" + id).json();
        var res = Http.basic(port, "rm1").patchJson("/api/v1/opportunities/" + id, Map.of("version",
                before.get("version").asInt(), "ownerRm", "rm2", "stage", "WON", "status", "WON", "score", 100,
                "branchCode", "BR002", "needStrength", 4));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        var after = res.json();
        assertThat(after.get("ownerRm").asString()).isEqualTo("rm1");
        assertThat(after.get("stage").asString()).isEqualTo(before.get("stage").asString());
        assertThat(after.get("branchCode").asString()).isEqualTo("BR001");
        assertThat(after.get("needStrength").asInt()).isEqualTo(4);
    }

    @Test
    void sessionsExpireAfterThirtyIdleMinutes() {
        Http.session(port, "rm2");
        assertThat(jdbc.queryForObject("select max(max_inactive_interval) from spring_session where principal_name = 'rm2'",
                Integer.class)).isEqualTo(30 * 60);
    }
}
