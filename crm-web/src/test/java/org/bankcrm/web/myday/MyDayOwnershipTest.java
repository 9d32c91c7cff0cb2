package org.bankcrm.web.myday;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * My day's due and overdue next actions belong to whoever owns what they are about now: a reassigned
 * opportunity's pending action moves to its new owner, a customer-only one follows the customer's owner.
 */
@CrmWebTest
class MyDayOwnershipTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private static LocalDate bankToday() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void aReassignedOpportunitysNextActionMovesToTheNewOwner() {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' order by c.customer_no limit 1""", String.class);
        Http rm1 = Http.basic(port, "rm1");
        var created = rm1.postJson("/api/v1/opportunities", Map.of("customerNo", customer, "productCode", "FUND",
                "amount", 100000, "expectedCloseDate", bankToday().plusDays(40).toString()));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        String action = "回访确认方案 " + id;
        assertThat(rm1.postJson("/api/v1/opportunities/" + id + "/follow-ups", Map.of("type", "CALL",
                "summary", "初次沟通", "nextAction", action, "nextActionDate", bankToday().toString())).status())
                .isEqualTo(201);
        Http rm1Page = Http.session(port, "rm1");
        Http rm2Page = Http.session(port, "rm2");
        assertThat(rm1Page.get("/").body()).contains(action);
        assertThat(rm2Page.get("/").body()).doesNotContain(action);

        assertThat(Http.basic(port, "head1").postJson("/api/v1/opportunities/" + id + "/owner",
                Map.of("ownerRm", "rm2", "version", 0)).status()).isEqualTo(200);

        assertThat(rm1Page.get("/").body()).doesNotContain(action);
        String rm2Home = rm2Page.get("/").body();
        assertThat(rm2Home).contains("href=\"/opportunities/" + id + "\">" + action + "</a>");
        // The head's My day still lists it (their subtree), once.
        String headHome = Http.session(port, "head1").get("/").body();
        assertThat(headHome.split(java.util.regex.Pattern.quote(action), -1)).hasSize(2);

        // The new owner's follow-up completes the pending action the previous owner wrote.
        assertThat(Http.basic(port, "rm2").postJson("/api/v1/opportunities/" + id + "/follow-ups",
                Map.of("type", "VISIT", "summary", "接手后拜访")).status()).isEqualTo(201);
        assertThat(rm2Page.get("/").body()).doesNotContain(action);
        assertThat(jdbc.queryForObject("select next_action_done from follow_up where next_action = ?",
                Boolean.class, action)).isTrue();
    }

    @Test
    void aCustomerOnlyNextActionFollowsTheCustomersOwnerAndLinksToTheCustomer() {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' order by c.customer_no desc limit 1 offset 7""", String.class);
        String action = "客户层面待办 " + customer;
        jdbc.update("""
                insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, next_action,
                                       next_action_date, next_action_done, created_by)
                select c.id, null, 'CALL', now(), '客户沟通', ?, ?, false, u.id
                from customer c, staff_user u where c.customer_no = ? and u.username = 'rm1'""",
                action, bankToday().minusDays(30), customer);
        Http rm1Page = Http.session(port, "rm1");
        Http rm2Page = Http.session(port, "rm2");
        String rm1Home = rm1Page.get("/").body();
        assertThat(rm1Home).contains("href=\"/customers/" + customer + "\">" + action + "</a>");

        // The customer passes to rm2 (same branch): so does its pending action.
        jdbc.update("update customer set owner_id = (select id from staff_user where username = 'rm2')"
                + " where customer_no = ?", customer);
        assertThat(rm1Page.get("/").body()).doesNotContain(action);
        assertThat(rm2Page.get("/").body()).contains("href=\"/customers/" + customer + "\">" + action + "</a>");
        assertThat(Http.session(port, "head2").get("/").body()).doesNotContain(action);
    }
}
