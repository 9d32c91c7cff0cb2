package org.bankcrm.web.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.DemoRows;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Personal data stays masked; the owning RM or a head of the branch may reveal one datum with a reason, audited. */
@CrmWebTest
class RevealTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private String rm1Customer() {
        return DemoRows.customerOf(jdbc, "rm1", "c.phone is not null and c.id_no is not null");
    }

    @Test
    void theOwnerRevealsWithAReasonAndTheRevealIsAudited() {
        String no = rm1Customer();
        String phone = jdbc.queryForObject("select phone from customer where customer_no = ?", String.class, no);
        Http rm1 = Http.basic(port, "rm1");
        assertThat(rm1.get("/api/v1/customers/" + no).body()).doesNotContain(phone);

        var res = rm1.postJson("/api/v1/customers/" + no + "/reveal", Map.of("field", "PHONE", "reason", "客户来电核实身份"));
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().get("value").asString()).isEqualTo(phone);
        String detail = jdbc.queryForObject("select detail from audit_log where action = 'PII_REVEALED' and actor = 'rm1'"
                + " and entity_id = ? order by id desc limit 1", String.class, no);
        assertThat(detail).isEqualTo("PHONE: 客户来电核实身份").doesNotContain(phone);

        assertThat(Http.basic(port, "head1").postJson("/api/v1/customers/" + no + "/reveal",
                Map.of("field", "ID_NO", "reason", "复核开户资料")).status()).isEqualTo(200);
    }

    @Test
    void othersCannotRevealAndAReasonIsRequired() {
        String no = rm1Customer();
        Map<String, String> body = Map.of("field", "ID_NO", "reason", "想看看而已");
        assertThat(Http.basic(port, "rm2").postJson("/api/v1/customers/" + no + "/reveal", body).status()).isIn(403, 404);
        assertThat(Http.basic(port, "head2").postJson("/api/v1/customers/" + no + "/reveal", body).status()).isEqualTo(404);
        assertThat(Http.basic(port, "admin").postJson("/api/v1/customers/" + no + "/reveal", body).status()).isEqualTo(403);
        assertThat(Http.basic(port, "teller1").postJson("/api/v1/customers/" + no + "/reveal", body).status()).isIn(403, 404);
        var noReason = Http.basic(port, "rm1").postJson("/api/v1/customers/" + no + "/reveal", Map.of("field", "ID_NO"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");
    }

    @Test
    void thePageShowsTheValueOnceAfterTheReason() {
        String no = rm1Customer();
        String idNo = jdbc.queryForObject("select id_no from customer where customer_no = ?", String.class, no);
        Http rm1 = Http.session(port, "rm1");
        String page = rm1.get("/customers/" + no).body();
        assertThat(page).contains("id=\"reveal\"").doesNotContain(idNo);
        var shown = rm1.submit("/customers/" + no, "/customers/" + no + "/reveal", Map.of("field", "ID_NO",
                "reason", "办理业务核实身份"));
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).contains(idNo);
        assertThat(shown.header("Cache-Control")).contains("no-store");
        assertThat(rm1.get("/customers/" + no).body()).doesNotContain(idNo);
        var refused = rm1.submit("/customers/" + no, "/customers/" + no + "/reveal", Map.of("field", "ID_NO", "reason", ""));
        assertThat(refused.body()).contains("请填写查看原因").doesNotContain(idNo);
    }
}
