package org.bankcrm.web.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.DemoRows;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@CrmWebTest
class OpportunityApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private String rm1Customer() {
        return DemoRows.customerOf(jdbc, "rm1", "c.type = 'RETAIL'");
    }

    private Map<String, Object> draft() {
        Map<String, Object> m = new HashMap<>();
        m.put("customerNo", rm1Customer());
        m.put("productCode", "WEALTH");
        m.put("amount", 200000);
        m.put("expectedCloseDate", LocalDate.now().plusDays(30).toString());
        return m;
    }

    private long opportunities() {
        return jdbc.queryForObject("select count(*) from opportunity", Long.class);
    }

    @Test
    void anRmOpensAnOpportunityWithTheContractsDefaults() {
        var res = Http.basic(port, "rm1").postJson("/api/v1/opportunities", draft());
        assertThat(res.status()).isEqualTo(201);
        var o = res.json();
        assertThat(o.get("stage").asString()).isEqualTo("IDENTIFIED");
        assertThat(o.get("status").asString()).isEqualTo("OPEN");
        assertThat(o.get("probability").asInt()).isEqualTo(10);
        assertThat(o.get("source").asString()).isEqualTo("RM_DISCOVERED");
        assertThat(o.get("riskLevel").asString()).isEqualTo("MEDIUM");
        assertThat(o.get("competition").asString()).isEqualTo("NONE");
        assertThat(o.get("needStrength").asInt()).isEqualTo(3);
        assertThat(o.get("ownerRm").asString()).isEqualTo("rm1");
        assertThat(o.get("branchCode").asString()).isEqualTo("BR001");
        assertThat(o.get("expectedRevenue").decimalValue()).isEqualByComparingTo("1600.00");
        assertThat(o.get("version").asInt()).isZero();

        long id = o.get("id").asLong();
        assertThat(Http.basic(port, "rm1").get("/api/v1/opportunities/" + id).status()).isEqualTo(200);
        var list = Http.basic(port, "rm1").get("/api/v1/opportunities?customerNo=" + rm1Customer() + "&size=500").json();
        assertThat(list.get("items").valueStream().map(i -> i.get("id").asLong())).contains(id);
    }

    @Test
    void pagesFollowOneAnotherWithoutRepeatOrGapAsTheWholeListDoes() {
        // Offset and limit are written into the statement (D89): every page must still be its own slice of the list,
        // the same slices a second time (the cached statement of one page is not served for another).
        Http rm1 = Http.basic(port, "rm1");
        var all = rm1.get("/api/v1/opportunities?sort=amount,desc&size=100").json().get("items").valueStream()
                .map(i -> i.get("id").asLong()).toList();
        assertThat(all).hasSizeGreaterThan(21);
        for (int round = 0; round < 2; round++) {
            java.util.List<Long> paged = new java.util.ArrayList<>();
            for (int page = 0; paged.size() < all.size(); page++) {
                var items = rm1.get("/api/v1/opportunities?sort=amount,desc&size=3&page=" + page).json().get("items");
                assertThat(items.size()).as("page %d", page).isPositive();
                items.valueStream().forEach(i -> paged.add(i.get("id").asLong()));
            }
            assertThat(paged.subList(0, all.size())).containsExactlyElementsOf(all);
        }
        // The page's list, 20 a page: its second page starts with the 21st.
        String second = Http.session(port, "rm1").get("/opportunities?sort=amount,desc&page=1").body();
        assertThat(second).contains("href=\"/opportunities/" + all.get(20) + "\"")
                .doesNotContain("href=\"/opportunities/" + all.get(19) + "\"");
    }

    @Test
    void theSameIdempotencyKeyCreatesOneOpportunity() {
        long before = opportunities();
        Map<String, String> key = Map.of("Idempotency-Key", "test-key-" + System.nanoTime());
        var first = Http.basic(port, "rm1").postJson("/api/v1/opportunities", draft(), key);
        var second = Http.basic(port, "rm1").postJson("/api/v1/opportunities", draft(), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(opportunities()).isEqualTo(before + 1);
    }

    @ParameterizedTest(name = "{0}={1} → 400 on {0}")
    @CsvSource(delimiter = '|', value = {
            "amount|-1", "amount|abc", "amount|1.001", "productCode|NOPE", "productCode|''",
            "expectedCloseDate|2020-01-01", "expectedCloseDate|2026-02-30", "needStrength|6", "needStrength|0",
            "riskLevel|EXTREME", "source|REFERRAL", "source|DISCOVERY_RULE", "ownerRm|rm2", "customerNo|NOPE"})
    void badInputIsRefusedWithTheFieldAndChangesNothing(String field, String value) {
        long before = opportunities();
        Map<String, Object> body = draft();
        body.put(field, value);
        var res = Http.basic(port, "rm1").postJson("/api/v1/opportunities", body);
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.header("Content-Type")).startsWith("application/problem+json");
        assertThat(res.body()).contains("\"field\":\"" + field + "\"");
        assertThat(opportunities()).isEqualTo(before);
    }

    /** Whole-number fields take JSON integers only (no cutting 3.5 to 3); amounts keep taking decimals. */
    @Test
    void wholeNumberFieldsRefuseFractionsAndStringsWhileAmountsTakeDecimals() {
        long before = opportunities();
        for (Object need : new Object[]{3.5, 3.0, "3"}) {
            Map<String, Object> body = draft();
            body.put("needStrength", need);
            var res = Http.basic(port, "rm1").postJson("/api/v1/opportunities", body);
            assertThat(res.status()).as(String.valueOf(need)).isEqualTo(400);
            assertThat(res.json().get("errors").get(0).get("field").asString()).isEqualTo("needStrength");
            assertThat(res.json().get("errors").get(0).get("message").asString()).startsWith("请填写整数");
        }
        assertThat(opportunities()).isEqualTo(before);

        Map<String, Object> body = draft();
        body.put("amount", 123456.78);
        body.put("needStrength", 4);
        var created = Http.basic(port, "rm1").postJson("/api/v1/opportunities", body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("amount").decimalValue()).isEqualByComparingTo("123456.78");
        long id = created.json().get("id").asLong();
        var fraction = Http.basic(port, "rm1").patchJson("/api/v1/opportunities/" + id,
                Map.of("version", 0, "needStrength", 4.5));
        assertThat(fraction.status()).isEqualTo(400);
        assertThat(fraction.json().get("errors").get(0).get("field").asString()).isEqualTo("needStrength");
        var patched = Http.basic(port, "rm1").patchJson("/api/v1/opportunities/" + id,
                Map.of("version", 0, "amount", 2500.5));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("amount").decimalValue()).isEqualByComparingTo("2500.50");
        assertThat(patched.json().get("needStrength").asInt()).isEqualTo(4);
    }

    @Test
    void aHeadAssignsAnRmOfTheCustomersBranch() {
        Map<String, Object> body = draft();
        body.put("ownerRm", "rm2");
        var res = Http.basic(port, "head1").postJson("/api/v1/opportunities", body);
        assertThat(res.status()).isEqualTo(201);
        assertThat(res.json().get("ownerRm").asString()).isEqualTo("rm2");
        body.put("ownerRm", "rm3");
        assertThat(Http.basic(port, "head1").postJson("/api/v1/opportunities", body).status()).isEqualTo(400);
    }

    @Test
    void listFiltersSortAndPageWithinScope() {
        Http rm1 = Http.basic(port, "rm1");
        var won = rm1.get("/api/v1/opportunities?status=WON&sort=amount,desc&size=5").json();
        assertThat(won.get("items").valueStream().map(i -> i.get("status").asString())).containsOnly("WON");
        var amounts = won.get("items").valueStream().map(i -> i.get("amount").decimalValue()).toList();
        assertThat(amounts).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(rm1.get("/api/v1/opportunities?sort=password,desc").status()).isEqualTo(400);
        assertThat(rm1.get("/api/v1/opportunities?stage=NOPE").status()).isEqualTo(400);
        assertThat(rm1.get("/api/v1/opportunities/abc").status()).isEqualTo(400);
        assertThat(rm1.get("/api/v1/opportunities/999999999").status()).isEqualTo(404);
    }

    @Test
    void historyStartsWithCreation() {
        long id = Http.basic(port, "rm1").postJson("/api/v1/opportunities", draft()).json().get("id").asLong();
        var history = Http.basic(port, "rm1").get("/api/v1/opportunities/" + id + "/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().get(0).get("event").asString()).isEqualTo("CREATED");
        assertThat(history.json().get(0).get("by").asString()).isEqualTo("rm1");
        assertThat(Http.basic(port, "rm2").get("/api/v1/opportunities/" + id + "/history").status()).isEqualTo(404);
    }
}
