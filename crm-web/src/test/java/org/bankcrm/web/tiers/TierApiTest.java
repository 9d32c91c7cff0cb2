package org.bankcrm.web.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The tier migration, its cells' customers and the structure through the API, over {@link TierFixture}. */
@CrmWebTest
class TierApiTest {

    static final String MONTHS = "from=2025-01&to=2025-02";

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;

    TierFixture f;
    Http head;

    @BeforeEach
    void fixture() {
        f = TierFixture.build(port, jdbc);
        head = Http.basic(port, f.head);
    }

    private static List<String> cells(JsonNode matrix) {
        List<String> cells = new ArrayList<>();
        matrix.forEach(c -> cells.add(c.get("fromTier").asString() + ">" + c.get("toTier").asString() + " "
                + c.get("customers").asLong() + " " + money(c.get("aumFrom")) + " " + money(c.get("aumTo"))));
        return cells;
    }

    /** An amount as the fen it is (the JSON reader reads numbers as doubles, exact at these sizes). */
    private static String money(JsonNode n) {
        return n.decimalValue().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    @Test
    void theHeadSeesTheRetailCustomersOfTheSubtreeWithBothMonths() {
        var res = head.get("/api/v1/tiers/migration?" + MONTHS);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("\"aumFrom\":2500000.00,\"aumTo\":1800000.00");
        JsonNode m = res.json();
        assertThat(m.get("from").asString()).isEqualTo("2025-01");
        assertThat(m.get("to").asString()).isEqualTo("2025-02");
        assertThat(m.get("customers").asLong()).isEqualTo(3);
        assertThat(m.get("upgraded").asLong()).isEqualTo(1);
        assertThat(m.get("downgraded").asLong()).isEqualTo(1);
        assertThat(m.get("unchanged").asLong()).isEqualTo(1);
        assertThat(cells(m.get("matrix"))).containsExactly(
                "DIAMOND>PLATINUM 1 2500000.00 1800000.00",
                "PLATINUM>PLATINUM 1 600000.00 700000.00",
                "MASS>GOLD 1 40000.00 60000.00");

        // The sub-branch alone; the admin sees the branch as its head does.
        var sub = head.get("/api/v1/tiers/migration?branch=" + f.sub + "&" + MONTHS).json();
        assertThat(cells(sub.get("matrix"))).containsExactly("DIAMOND>PLATINUM 1 2500000.00 1800000.00");
        var admin = Http.basic(port, "admin").get("/api/v1/tiers/migration?branch=" + f.branch + "&" + MONTHS).json();
        assertThat(cells(admin.get("matrix"))).isEqualTo(cells(m.get("matrix")));
        // The sibling's own figures are the sibling's.
        var sibling = Http.basic(port, "admin").get("/api/v1/tiers/migration?branch=" + f.sibling + "&" + MONTHS);
        assertThat(cells(sibling.json().get("matrix"))).containsExactly("DIAMOND>PLATINUM 1 2500000.00 1800000.00");
    }

    @Test
    void withoutMonthsTheLatestMonthWithHistoryAndTheOneBefore() {
        java.time.LocalDate latest = jdbc.queryForObject(
                "select max(month) from aum_monthly where month <= date_trunc('month', now() at time zone"
                        + " 'Asia/Shanghai')::date", java.time.LocalDate.class);
        var m = head.get("/api/v1/tiers/migration").json();
        assertThat(m.get("to").asString()).isEqualTo(java.time.YearMonth.from(latest).toString());
        assertThat(m.get("from").asString()).isEqualTo(java.time.YearMonth.from(latest).minusMonths(1).toString());
        var onlyTo = head.get("/api/v1/tiers/migration?to=2025-02").json();
        assertThat(onlyTo.get("from").asString()).isEqualTo("2025-01");
        assertThat(onlyTo.get("customers").asLong()).isEqualTo(3);
        // The admin without a branch: the whole bank, the sibling's customer too.
        var bank = Http.basic(port, "admin").get("/api/v1/tiers/migration/customers?" + MONTHS
                + "&fromTier=DIAMOND&toTier=PLATINUM&size=500").json();
        List<String> numbers = new ArrayList<>();
        bank.get("items").forEach(i -> numbers.add(i.get("customerNo").asString()));
        assertThat(numbers).contains(f.no("A"), f.no("F"));
    }

    @Test
    void aCellListsItsCustomers() {
        var res = head.get("/api/v1/tiers/migration/customers?" + MONTHS + "&fromTier=DIAMOND&toTier=PLATINUM");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        JsonNode page = res.json();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        JsonNode a = page.get("items").get(0);
        assertThat(a.get("customerNo").asString()).isEqualTo(f.no("A"));
        assertThat(a.get("name").asString()).isEqualTo("分层客户A");
        assertThat(a.get("branchCode").asString()).isEqualTo(f.sub);
        assertThat(a.get("aumFrom").decimalValue()).isEqualByComparingTo("2500000.00");
        assertThat(a.get("aumTo").decimalValue()).isEqualByComparingTo("1800000.00");

        var all = head.get("/api/v1/tiers/migration/customers?" + MONTHS + "&size=2").json();
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("items")).hasSize(2);
        assertThat(all.get("items").get(1).get("customerNo").asString()).isEqualTo(f.no("C"));
        assertThat(all.get("items").get(1).get("ownerRm").asString()).isEqualTo(f.rm);
        assertThat(all.get("items").get(1).get("ownerName").asString()).isEqualTo("员工" + f.rm);
    }

