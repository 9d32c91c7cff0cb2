package org.bankcrm.web.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Follow-ups on a customer itself: who may log and list them (the owner RM, heads and admins in scope; others get
 * 404), newest first and only the customer's own, and a next action on one shows on the owner's My day until the
 * owner's next contact completes it.
 */
@CrmWebTest
class CustomerFollowUpApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private static LocalDate bankToday() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    /** A retail customer of rm1 in BR001 (head1's branch), with a number of its own. */
    private String customerOfRm1() {
        String no = "T-CFU-" + ThreadLocalRandom.current().nextInt(10_000_000);
        Map<String, Object> body = new HashMap<>(Map.of("customerNo", no, "type", "RETAIL", "name", "联系测试客户",
                "branchCode", "BR001", "birthDate", "1980-05-01", "aum", 2000000));
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/customers", body).status()).isEqualTo(201);
        return no;
    }

    private static String path(String no) {
        return "/api/v1/customers/" + no + "/follow-ups";
    }

    private long count(String no) {
        return jdbc.queryForObject("select count(*) from follow_up f join customer c on c.id = f.customer_id"
                + " where c.customer_no = ?", Long.class, no);
    }

    @Test
    void theOwnerAndTheHeadInScopeLogOthersFindNothing() {
        String no = customerOfRm1();
        var created = Http.basic(port, "rm1").postJson(path(no), Map.of("type", "VISIT", "summary", "上门拜访",
                "outcome", "有理财意向"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith(path(no));
        JsonNode f = created.json();
        assertThat(f.get("type").asString()).isEqualTo("VISIT");
        assertThat(f.get("summary").asString()).isEqualTo("上门拜访");
        assertThat(f.get("outcome").asString()).isEqualTo("有理财意向");
        assertThat(f.get("by").asString()).isEqualTo("rm1");
        assertThat(f.get("opportunityId").isNull()).isTrue();

        assertThat(Http.basic(port, "head1").postJson(path(no), Map.of("type", "CALL", "summary", "负责人回访"))
                .status()).isEqualTo(201);
        assertThat(Http.basic(port, "admin").postJson(path(no), Map.of("type", "CALL", "summary", "总行回访"))
                .status()).isEqualTo(201);
        assertThat(Http.basic(port, "rm2").postJson(path(no), Map.of("type", "CALL", "summary", "越权"))
                .status()).isEqualTo(404);
        assertThat(Http.basic(port, "head2").postJson(path(no), Map.of("type", "CALL", "summary", "越权"))
                .status()).isEqualTo(404);
        assertThat(Http.basic(port, "rm2").get(path(no)).status()).isEqualTo(404);
        assertThat(Http.basic(port, "head2").get(path(no)).status()).isEqualTo(404);
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/customers/T-CFU-NONE/follow-ups",
                Map.of("type", "CALL", "summary", "无此客户")).status()).isEqualTo(404);
        assertThat(count(no)).isEqualTo(3);
    }

    @Test
    void theListIsTheCustomersOwnNewestFirst() {
        String no = customerOfRm1();
        Http rm1 = Http.basic(port, "rm1");
        assertThat(rm1.postJson(path(no), Map.of("type", "CALL", "summary", "第二次",
                "occurredAt", "2026-03-02T10:00:00+08:00")).status()).isEqualTo(201);
        assertThat(rm1.postJson(path(no), Map.of("type", "VISIT", "summary", "第一次",
                "occurredAt", "2026-03-01T10:00:00+08:00")).status()).isEqualTo(201);
        assertThat(rm1.postJson(path(no), Map.of("type", "MEETING", "summary", "第三次",
                "occurredAt", "2026-03-03T10:00:00+08:00")).status()).isEqualTo(201);
        var opportunity = rm1.postJson("/api/v1/opportunities", Map.of("customerNo", no, "productCode", "FUND",
                "amount", 100000, "expectedCloseDate", bankToday().plusDays(40).toString()));
        assertThat(opportunity.status()).isEqualTo(201);
        long id = opportunity.json().get("id").asLong();
        assertThat(rm1.postJson("/api/v1/opportunities/" + id + "/follow-ups", Map.of("type", "VISIT",
                "summary", "商机跟进")).status()).isEqualTo(201);

        JsonNode list = rm1.get(path(no)).json();
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.get(0).get("summary").asString()).isEqualTo("第三次");
        assertThat(list.get(1).get("summary").asString()).isEqualTo("第二次");
        assertThat(list.get(2).get("summary").asString()).isEqualTo("第一次");
        assertThat(Http.basic(port, "head1").get(path(no)).json().size()).isEqualTo(3);
    }

    @Test
    void badInputIsRefusedLikeAnOpportunitysFollowUp() {
        String no = customerOfRm1();
        Http rm1 = Http.basic(port, "rm1");
        var noSummary = rm1.postJson(path(no), Map.of("type", "VISIT", "summary", " "));
        assertThat(noSummary.status()).isEqualTo(400);
        assertThat(noSummary.body()).contains("\"field\":\"summary\"");
        var dateWithoutAction = rm1.postJson(path(no), Map.of("type", "VISIT", "summary", "拜访",
                "nextActionDate", bankToday().plusDays(3).toString()));
        assertThat(dateWithoutAction.status()).isEqualTo(400);
        assertThat(dateWithoutAction.body()).contains("\"field\":\"nextAction\"");
        var badType = rm1.postJson(path(no), Map.of("type", "FAX", "summary", "拜访"));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body()).contains("\"field\":\"type\"");
        assertThat(count(no)).isZero();
    }

    @Test
    void aNextActionOnTheCustomerIsOnTheOwnersMyDayUntilTheOwnerNextContacts() {
        String no = customerOfRm1();
        String action = "送生日礼品 " + no;
        assertThat(Http.basic(port, "rm1").postJson(path(no), Map.of("type", "CALL", "summary", "电话问候",
                "nextAction", action, "nextActionDate", bankToday().toString())).status()).isEqualTo(201);
        Http rm1Page = Http.session(port, "rm1");
        assertThat(rm1Page.get("/").body()).contains("href=\"/customers/" + no + "\">" + action + "</a>");
        assertThat(Http.session(port, "rm2").get("/").body()).doesNotContain(action);
        assertThat(Http.session(port, "head1").get("/").body()).contains(action);

        // The head's contact does not complete the owner's action; the owner's next one does.
        assertThat(Http.basic(port, "head1").postJson(path(no), Map.of("type", "VISIT", "summary", "负责人拜访"))
                .status()).isEqualTo(201);
        assertThat(rm1Page.get("/").body()).contains(action);
        assertThat(Http.basic(port, "rm1").postJson(path(no), Map.of("type", "VISIT", "summary", "已送达"))
                .status()).isEqualTo(201);
        assertThat(rm1Page.get("/").body()).doesNotContain(action);
        assertThat(jdbc.queryForObject("select next_action_done from follow_up where next_action = ?",
                Boolean.class, action)).isTrue();
    }
}
