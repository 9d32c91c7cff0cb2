package org.bankcrm.web.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Unowned high-tier customers and their assignment, and a single reassignment carrying the customer's open
 * opportunities and planned visits along (CustomerOwnership, the one rule of every change of hands).
 */
@CrmWebTest
class CustomerAssignmentTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theUnownedListHoldsHighTiersOnlyHighestTierThenLargestAumFirst() {
        HandoverFixture f = new HandoverFixture(port, jdbc);
        // A branch of its own under HQ, so that the list is exactly this test's and no head's subtree grows.
        String branch = f.branch("HQ");
        String rm = f.rm("rm", branch);
        String privateOne = f.customer("P", 7_000_000, branch, null);
        String diamond = f.customer("D", 3_000_000, branch, null);
        String gold = f.customer("G", 60_000, branch, null);
        f.customer("M", 10_000, branch, null);
        f.customer("O", 8_000_000, branch, rm);
        String strategic = f.corporate("S", 100_000, 6_000_000, branch);
        Http head = Http.basic(port, "admin");

        JsonNode page = head.get("/api/v1/customers/unowned?branch=" + branch).json();
        assertThat(page.get("total").asInt()).isEqualTo(4);
        List<String> order = new ArrayList<>();
        page.get("items").forEach(i -> order.add(i.get("customerNo").asString() + ":" + i.get("tier").asString()));
        assertThat(order).containsExactly(privateOne + ":PRIVATE", strategic + ":STRATEGIC", diamond + ":DIAMOND",
                gold + ":GOLD");
        assertThat(page.get("items").get(0).has("idNo")).isFalse();

        JsonNode onlyPrivate = head.get("/api/v1/customers/unowned?tier=PRIVATE&branch=" + branch + "&size=1").json();
        assertThat(onlyPrivate.get("total").asInt()).isEqualTo(1);
        assertThat(onlyPrivate.get("items").get(0).get("customerNo").asString()).isEqualTo(privateOne);

        var mass = head.language("en").get("/api/v1/customers/unowned?tier=MASS");
        assertThat(mass.status()).isEqualTo(400);
        assertThat(mass.json().get("errors").get(0).get("message").asString())
                .isEqualTo("MASS is not a high tier (it has no service standard).");
        assertThat(Http.basic(port, "head1").get("/api/v1/customers/unowned?branch=" + branch).status())
                .isEqualTo(403);
        assertThat(Http.basic(port, "head1").get("/api/v1/customers/unowned?size=500").body())
                .doesNotContain(f.tag);
        assertThat(Http.basic(port, "rm1").get("/api/v1/customers/unowned").status()).isEqualTo(403);
    }

    @Test
    void aBulkAssignmentIsAllOrNothing() {
        HandoverFixture f = new HandoverFixture(port, jdbc);
        String taker = f.rm("take", "BR001");
        String owner = f.rm("own", "BR001");
        String u1 = f.customer("U1", 7_000_000, "BR001", null);
        String u2 = f.customer("U2", 6_500_000, "BR001", null);
        String owned = f.customer("W", 7_000_000, "BR001", owner);
        long unownedOpp = f.opportunity(u1, null);
        Http head = Http.basic(port, "head1").language("en");

        var conflict = head.postJson("/api/v1/customers/assignments",
                Map.of("customerNos", List.of(u1, owned), "ownerRm", taker));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body()).contains(owned);
        var missing = head.postJson("/api/v1/customers/assignments",
                Map.of("customerNos", List.of(u1, f.tag + "-NOPE"), "ownerRm", taker));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("customerNos");
        assertThat(missing.json().get("errors").get(0).get("message").asString()).contains(f.tag + "-NOPE");
        var outside = Http.basic(port, "head2").postJson("/api/v1/customers/assignments",
                Map.of("customerNos", List.of(u1), "ownerRm", "rm3"));
        assertThat(outside.status()).isEqualTo(400);
        var empty = head.postJson("/api/v1/customers/assignments", Map.of("customerNos", List.of(), "ownerRm", taker));
        assertThat(empty.json().get("errors").get(0).get("message").asString())
                .isEqualTo("Choose at least one customer.");
        var wrongRm = head.postJson("/api/v1/customers/assignments",
                Map.of("customerNos", List.of(u1), "ownerRm", "rm3"));
        assertThat(wrongRm.status()).isEqualTo(400);
        assertThat(wrongRm.json().get("errors").get(0).get("field").asString()).isEqualTo("ownerRm");
        assertThat(f.ownerOf(u1)).isNull();
        assertThat(f.ownerOf(unownedOpp)).isNull();

        var done = head.postJson("/api/v1/customers/assignments",
                Map.of("customerNos", List.of(u1, u2), "ownerRm", taker));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().get("customers").asInt()).isEqualTo(2);
        assertThat(done.json().get("opportunities").asInt()).isEqualTo(1);
        assertThat(f.ownerOf(u1)).isEqualTo(taker);
        assertThat(f.ownerOf(u2)).isEqualTo(taker);
        assertThat(f.ownerOf(unownedOpp)).isEqualTo(taker);
        assertThat(f.ownerEvents(unownedOpp)).containsExactly("-->" + taker);
        assertThat(head.get("/api/v1/customers/unowned?tier=PRIVATE&size=500").body()).doesNotContain(u1);
        // Assigned since the list was read: the second assignment names it and changes nothing.
        var late = head.postJson("/api/v1/customers/assignments", Map.of("customerNos", List.of(u2), "ownerRm", owner));
        assertThat(late.status()).isEqualTo(409);
        assertThat(f.ownerOf(u2)).isEqualTo(taker);
    }

    @Test
    void reassigningACustomerCarriesItsOpenOpportunitiesAndPlannedVisits() {
        HandoverFixture f = new HandoverFixture(port, jdbc);
        String before = f.rm("before", "BR001");
        String after = f.rm("after", "BR001");
        String other = f.rm("other", "BR001");
        String c = f.customer("K", 900_000, "BR001", before);
        long open = f.opportunity(c, before);
        long unowned = f.opportunity(c, null);
        long others = f.opportunity(c, other);
        long closed = f.opportunity(c, before);
        f.lose(closed);
        long planned = f.visit(before, c, "PLANNED");
        long done = f.visit(before, c, "DONE");
        long othersVisit = f.visit(other, c, "PLANNED");

        Http head = Http.session(port, "head1");
        int version = Http.basic(port, "head1").get("/api/v1/customers/" + c).json().get("version").asInt();
        var res = head.submit("/customers/" + c, "/customers/" + c + "/owner",
                Map.of("ownerRm", after, "version", String.valueOf(version)));
        assertThat(res.status()).isEqualTo(302);

        assertThat(f.ownerOf(c)).isEqualTo(after);
        assertThat(f.ownerOf(open)).isEqualTo(after);
        assertThat(f.ownerOf(unowned)).isEqualTo(after);
        assertThat(f.ownerOf(others)).isEqualTo(other);
        assertThat(f.ownerOf(closed)).isEqualTo(before);
        assertThat(f.rmOfVisit(planned)).isEqualTo(after);
        assertThat(f.rmOfVisit(done)).isEqualTo(before);
        assertThat(f.rmOfVisit(othersVisit)).isEqualTo(other);
        assertThat(f.ownerEvents(open)).containsExactly(before + "->" + after);
        assertThat(jdbc.queryForObject("select detail from audit_log where action = 'CUSTOMER_OWNER'"
                + " and entity_id = ?", String.class, c))
                .isEqualTo(before + " -> " + after + " (opportunities 2, visits 1)");
    }
}