    @Test
    void theStructureShowsMonthsWithoutHistoryAndFlagsInvertedPairs() {
        var res = head.get("/api/v1/tiers/structure?months=4&to=2025-03");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        JsonNode s = res.json();
        assertThat(s.get("from").asString()).isEqualTo("2024-12");
        List<String> months = new ArrayList<>();
        s.get("months").forEach(mo -> {
            StringBuilder line = new StringBuilder(mo.get("month").asString() + " " + mo.get("hasData").asBoolean());
            mo.get("retail").forEach(t -> line.append(" ").append(t.get("tier").asString()).append("=")
                    .append(t.get("customers").asLong()).append("/")
                    .append(money(t.get("aum"))));
            line.append(" MEDIUM=").append(mo.get("corporate").get(1).get("customers").asLong());
            months.add(line.toString());
        });
        assertThat(months).containsExactly(
                "2024-12 false MASS=0/0.00 GOLD=0/0.00 PLATINUM=0/0.00 DIAMOND=0/0.00 PRIVATE=0/0.00 MEDIUM=0",
                "2025-01 true MASS=2/50000.00 GOLD=0/0.00 PLATINUM=1/600000.00 DIAMOND=1/2500000.00"
                        + " PRIVATE=0/0.00 MEDIUM=1",
                "2025-02 true MASS=0/0.00 GOLD=1/60000.00 PLATINUM=2/2500000.00 DIAMOND=0/0.00 PRIVATE=0/0.00 MEDIUM=1",
                "2025-03 false MASS=0/0.00 GOLD=0/0.00 PLATINUM=0/0.00 DIAMOND=0/0.00 PRIVATE=0/0.00 MEDIUM=0");
        List<String> flagged = new ArrayList<>();
        s.get("inversions").forEach(i -> flagged.add(i.get("month").asString() + " " + i.get("upperTier").asString()
                + " " + i.get("upperCustomers").asLong() + ">" + i.get("lowerTier").asString() + " "
                + i.get("lowerCustomers").asLong()));
        assertThat(flagged).containsExactly("2025-01 PLATINUM 1>GOLD 0", "2025-02 GOLD 1>MASS 0",
                "2025-02 PLATINUM 2>GOLD 1");
        // The corporate pyramid: one medium-sized company and no small one is inverted, each month it has a row.
        List<String> sizes = new ArrayList<>();
        s.get("sizeInversions").forEach(i -> sizes.add(i.get("month").asString() + " " + i.get("upperSize").asString()
                + " " + i.get("upperCustomers").asLong() + ">" + i.get("lowerSize").asString() + " "
                + i.get("lowerCustomers").asLong()));
        assertThat(sizes).containsExactly("2025-01 MEDIUM 1>SMALL 0", "2025-02 MEDIUM 1>SMALL 0");
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(Http.session(port, f.head)
                .get("/tiers/structure?months=4&to=2025-03").body());
        assertThat(page.select("#size-inversions li").eachText()).containsExactly("2025-02：中型 1 户 > 小型 0 户",
                "2025-01：中型 1 户 > 小型 0 户");
        assertThat(page.select("#inversions li").eachText()).containsExactly("2025-02：白金 2 户 > 金卡 1 户",
                "2025-02：金卡 1 户 > 大众 0 户", "2025-01：白金 1 户 > 金卡 0 户");
        assertThat(page.select("#sizes-table td.table-danger").eachAttr("data-size"))
                .containsExactly("MEDIUM", "MEDIUM");
        assertThat(page.select("#pyramid-ok")).isEmpty();
        // A year of the demo's BR001, whose companies are inverted every month as seeded (one large, three medium,
        // two small, the rest micro; other tests may add to it): the warning counts them all, shows the three latest
        // first and folds the rest.
        org.jsoup.nodes.Document year = org.jsoup.Jsoup.parse(Http.session(port, "head1")
                .get("/tiers/structure?months=12").body());
        Matcher count = Pattern.compile("(\\d+) 处").matcher(year.selectFirst("#size-pyramid-warning .fw-semibold")
                .text());
        assertThat(count.find()).isTrue();
        int n = Integer.parseInt(count.group(1));
        assertThat(n).as("the demo's BR001 has an inverted corporate pyramid in most months").isGreaterThan(3);
        List<String> shown = year.select("#size-inversions li").eachText();
        List<String> earlier = year.select("#size-inversions-earlier li").eachText();
        assertThat(shown).hasSize(3);
        assertThat(earlier).hasSize(n - 3);
        assertThat(year.select("#size-pyramid-warning details summary").text()).isEqualTo("更早的 " + (n - 3) + " 处");
        List<String> flaggedMonths = new ArrayList<>();
        shown.forEach(l -> flaggedMonths.add(l.substring(0, 7)));
        earlier.forEach(l -> flaggedMonths.add(l.substring(0, 7)));
        assertThat(flaggedMonths).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void badMonthsAndTiersAre400sWithTheField() {
        assertField(head.get("/api/v1/tiers/migration?from=2025-13&to=2025-02"), "from");
        assertField(head.get("/api/v1/tiers/migration?from=abc"), "from");
        assertField(head.get("/api/v1/tiers/migration?from=2025-1&to=2025-02"), "from");
        assertField(head.get("/api/v1/tiers/migration?from=2025-03&to=2025-01"), "from");
        assertField(head.get("/api/v1/tiers/migration?from=2025-01&to=2099-01"), "to");
        assertField(head.get("/api/v1/tiers/migration/customers?" + MONTHS + "&fromTier=KEY"), "fromTier");
        assertField(head.get("/api/v1/tiers/migration/customers?" + MONTHS + "&toTier=NOPE"), "toTier");
        assertField(head.get("/api/v1/tiers/migration/customers?" + MONTHS + "&size=0"), "size");
        assertField(head.get("/api/v1/tiers/structure?months=0"), "months");
        assertField(head.get("/api/v1/tiers/structure?months=37"), "months");
        assertField(head.get("/api/v1/tiers/structure?to=2025-00"), "to");
        var en = Http.basic(port, f.head).language("en").get("/api/v1/tiers/migration?from=2025-13");
        assertThat(en.json().get("errors").get(0).get("message").asString()).startsWith("Unreadable month: 2025-13.");
        var zh = head.get("/api/v1/tiers/migration?from=2025-03&to=2025-01");
        assertThat(zh.json().get("errors").get(0).get("message").asString()).isEqualTo("起始月份不能晚于对比月份。");
    }

    private static void assertField(Http.Response res, String field) {
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        assertThat(res.json().get("errors").get(0).get("field").asString()).as(res.body()).isEqualTo(field);
    }

    @Test
    void rmsAndReferrersAreRefusedAndHeadsStayInTheirSubtree() {
        for (String who : new String[] {f.rm, "rm1", "teller1"}) {
            Http h = Http.basic(port, who);
            assertThat(h.get("/api/v1/tiers/migration?" + MONTHS).status()).as(who).isEqualTo(403);
            assertThat(h.get("/api/v1/tiers/migration/customers?" + MONTHS).status()).as(who).isEqualTo(403);
            assertThat(h.get("/api/v1/tiers/structure").status()).as(who).isEqualTo(403);
        }
        assertThat(head.get("/api/v1/tiers/migration?branch=" + f.sibling).status()).isEqualTo(403);
        assertThat(head.get("/api/v1/tiers/structure?branch=" + f.sibling).status()).isEqualTo(403);
        assertThat(head.get("/api/v1/tiers/migration?branch=NOSUCH" + f.prefix).status()).isEqualTo(404);
        // Pages: the RM has none.
        Http rmPages = Http.session(port, f.rm);
        assertThat(rmPages.get("/tiers/migration").status()).isEqualTo(403);
        assertThat(rmPages.get("/tiers/structure").status()).isEqualTo(403);
    }

    @Test
    void thePagesShowTheMatrixTheListTheStructureAndRefusedMonths() {
        Http pages = Http.session(port, f.head);
        var matrix = pages.get("/tiers/migration?" + MONTHS);
        assertThat(matrix.status()).isEqualTo(200);
        assertThat(matrix.body()).contains("id=\"cell-DIAMOND-PLATINUM\"", "id=\"cell-MASS-GOLD\"")
                .doesNotContain("id=\"cell-PRIVATE-DIAMOND\"");
        var list = pages.get("/tiers/migration/customers?" + MONTHS + "&fromTier=DIAMOND&toTier=PLATINUM");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(f.no("A")).doesNotContain(f.no("C"));
        var refused = pages.get("/tiers/migration?from=2025-13&to=2025-02");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"from-error\"", "无法识别的月份：2025-13");
        var structure = pages.get("/tiers/structure?months=4&to=2025-03");
        assertThat(structure.status()).isEqualTo(200);
        assertThat(structure.body()).contains("id=\"pyramid-warning\"", "无数据", "chart-structure-customers");

        var xlsx = pages.get("/tiers/migration/customers.xlsx?" + MONTHS + "&fromTier=DIAMOND&toTier=PLATINUM");
        assertThat(xlsx.status()).isEqualTo(200);
        var csv = pages.get("/tiers/migration/customers.csv?" + MONTHS + "&fromTier=DIAMOND&toTier=PLATINUM");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains(f.no("A"), "2500000.00", "1800000.00").doesNotContain("分层客户A")
                .doesNotContain(f.no("C"));
    }
}
