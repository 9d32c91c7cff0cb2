package org.bankcrm.web.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Record scope, in the API and the pages: own for RMs, branch subtree for heads, all for admins. */
@CrmWebTest
class ScopeTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private String customerOwnedBy(String username) {
        return jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = ? order by c.customer_no limit 1""", String.class, username);
    }

    private long opportunityOwnedBy(String username) {
        return jdbc.queryForObject("""
                select o.id from opportunity o join staff_user u on u.id = o.owner_id
                where u.username = ? order by o.id limit 1""", Long.class, username);
    }

    private Set<String> all(Http http, String path, String field) {
        Set<String> values = new HashSet<>();
        JsonNode page = http.get(path + (path.contains("?") ? "&" : "?") + "size=500").json();
        page.get("items").forEach(i -> values.add(i.get(field).isNull() ? "null" : i.get(field).asString()));
        return values;
    }

    @Test
    void anRmListsOnlyTheirOwnCustomersAndOpportunities() {
        Http rm1 = Http.basic(port, "rm1");
        assertThat(all(rm1, "/api/v1/customers", "ownerRm")).containsOnly("rm1");
        assertThat(all(rm1, "/api/v1/opportunities", "ownerRm")).containsOnly("rm1");
    }

    @Test
    void anRmCannotReadAnotherRmsCustomerOrOpportunity() {
        Http rm1 = Http.basic(port, "rm1");
        String theirs = customerOwnedBy("rm2");
        var customer = rm1.get("/api/v1/customers/" + theirs);
        assertThat(customer.status()).isEqualTo(404);
        assertThat(customer.body()).doesNotContain("idNoMasked").doesNotContain("\"name\"");
        long opp = opportunityOwnedBy("rm2");
        var opportunity = rm1.get("/api/v1/opportunities/" + opp);
        assertThat(opportunity.status()).isEqualTo(404);
        assertThat(opportunity.body()).doesNotContain("amount");
        assertThat(Http.session(port, "rm1").get("/opportunities/" + opp).status()).isEqualTo(404);
        assertThat(Http.session(port, "rm1").get("/customers/" + theirs).status()).isEqualTo(404);
    }

    @Test
    void anRmCannotOpenAnOpportunityOnAnotherRmsCustomer() {
        var res = Http.basic(port, "rm1").postJson("/api/v1/opportunities", java.util.Map.of(
                "customerNo", customerOwnedBy("rm2"), "productCode", "WEALTH", "amount", 1000,
                "expectedCloseDate", java.time.LocalDate.now().plusDays(10).toString()));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get("errors").get(0).get("field").asString()).isEqualTo("customerNo");
    }

    @Test
    void aBranchHeadSeesTheirSubtreeAndNothingElse() {
        Http head1 = Http.basic(port, "head1");
        assertThat(all(head1, "/api/v1/customers", "branchCode")).containsOnly("BR001");
        assertThat(all(head1, "/api/v1/opportunities", "branchCode")).containsOnly("BR001");
        assertThat(all(head1, "/api/v1/opportunities?owner=rm2", "ownerRm")).containsOnly("rm2");
        assertThat(head1.get("/api/v1/opportunities?owner=rm3").json().get("total").asInt()).isZero();
        assertThat(head1.get("/api/v1/customers/" + customerOwnedBy("rm3")).status()).isEqualTo(404);
        assertThat(head1.get("/api/v1/opportunities/" + opportunityOwnedBy("rm3")).status()).isEqualTo(404);
        assertThat(head1.get("/api/v1/opportunities/" + opportunityOwnedBy("rm2")).status()).isEqualTo(200);

        Http head2 = Http.basic(port, "head2");
        assertThat(all(head2, "/api/v1/customers", "branchCode")).containsOnly("BR002");
        assertThat(head2.get("/api/v1/customers/" + customerOwnedBy("rm1")).status()).isEqualTo(404);
    }

    @Test
    void anAdminSeesEveryBranch() {
        assertThat(all(Http.basic(port, "admin"), "/api/v1/customers", "branchCode")).contains("BR001", "BR002");
    }

    @Test
    void aReferrerSeesNoCustomersOrOpportunities() {
        Http teller = Http.basic(port, "teller1");
        assertThat(teller.get("/api/v1/customers").status()).isEqualTo(403);
        assertThat(teller.get("/api/v1/opportunities").status()).isEqualTo(403);
        assertThat(teller.get("/api/v1/opportunities/" + opportunityOwnedBy("rm1")).status()).isEqualTo(403);
    }

    @Test
    void onlyAdminsReachTheAdminApiAndPages() {
        assertThat(Http.basic(port, "head1").get("/api/v1/admin/users").status()).isEqualTo(403);
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/admin/branches",
                java.util.Map.of("code", "X1", "name", "x", "parentCode", "HQ")).status()).isEqualTo(403);
        assertThat(Http.session(port, "head1").get("/admin/users").status()).isEqualTo(403);
        assertThat(Http.session(port, "admin").get("/admin/users").status()).isEqualTo(200);
    }
}
