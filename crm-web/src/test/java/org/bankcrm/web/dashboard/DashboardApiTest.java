package org.bankcrm.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/dashboard/pipeline} against a pipeline whose every figure is known (see {@link DashboardFixture}). */
@CrmWebTest
class DashboardApiTest extends KnownPipelineTest {

    private JsonNode get(String user, String query) {
        var res = http(user).get("/api/v1/dashboard/pipeline?" + query);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json();
    }

    private Http http(String user) {
        return Http.basic(port, user);
    }

    private static Map<String, JsonNode> byKey(JsonNode array, String key) {
        Map<String, JsonNode> m = new HashMap<>();
        array.forEach(n -> m.put(n.get(key).isNull() ? null : n.get(key).asString(), n));
        return m;
    }

    private static void money(JsonNode n, String expected) {
        assertThat(n.decimalValue()).isEqualByComparingTo(expected);
    }

    @Test
    void everyFigureOfAKnownBranchInMarch() {
        DashboardFixture f = fx();
        JsonNode p = get(f.head, "branch=" + f.branch + "&from=2025-03-01&to=2025-03-31");
        assertThat(p.get("branchCode").asString()).isEqualTo(f.branch);
        assertThat(p.get("from").asString()).isEqualTo("2025-03-01");
        assertThat(p.get("to").asString()).isEqualTo("2025-03-31");

        assertThat(p.get("open").get("count").asLong()).isEqualTo(3);
        money(p.get("open").get("amount"), "383333.48");
        // 100000.05 × 10% + 250000.10 × 40% + 33333.33 × 80% = 136666.709
        money(p.get("open").get("weightedAmount"), "136666.71");
        Map<String, JsonNode> stages = byKey(p.get("byStage"), "stage");
        assertThat(stages.get("IDENTIFIED").get("count").asLong()).isEqualTo(1);
        money(stages.get("IDENTIFIED").get("weightedAmount"), "10000.01");
        money(stages.get("QUALIFIED").get("amount"), "250000.10");
        money(stages.get("QUALIFIED").get("weightedAmount"), "100000.04");
        money(stages.get("NEGOTIATION").get("weightedAmount"), "26666.66");
        assertThat(stages.get("CONTACTED").get("count").asLong()).isZero();
        money(stages.get("CONTACTED").get("amount"), "0");

        // Created in March (bank days): #1 (at 00:00 on the 1st), #3, #4, #5.
        assertThat(p.get("created").asLong()).isEqualTo(4);
        JsonNode closed = p.get("closed");
        assertThat(closed.get("won").asLong()).isEqualTo(1);
        assertThat(closed.get("lost").asLong()).isEqualTo(1);
        money(closed.get("wonAmount"), "299999.99");
        assertThat(closed.get("conversionRate").decimalValue()).isEqualByComparingTo("0.5");

        Map<String, JsonNode> owners = byKey(p.get("byOwner"), "ownerRm");
        assertThat(owners).containsOnlyKeys(f.rmA, f.rmB);
        JsonNode a = owners.get(f.rmA);
        assertThat(a.get("open").asLong()).isEqualTo(2);
        assertThat(a.get("won").asLong()).isEqualTo(1);
        assertThat(a.get("lost").asLong()).isZero();
        money(a.get("wonAmount"), "299999.99");
        assertThat(a.get("conversionRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(a.get("followUps").asLong()).isEqualTo(1);
        JsonNode b = owners.get(f.rmB);
        assertThat(b.get("open").asLong()).isEqualTo(1);
        assertThat(b.get("won").asLong()).isZero();
        assertThat(b.get("lost").asLong()).isEqualTo(1);
        money(b.get("wonAmount"), "0");
        assertThat(b.get("conversionRate").decimalValue()).isEqualByComparingTo("0");
        assertThat(b.get("followUps").asLong()).isEqualTo(1);

        Map<String, JsonNode> sources = byKey(p.get("bySource"), "source");
        assertThat(sources.get("RM_DISCOVERED").get("created").asLong()).isEqualTo(3);
        assertThat(sources.get("RM_DISCOVERED").get("won").asLong()).isEqualTo(1);
        assertThat(sources.get("RM_DISCOVERED").get("conversionRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(sources.get("CAMPAIGN").get("created").asLong()).isEqualTo(1);
        assertThat(sources.get("CAMPAIGN").get("won").asLong()).isZero();
        assertThat(sources.get("CAMPAIGN").get("conversionRate").decimalValue()).isEqualByComparingTo("0");
        assertThat(sources.get("REFERRAL").get("conversionRate").isNull()).isTrue();

        assertThat(p.get("stalled").asLong()).isEqualTo(2);
        assertThat(p.get("overdueActions").asLong()).isEqualTo(1);
    }

    @Test
    void conversionIsNullWhenNothingClosedAndRoundsToFourDecimals() {
        DashboardFixture f = fx();
        JsonNode jan = get(f.head, "branch=" + f.branch + "&from=2025-01-01&to=2025-01-31");
        assertThat(jan.get("closed").get("won").asLong()).isZero();
        assertThat(jan.get("closed").get("conversionRate").isNull()).isTrue();
        assertThat(jan.get("created").asLong()).isZero();
        byKey(jan.get("byOwner"), "ownerRm").values()
                .forEach(o -> assertThat(o.get("conversionRate").isNull()).isTrue());
        // February to April: won #3 #6, lost #4 #5 → 0.5; March to April 1st: won 1, lost 2 → 0.3333.
        JsonNode spring = get(f.head, "branch=" + f.branch + "&from=2025-03-01&to=2025-04-01");
        assertThat(spring.get("closed").get("conversionRate").decimalValue()).isEqualByComparingTo("0.3333");
        assertThat(spring.get("closed").get("conversionRate").asString()).isEqualTo("0.3333");
    }

    @Test
    void daysAreBankZoneDaysAtBothEnds() {
        DashboardFixture f = fx();
        JsonNode first = get(f.head, "branch=" + f.branch + "&from=2025-03-01&to=2025-03-01");
        assertThat(first.get("created").asLong()).as("created at 00:00:00 on the 1st").isEqualTo(1);
        JsonNode lastOfFeb = get(f.head, "branch=" + f.branch + "&from=2025-02-28&to=2025-02-28");
        assertThat(lastOfFeb.get("created").asLong()).as("created at 23:59:59.999").isEqualTo(1);
        assertThat(lastOfFeb.get("closed").get("won").asLong()).as("won at 23:59:59").isEqualTo(1);
        money(lastOfFeb.get("closed").get("wonAmount"), "1000.01");
        JsonNode april = get(f.head, "branch=" + f.branch + "&from=2025-04-01&to=2025-04-01");
        assertThat(april.get("closed").get("lost").asLong()).as("lost at 00:00:00 on April 1st").isEqualTo(1);
        assertThat(april.get("created").asLong()).as("created at 00:30 on April 1st (16:30 UTC the day before)")
                .isEqualTo(1);
        JsonNode lastOfMarch = get(f.head, "branch=" + f.branch + "&from=2025-03-31&to=2025-03-31");
        assertThat(lastOfMarch.get("closed").get("won").asLong()).isEqualTo(1);
        assertThat(lastOfMarch.get("created").asLong()).isZero();
        assertThat(byKey(lastOfMarch.get("byOwner"), "ownerRm").get(f.rmB).get("followUps").asLong()).isEqualTo(1);
    }

    @Test
    void scopeDecidesWhoSeesWhat() {
        DashboardFixture f = fx();
        String march = "&from=2025-03-01&to=2025-03-31";
        // Another branch's head: 403, and nothing of the figures.
        var other = Http.basic(port, "head2").get("/api/v1/dashboard/pipeline?branch=" + f.branch + march);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
        assertThat(other.body()).doesNotContain("open").doesNotContain("byOwner");
        assertThat(Http.basic(port, "head2").get("/api/v1/dashboard/pipeline?owner=" + f.rmA).status())
                .isEqualTo(403);
        // An RM: their own figures, whatever else they ask for.
        JsonNode own = get(f.rmA, march.substring(1));
        assertThat(own.get("open").get("count").asLong()).isEqualTo(2);
        assertThat(own.get("created").asLong()).isEqualTo(3);
        assertThat(own.get("closed").get("won").asLong()).isEqualTo(1);
        assertThat(own.get("closed").get("lost").asLong()).isZero();
        assertThat(own.get("overdueActions").asLong()).isEqualTo(1);
        assertThat(byKey(own.get("byOwner"), "ownerRm")).containsOnlyKeys(f.rmA);
        assertThat(get(f.rmA, "owner=" + f.rmA + march).get("open").get("count").asLong()).isEqualTo(2);
        assertThat(http(f.rmA).get("/api/v1/dashboard/pipeline?owner=" + f.rmB)
                .status()).isEqualTo(403);
        assertThat(Http.basic(port, "rm1").get("/api/v1/dashboard/pipeline?branch=BR002").status()).isEqualTo(403);
        // A head filtering on one RM of the branch.
        JsonNode b = get(f.head, "branch=" + f.branch + "&owner=" + f.rmB + march);
        assertThat(b.get("open").get("count").asLong()).isEqualTo(1);
        assertThat(b.get("closed").get("lost").asLong()).isEqualTo(1);
        // The admin: any branch, or the whole bank.
        assertThat(get("admin", "branch=" + f.branch + march).get("created").asLong()).isEqualTo(4);
        JsonNode bank = get("admin", march.substring(1));
        assertThat(bank.get("branchCode").isNull()).isTrue();
        assertThat(bank.get("created").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(Http.basic(port, "teller1").get("/api/v1/dashboard/pipeline").status()).isEqualTo(403);
        assertThat(Http.anonymous(port).get("/api/v1/dashboard/pipeline").status()).isEqualTo(401);
    }

    @Test
    void badInputIsA400AndNeverA500() {
        Http head = Http.basic(port, "head1");
        var reversed = head.get("/api/v1/dashboard/pipeline?from=2025-03-02&to=2025-03-01");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.json().get("errors").get(0).get("field").asString()).isEqualTo("from");
        assertThat(head.get("/api/v1/dashboard/pipeline?from=2025-13-01").status()).isEqualTo(400);
        assertThat(head.get("/api/v1/dashboard/pipeline?from=2000-01-01&to=2025-01-01").status()).isEqualTo(400);
        assertThat(head.get("/api/v1/dashboard/pipeline?branch=NOPE_NOT_HERE").status()).isEqualTo(404);
        assertThat(head.get("/api/v1/dashboard/pipeline?owner=nobody_here").status()).isEqualTo(404);
        // Defaults: the current month.
        // (A month can turn between the request and the test's own clock: either month's bounds will do.)
        java.time.LocalDate before = java.time.LocalDate.now(DashboardFixture.BANK);
        JsonNode now = head.get("/api/v1/dashboard/pipeline").json();
        java.time.LocalDate after = java.time.LocalDate.now(DashboardFixture.BANK);
        assertThat(now.get("from").asString()).isIn(before.withDayOfMonth(1).toString(), after.withDayOfMonth(1).toString());
        java.time.LocalDate month = java.time.LocalDate.parse(now.get("from").asString());
        assertThat(now.get("to").asString()).isEqualTo(month.withDayOfMonth(month.lengthOfMonth()).toString());
        assertThat(now.get("branchCode").asString()).isEqualTo("BR001");
    }

    @Test
    void anOverdueActionCountsForWhoseItIsNowAsMyDayShowsIt() {
        DashboardFixture f = DashboardFixture.build(port, jdbc);
        assertThat(get(f.rmA, "").get("overdueActions").asLong()).isEqualTo(1);
        assertThat(get(f.rmB, "").get("overdueActions").asLong()).isZero();
        // #1, with rmA's overdue next action, goes to rmB: the action is rmB's to do now, on My day and here.
        jdbc.update("update opportunity set owner_id = (select id from staff_user where username = ?) where id = ?",
                f.rmB, f.ids[1]);
        assertThat(get(f.rmA, "").get("overdueActions").asLong()).isZero();
        assertThat(get(f.rmB, "").get("overdueActions").asLong()).isEqualTo(1);
        assertThat(get(f.head, "").get("overdueActions").asLong()).isEqualTo(1);
        var myDay = org.jsoup.Jsoup.parse(Http.session(port, f.rmB).get("/").body());
        assertThat(myDay.select("#myday-actions .badge.text-bg-danger")).hasSize(1);
    }
}
