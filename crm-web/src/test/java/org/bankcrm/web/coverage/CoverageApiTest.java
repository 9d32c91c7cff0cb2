package org.bankcrm.web.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The coverage API over {@link CoverageFixture}'s bank, figures computed by hand on its day D (2026-06-30). */
@CrmWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoverageApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    CoverageFixture f;

    @BeforeAll
    void seed() {
        f = new CoverageFixture(jdbc, port);
    }

    private JsonNode get(String user, String path) {
        Http.Response r = Http.basic(port, user).get(path);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode tier(JsonNode coverage, String tier) {
        for (JsonNode t : coverage.get("byTier")) {
            if (t.get("tier").asText().equals(tier)) {
                return t;
            }
        }
        return null;
    }

    private static String line(JsonNode t) {
        return t.get("customers").asLong() + "/" + t.get("covered").asLong() + " "
                + (t.get("coverageRate").isNull() ? "null" : t.get("coverageRate").decimalValue()
                        .setScale(4, java.math.RoundingMode.UNNECESSARY).toPlainString());
    }

    private List<String> due(String user, String query) {
        JsonNode page = get(user, "/api/v1/coverage/due?" + query);
        List<String> lines = new ArrayList<>();
        for (JsonNode i : page.get("items")) {
            lines.add(i.get("customerNo").asText().substring(f.p.length() + 1) + " "
                    + (i.get("dueOn").isNull() ? "-" : i.get("dueOn").asText()) + " "
                    + (i.get("overdueDays").isNull() ? "-" : i.get("overdueDays").asText()));
        }
        return lines;
    }

    @Test
    void anRmSeesTheirOwnBookByTier() {
        JsonNode c = get(f.rmA, "/api/v1/coverage?asOf=2026-06-30");
        assertThat(c.get("asOf").asText()).isEqualTo("2026-06-30");
        // A1 covered on its first covered day, A2 (the day before) not, A3 only by types that do not count.
        assertThat(line(tier(c, "PRIVATE"))).isEqualTo("3/1 0.3333");
        // A4 contacted only through its opportunity's follow-up.
        assertThat(line(tier(c, "DIAMOND"))).isEqualTo("1/1 1.0000");
        // A7's visit comes after D: never contacted on D.
        assertThat(line(tier(c, "PLATINUM"))).isEqualTo("2/0 0.0000");
        assertThat(line(tier(c, "GOLD"))).isEqualTo("1/1 1.0000");
        assertThat(tier(c, "MASS")).isNull();
        assertThat(tier(c, "LONG_TAIL")).isNull();
        assertThat(line(tier(c, "KEY"))).isEqualTo("0/0 null");
        assertThat(line(c.get("total"))).isEqualTo("7/3 0.4286");
        assertThat(tier(c, "DIAMOND").get("contactDays").asInt()).isEqualTo(30);
    }

    @Test
    void anRmMayNotAskForAnotherRmsBook() {
        assertThat(Http.basic(port, f.rmA).get("/api/v1/coverage?owner=" + f.rmB).status()).isEqualTo(403);
        assertThat(Http.basic(port, f.rmA).get("/api/v1/coverage/due?owner=" + f.rmB).status()).isEqualTo(403);
    }

    @Test
    void theHeadSeesTheSubtreeWithUnownedCustomersAndNotTheSiblingBranch() {
        JsonNode c = get(f.head, "/api/v1/coverage?asOf=2026-06-30");
        assertThat(line(tier(c, "PRIVATE"))).isEqualTo("4/2 0.5000");
        assertThat(line(tier(c, "DIAMOND"))).isEqualTo("2/1 0.5000");
        assertThat(line(tier(c, "PLATINUM"))).isEqualTo("3/1 0.3333");
        assertThat(line(tier(c, "GOLD"))).isEqualTo("2/1 0.5000");
        assertThat(line(c.get("total"))).isEqualTo("11/5 0.4545");
        // The child branch alone, and one RM.
        assertThat(line(get(f.head, "/api/v1/coverage?asOf=2026-06-30&branch=" + f.branchX1).get("total")))
                .isEqualTo("2/1 0.5000");
        assertThat(line(get(f.head, "/api/v1/coverage?asOf=2026-06-30&owner=" + f.rmA).get("total")))
                .isEqualTo("7/3 0.4286");
        // The sibling branch and its RM are out of the head's scope.
        assertThat(Http.basic(port, f.head).get("/api/v1/coverage?branch=" + f.branchY).status()).isEqualTo(403);
        assertThat(Http.basic(port, f.head).get("/api/v1/coverage?owner=" + f.rmY).status()).isEqualTo(403);
        // An admin asks for the branch.
        assertThat(line(get("admin", "/api/v1/coverage?asOf=2026-06-30&branch=" + f.branchX).get("total")))
                .isEqualTo("11/5 0.4545");
        assertThat(line(get("admin", "/api/v1/coverage?asOf=2026-06-30&branch=" + f.branchY).get("total")))
                .isEqualTo("1/0 0.0000");
    }

    @Test
    void byRmHasARowForTheCustomersWithNoOwner() {
        JsonNode r = get(f.head, "/api/v1/coverage/by-rm?asOf=2026-06-30");
        List<String> rows = new ArrayList<>();
        for (JsonNode o : r.get("byOwner")) {
            rows.add((o.get("ownerRm").isNull() ? "none" : o.get("ownerRm").asText()) + " " + line(o));
        }
        assertThat(rows).containsExactly(f.rmA + " 7/3 0.4286", f.rmB + " 2/1 0.5000", "none 2/1 0.5000");
    }

    @Test
    void theDueListPutsNeverContactedFirstThenTheMostOverdue() {
        assertThat(due(f.rmA, "asOf=2026-06-30")).containsExactly(
                "A3 - -", "A7 - -", "A6 2026-04-30 61", "A2 2026-06-30 0", "A1 2026-07-01 0", "A8 2026-07-04 0");
        JsonNode page = get(f.rmA, "/api/v1/coverage/due?asOf=2026-06-30&within=7&page=1&size=4");
        assertThat(page.get("total").asLong()).isEqualTo(6);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(4);
        assertThat(page.get("items")).hasSize(2);
        JsonNode a6 = get(f.rmA, "/api/v1/coverage/due?asOf=2026-06-30&size=3").get("items").get(2);
        assertThat(a6.get("customerNo").asText()).isEqualTo(f.no("A6"));
        assertThat(a6.get("name").asText()).isEqualTo("覆盖客户A6");
        assertThat(a6.get("tier").asText()).isEqualTo("PLATINUM");
        assertThat(a6.get("ownerRm").asText()).isEqualTo(f.rmA);
        assertThat(a6.get("lastContactOn").asText()).isEqualTo("2026-03-01");
    }

    @Test
    void theWithinBoundaryIsTheDueDay() {
        // A8 is due 07-04: within 3 (up to 07-03) leaves it out, within 4 takes it.
        assertThat(due(f.rmA, "asOf=2026-06-30&within=3")).containsExactly(
                "A3 - -", "A7 - -", "A6 2026-04-30 61", "A2 2026-06-30 0", "A1 2026-07-01 0");
        assertThat(due(f.rmA, "asOf=2026-06-30&within=4")).hasSize(6);
        // within 0: the customers not covered on D, exactly customers − covered.
        assertThat(due(f.rmA, "asOf=2026-06-30&within=0"))
                .containsExactly("A3 - -", "A7 - -", "A6 2026-04-30 61", "A2 2026-06-30 0");
        assertThat(get(f.rmA, "/api/v1/coverage/uncovered?asOf=2026-06-30").get("total").asLong()).isEqualTo(4);
        assertThat(get(f.head, "/api/v1/coverage/uncovered?asOf=2026-06-30").get("total").asLong()).isEqualTo(6);
        assertThat(get(f.head, "/api/v1/coverage/uncovered?asOf=2026-06-30&unowned=true").get("total").asLong())
                .isEqualTo(1);
        assertThat(get(f.head, "/api/v1/coverage/uncovered?asOf=2026-06-30&tier=PRIVATE").get("total").asLong())
                .isEqualTo(2);
    }

    @Test
    void aLaterDayCountsTheLaterFollowUps() {
        // On 07-10 A7's visit counts (covered, due 09-08); A1 (due 07-01) and A8 (due 07-04) have lapsed.
        assertThat(line(get(f.rmA, "/api/v1/coverage?asOf=2026-07-10").get("total"))).isEqualTo("7/2 0.2857");
        assertThat(due(f.rmA, "asOf=2026-07-10&within=0")).containsExactly("A3 - -", "A6 2026-04-30 71",
                "A2 2026-06-30 10", "A1 2026-07-01 9", "A8 2026-07-04 6");
    }

    @Test
    void aCustomerMovingTierIsMeasuredByItsNewTiersStandard() {
        CoverageFixture g = new CoverageFixture(jdbc, port);
        // A8 (GOLD, a WECHAT on 04-05: covered) becomes PRIVATE: 30 days, and WECHAT does not count there.
        jdbc.update("update customer set tier = 'PRIVATE' where customer_no = ?", g.no("A8"));
        JsonNode c = get(g.rmA, "/api/v1/coverage?asOf=2026-06-30");
        assertThat(line(tier(c, "PRIVATE"))).isEqualTo("4/1 0.2500");
        assertThat(line(tier(c, "GOLD"))).isEqualTo("0/0 null");
        assertThat(line(c.get("total"))).isEqualTo("7/2 0.2857");
        assertThat(due(g.rmA, "asOf=2026-06-30&within=0")).startsWith("A3 - -", "A7 - -", "A8 - -");
        // And into MASS, which has no standard: out of the figures altogether.
        jdbc.update("update customer set tier = 'MASS' where customer_no = ?", g.no("A8"));
        assertThat(line(get(g.rmA, "/api/v1/coverage?asOf=2026-06-30").get("total"))).isEqualTo("6/2 0.3333");
    }

    @Test
    void badParametersAre400() {
        Http rm = Http.basic(port, f.rmA);
        for (String q : List.of("/api/v1/coverage?asOf=2026-13-01", "/api/v1/coverage?asOf=yesterday",
                "/api/v1/coverage/due?within=-1", "/api/v1/coverage/due?within=367", "/api/v1/coverage/due?within=x",
                "/api/v1/coverage/due?asOf=2026-02-30", "/api/v1/coverage/due?tier=GOLDEN",
                "/api/v1/coverage/due?size=0", "/api/v1/coverage/due?page=-1", "/api/v1/coverage/by-rm?asOf=x")) {
            Http.Response r = rm.get(q);
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(q).startsWith("application/problem+json");
        }
        JsonNode errors = rm.get("/api/v1/coverage/due?within=367").json().get("errors");
        assertThat(errors.get(0).get("field").asText()).isEqualTo("within");
        assertThat(rm.get("/api/v1/coverage/due?within=366").status()).isEqualTo(200);
        assertThat(rm.get("/api/v1/coverage/due?within=0").status()).isEqualTo(200);
    }
}
