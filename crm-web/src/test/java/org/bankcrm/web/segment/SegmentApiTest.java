package org.bankcrm.web.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bankcrm.service.segment.SegmentService;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Customer groups over the API (api.md, "Customer groups"; D30): each criterion alone and combined on the customers
 * of {@link SegmentFixture}, counted by hand; the creator's scope; who sees a saved group; bad input; stale versions.
 */
@CrmWebTest
class SegmentApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SegmentService segments;

    SegmentFixture f;

    @BeforeEach
    void fixture() {
        f = SegmentFixture.build(port, jdbc);
    }

    private long count(String user, Map<String, Object> criteria) {
        var res = Http.basic(port, user).postJson("/api/v1/segments/count", Map.of("criteria", criteria));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json().get("customers").asLong();
    }

    private long headG(Map<String, Object> criteria) {
        return count(f.headG, criteria);
    }

    @Test
    void eachCriterionAloneCountsExactly() {
        assertThat(headG(Map.of())).isEqualTo(6);
        assertThat(headG(Map.of("type", "RETAIL"))).isEqualTo(4);
        assertThat(headG(Map.of("type", "CORPORATE"))).isEqualTo(2);
        assertThat(headG(Map.of("tiers", List.of("GOLD")))).isEqualTo(2);
        assertThat(headG(Map.of("tiers", List.of("GOLD", "PLATINUM")))).isEqualTo(3);
        assertThat(headG(Map.of("industries", List.of("制造业")))).isEqualTo(1);
        assertThat(headG(Map.of("industries", List.of("制造")))).isZero();
        assertThat(headG(Map.of("companySizes", List.of("SMALL")))).isEqualTo(1);
        assertThat(headG(Map.of("companySizes", List.of("LARGE", "SMALL")))).isEqualTo(2);
        assertThat(headG(Map.of("owned", true))).isEqualTo(4);
        assertThat(headG(Map.of("owned", false))).isEqualTo(2);
    }

    @Test
    void ageIsWholeYearsTodayInclusiveAndRetailOnly() {
        // R1 turns 30 today, R2 is 29 (30 tomorrow), R3 is 40; R4 has no birth date; companies have none.
        assertThat(headG(Map.of("ageMin", 30))).isEqualTo(2);
        assertThat(headG(Map.of("ageMax", 30))).isEqualTo(2);
        assertThat(headG(Map.of("ageMin", 30, "ageMax", 30))).isEqualTo(1);
        assertThat(headG(Map.of("ageMax", 29))).isEqualTo(1);
        assertThat(headG(Map.of("ageMin", 31))).isEqualTo(1);
        assertThat(headG(Map.of("ageMin", 40, "ageMax", 40))).isEqualTo(1);
        assertThat(headG(Map.of("ageMin", 41))).isZero();
        assertThat(headG(Map.of("ageMin", 0))).isEqualTo(3);
    }

    @Test
    void aumIsAtLeastTheMinimumAndBelowTheMaximum() {
        assertThat(headG(Map.of("aumMin", 50000))).isEqualTo(3);
        assertThat(headG(Map.of("aumMin", new BigDecimal("99999.99")))).isEqualTo(2);
        assertThat(headG(Map.of("aumMin", new BigDecimal("100000.01")))).isZero();
        assertThat(headG(Map.of("aumMax", 100000))).isEqualTo(5);
        assertThat(headG(Map.of("aumMin", 50000, "aumMax", new BigDecimal("99999.99")))).isEqualTo(1);
        assertThat(headG(Map.of("aumMin", 50000, "aumMax", 50000))).isZero();
    }

    @Test
    void holdsAndLacksFollowTheDiscoveryRulesAndSplitTheCustomers() {
        // WEALTH with a zero balance is not held; a credit card or payroll row is, whatever its balance.
        assertThat(headG(Map.of("holds", List.of("WEALTH")))).isEqualTo(2);
        assertThat(headG(Map.of("lacks", List.of("WEALTH")))).isEqualTo(4);
        assertThat(headG(Map.of("holds", List.of("CARD_CREDIT")))).isEqualTo(1);
        assertThat(headG(Map.of("holds", List.of("PAYROLL")))).isEqualTo(1);
        assertThat(headG(Map.of("holds", List.of("WEALTH", "FUND")))).isEqualTo(1);
        assertThat(headG(Map.of("lacks", List.of("WEALTH", "FUND")))).isEqualTo(4);
        assertThat(headG(Map.of("holds", List.of("WEALTH"), "lacks", List.of("WEALTH")))).isZero();
        assertThat(headG(Map.of("holds", List.of("WEALTH"), "lacks", List.of("FUND")))).isEqualTo(1);
    }

    @Test
    void branchSubtreeAndCombinedCriteria() {
        assertThat(headG(Map.of("branchCode", f.gs))).isEqualTo(3);
        assertThat(headG(Map.of("branchCode", f.g))).isEqualTo(6);
        Map<String, Object> combined = new HashMap<>(Map.of("type", "RETAIL", "tiers", List.of("GOLD", "PLATINUM"),
                "ageMin", 29, "aumMin", 50000, "holds", List.of("WEALTH"), "owned", true));
        assertThat(headG(combined)).isEqualTo(2);
        combined.put("branchCode", f.gs);
        assertThat(headG(combined)).isEqualTo(1);
        combined.put("ageMax", 39);
        assertThat(headG(combined)).isZero();
        // An admin counts the whole bank: narrowed to the fixture's branches, the same figures.
        assertThat(count("admin", Map.of("branchCode", f.g))).isEqualTo(6);
        assertThat(count("admin", Map.of("branchCode", f.h, "tiers", List.of("GOLD"), "holds", List.of("WEALTH"))))
                .isEqualTo(1);
    }

    @Test
    void theCreatorsScopeBoundsTheGroupWhoeverLooks() {
        // The head of G never counts H's customer, which matches the same criteria.
        Map<String, Object> criteria = Map.of("tiers", List.of("GOLD"), "ageMin", 30, "holds", List.of("WEALTH"));
        assertThat(headG(criteria)).isEqualTo(1);
        assertThat(count(f.headH, criteria)).isEqualTo(1);
        var created = Http.basic(port, f.headG).postJson("/api/v1/segments", Map.of("name", "金卡三十 " + f.suffix,
                "criteria", criteria));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("customers").asLong()).isEqualTo(1);
        assertThat(created.json().get("criteria").get("tiers").get(0).asString()).isEqualTo("GOLD");
        assertThat(created.json().get("name").asString()).isEqualTo("金卡三十 " + f.suffix);
        // The admin sees the head's group counted in the head's scope, not the admin's.
        var asAdmin = Http.basic(port, "admin").get("/api/v1/segments/" + id);
        assertThat(asAdmin.json().get("customers").asLong()).isEqualTo(1);
        var items = Http.basic(port, "admin").get("/api/v1/segments/" + id + "/customers").json().get("items");
        assertThat(items.size()).isEqualTo(1);
        assertThat(items.get(0).get("customerNo").asString()).isEqualTo(f.no("R1"));
        // The group's ids for a campaign: the same customer.
        assertThat(segments.customerIds(id)).containsExactly(f.id("R1"));
        // An admin editing the head's group counts the criteria as the group will count them once saved: in the
        // head's scope, not the admin's (X1 too, and the demo data's), in the API and in the editor's live count.
        Map<String, Object> wider = Map.of("tiers", List.of("GOLD"), "ageMin", 30, "holds", List.of("WEALTH"),
                "branchCode", f.g);
        Map<String, Object> bank = new java.util.HashMap<>(wider);
        bank.put("branchCode", "HQ");
        long bankWide = count("admin", bank);
        assertThat(bankWide).isGreaterThanOrEqualTo(2);
        var forGroup = Http.basic(port, "admin").postJson("/api/v1/segments/" + id + "/count",
                Map.of("criteria", wider));
        assertThat(forGroup.status()).as(forGroup.body()).isEqualTo(200);
        assertThat(forGroup.json().get("customers").asLong()).isEqualTo(1);
        var live = Http.session(port, "admin").submit("/segments/" + id, "/segments/" + id + "/count",
                Map.of("criteria.tiers", "GOLD", "criteria.ageMin", "30", "criteria.holds", "WEALTH",
                        "criteria.branchCode", f.g));
        assertThat(live.status()).as(live.body()).isEqualTo(200);
        assertThat(Jsoup.parse(live.body()).selectFirst("#segment-count-value").text()).isEqualTo("1");
        var liveNew = Http.session(port, "admin").submit("/segments/new", "/segments/count",
                Map.of("criteria.tiers", "GOLD", "criteria.ageMin", "30", "criteria.holds", "WEALTH",
                        "criteria.branchCode", "HQ"));
        assertThat(Jsoup.parse(liveNew.body()).selectFirst("#segment-count-value").text())
                .isEqualTo(String.valueOf(bankWide));
        // A branch the head does not see (here the bank) is refused for the head's group, counted, saved or live,
        // naming the creator: the group could never count there.
        String outside = "机构 HQ 不在分群创建人 分群" + f.headG + " 的管辖范围内";
        var refused = Http.basic(port, "admin").postJson("/api/v1/segments/" + id + "/count", Map.of("criteria", bank));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains(outside);
        var saved = Http.basic(port, "admin").putJson("/api/v1/segments/" + id, Map.of("name", "金卡三十 " + f.suffix,
                "criteria", bank, "version", created.json().get("version").asInt()));
        assertThat(saved.status()).isEqualTo(400);
        assertThat(saved.body()).contains(outside);
        assertThat(Jsoup.parse(Http.session(port, "admin").submit("/segments/" + id, "/segments/" + id + "/count",
                Map.of("criteria.tiers", "GOLD", "criteria.branchCode", "HQ")).body())
                .select("#segment-count-problems").text()).contains(outside);
        var kept = Http.basic(port, f.headG).get("/api/v1/segments/" + id).json().get("criteria").path("branchCode");
        assertThat(kept.isMissingNode() || kept.isNull()).as(kept.toString()).isTrue();
        // The editor of the saved group posts its live count to the group's own count.
        assertThat(Http.session(port, "admin").get("/segments/" + id).body())
                .contains("hx-post=\"/segments/" + id + "/count\"");
        // Another branch's head may not count against the group, which they cannot see, in the API or on the page,
        // with a form the binder refuses too.
        assertThat(Http.basic(port, f.headH).postJson("/api/v1/segments/" + id + "/count",
                Map.of("criteria", criteria)).status()).isEqualTo(404);
        Http other = Http.session(port, f.headH);
        assertThat(other.submit("/segments/new", "/segments/" + id + "/count", Map.of("criteria.tiers", "GOLD"))
                .status()).isEqualTo(404);
        assertThat(other.submit("/segments/new", "/segments/" + id + "/count", Map.of("criteria.ageMin", "abc"))
                .status()).isEqualTo(404);
    }

    @Test
    void aFormRefusedComesBackWithEveryChoiceAsSent() {
        Http head = Http.session(port, f.headG);
        for (String owned : List.of("", "true", "false")) {
            var refused = head.submit("/segments/new", "/segments", Map.of("name", "年龄颠倒 " + f.suffix,
                    "criteria.ageMin", "60", "criteria.ageMax", "30", "criteria.owned", owned));
            assertThat(refused.status()).as(owned).isEqualTo(200);
            Document form = Jsoup.parse(refused.body());
            assertThat(form.select("input.is-invalid[name=criteria.ageMin], input.is-invalid[name=criteria.ageMax]"))
                    .as(owned).isNotEmpty();
            assertThat(form.select("input[name=criteria.owned][checked]").eachAttr("value")).as(owned)
                    .containsExactly(owned);
        }
    }

    @Test
    void aSavedGroupIsSeenByItsCreatorAdminsAndHeadsAboveOnly() {
        long id = create(f.headG, "可见性 " + f.suffix, Map.of("type", "RETAIL"));
        Http other = Http.basic(port, f.headH);
        assertThat(other.get("/api/v1/segments/" + id).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/segments/" + id + "/customers").status()).isEqualTo(404);
        assertThat(other.putJson("/api/v1/segments/" + id, Map.of("name", "x", "version", 0)).status())
                .isEqualTo(404);
        assertThat(delete(f.headH, "/api/v1/segments/" + id).statusCode()).isEqualTo(404);
        assertThat(names(f.headH)).doesNotContain("可见性 " + f.suffix);
        assertThat(names(f.headG)).contains("可见性 " + f.suffix);
        assertThat(names("admin")).contains("可见性 " + f.suffix);
        // A head whose subtree holds the creator's branch (HQ above G) sees it; an admin's group only admins see.
        var hq = Http.basic(port, "admin").postJson("/api/v1/admin/users", Map.of("username", "sghq" + f.suffix
                .toLowerCase(), "displayName", "总行行长", "role", "BRANCH_HEAD", "branchCode", "HQ", "password",
                Http.DEMO_PASSWORD));
        assertThat(hq.status()).as(hq.body()).isEqualTo(201);
        assertThat(Http.basic(port, "sghq" + f.suffix.toLowerCase()).get("/api/v1/segments/" + id).status())
                .isEqualTo(200);
        long adminGroup = create("admin", "行内分群 " + f.suffix, Map.of("branchCode", f.g));
        assertThat(Http.basic(port, f.headG).get("/api/v1/segments/" + adminGroup).status()).isEqualTo(404);
        assertThat(Http.basic(port, "sghq" + f.suffix.toLowerCase()).get("/api/v1/segments/" + adminGroup).status())
                .isEqualTo(404);
        // Relationship managers and referrers have no groups at all.
        assertThat(Http.basic(port, f.rm).get("/api/v1/segments").status()).isEqualTo(403);
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/segments/count", Map.of("criteria", Map.of())).status())
                .isEqualTo(403);
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/segments", Map.of("name", "x")).status()).isEqualTo(403);
        // A delete naming a version the group no longer has (renamed since) is refused; then the creator deletes it,
        // and it is gone for everyone.
        var renamed = Http.basic(port, f.headG).putJson("/api/v1/segments/" + id, Map.of("name", "可见性 "
                + f.suffix, "criteria", Map.of("type", "RETAIL"), "version", 0));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(delete(f.headG, "/api/v1/segments/" + id + "?version=0").statusCode()).isEqualTo(409);
        assertThat(Http.basic(port, "admin").get("/api/v1/segments/" + id).status()).isEqualTo(200);
        assertThat(delete(f.headG, "/api/v1/segments/" + id + "?version=" + renamed.json().get("version").asInt())
                .statusCode()).isEqualTo(204);
        assertThat(Http.basic(port, "admin").get("/api/v1/segments/" + id).status()).isEqualTo(404);
    }

    @Test
    void theListIsPagedAsAsked() {
        for (String name : List.of("甲 ", "乙 ", "丙 ")) {
            create(f.headG, name + f.suffix, Map.of());
        }
        JsonNode first = Http.basic(port, f.headG).get("/api/v1/segments?size=2").json();
        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("total").asLong()).isEqualTo(3);
        JsonNode second = Http.basic(port, f.headG).get("/api/v1/segments?size=2&page=1").json();
        assertThat(second.get("items").size()).isEqualTo(1);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(Http.basic(port, f.headG).get("/api/v1/segments").json().get("size").asInt()).isEqualTo(50);
        for (String bad : List.of("size=0", "size=501", "page=-1", "page=2147483647&size=500")) {
            assertThat(Http.basic(port, f.headG).get("/api/v1/segments?" + bad).status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void customersArePagedByNumberAsTheCustomerListGivesThem() {
        long id = create(f.headG, "全部 " + f.suffix, Map.of());
        JsonNode page = Http.basic(port, f.headG).get("/api/v1/segments/" + id + "/customers?page=1&size=4").json();
        assertThat(page.get("total").asLong()).isEqualTo(6);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("items").size()).isEqualTo(2);
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("customerNo").asString()).isEqualTo(f.no("R3"));
        assertThat(first.get("tier").asString()).isEqualTo("PLATINUM");
        assertThat(first.get("aum").decimalValue()).isEqualByComparingTo("100000.00");
        assertThat(first.get("branchCode").asString()).isEqualTo(f.gs);
        assertThat(first.get("ownerRm").asString()).isEqualTo(f.rm);
        assertThat(first.has("idNo")).isFalse();
        assertThat(first.has("phone")).isFalse();
        assertThat(page.get("items").get(1).get("customerNo").asString()).isEqualTo(f.no("R4"));
        assertThat(Http.basic(port, f.headG).get("/api/v1/segments/" + id + "/customers?size=501").status())
                .isEqualTo(400);
        assertThat(Http.basic(port, f.headG).get("/api/v1/segments/" + id + "/customers?page=-1").status())
                .isEqualTo(400);
    }

    @Test
    void theExportIsAWorkbookOfTheGroupWithRetailNamesMasked() throws Exception {
        long id = create(f.headG, "导出 " + f.suffix, Map.of("branchCode", f.gs));
        HttpResponse<byte[]> res = download(f.headG, "/segments/" + id + "/customers.xlsx");
        assertThat(res.statusCode()).isEqualTo(200);
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(res.body()))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getLastRowNum()).isEqualTo(3);
            List<String> numbers = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int r = 1; r <= 3; r++) {
                numbers.add(s.getRow(r).getCell(0).getStringCellValue());
                names.add(s.getRow(r).getCell(1).getStringCellValue());
            }
            assertThat(numbers).containsExactly(f.no("C2"), f.no("R2"), f.no("R3"));
            assertThat(names.get(0)).isEqualTo("分群企业C2" + f.suffix);
            assertThat(names.get(1)).isEqualTo("分*****");
            assertThat(s.getRow(3).getCell(4).getNumericCellValue()).isEqualTo(100000.00);
        }
        assertThat(download(f.headH, "/segments/" + id + "/customers.xlsx").statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where actor = ? and action = 'EXPORT'",
                Long.class, f.headG)).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedByFieldAndSavesNothing() {
        String name = "坏输入 " + f.suffix;
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("criteria.tiers", Map.of("tiers", List.of("GOLD", "TITANIUM")));
        cases.put("criteria.holds", Map.of("holds", List.of("NOPE")));
        cases.put("criteria.lacks", Map.of("lacks", List.of("NOPE")));
        cases.put("criteria.companySizes", Map.of("companySizes", List.of("HUGE")));
        cases.put("criteria.type", Map.of("type", "PERSON"));
        cases.put("criteria.ageMin", Map.of("ageMin", 40, "ageMax", 30));
        cases.put("criteria.aumMin", Map.of("aumMin", 100, "aumMax", 50));
        cases.put("criteria.ageMax", Map.of("ageMax", -1));
        cases.put("criteria.aumMax", Map.of("aumMax", new BigDecimal("-0.01")));
        cases.put("criteria.branchCode", Map.of("branchCode", f.h));
        cases.put("criteria.tier", Map.of("tier", List.of("GOLD")));
        for (var c : cases.entrySet()) {
            var res = Http.basic(port, f.headG).postJson("/api/v1/segments", Map.of("name", name,
                    "criteria", c.getValue()));
            assertThat(res.status()).as(c.getKey() + " " + res.body()).isEqualTo(400);
            assertThat(res.header("Content-Type")).startsWith("application/problem+json");
            assertThat(fields(res)).as(res.body()).contains(c.getKey());
            var counted = Http.basic(port, f.headG).postJson("/api/v1/segments/count", Map.of("criteria",
                    c.getValue()));
            assertThat(counted.status()).as(c.getKey()).isEqualTo(400);
            assertThat(fields(counted)).contains(c.getKey());
        }
        var corporateAge = Http.basic(port, f.headG).postJson("/api/v1/segments", Map.of("name", name,
                "criteria", Map.of("type", "CORPORATE", "ageMin", 30)));
        assertThat(corporateAge.status()).isEqualTo(400);
        assertThat(fields(corporateAge)).contains("criteria.ageMin");
        var unknownBranch = Http.basic(port, f.headG).postJson("/api/v1/segments", Map.of("name", name,
                "criteria", Map.of("branchCode", "NOSUCH" + f.suffix)));
        assertThat(fields(unknownBranch)).contains("criteria.branchCode");
        assertThat(Http.basic(port, f.headG).postJson("/api/v1/segments", Map.of("name", "  ")).json()
                .get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(fields(Http.basic(port, f.headG).postJson("/api/v1/segments", Map.of("name", "长".repeat(101)))))
                .contains("name");
        assertThat(fields(Http.basic(port, f.headG).postJson("/api/v1/segments", Map.of("name", name, "colour", 1))))
                .contains("colour");
        // Wrong JSON types: 400 naming the field, never a 500.
        for (String body : List.of("{\"name\": \"" + name + "\", \"criteria\": {\"ageMin\": \"abc\"}}",
                "{\"name\": \"" + name + "\", \"criteria\": {\"ageMin\": 1.5}}",
                "{\"name\": \"" + name + "\", \"criteria\": {\"tiers\": \"GOLD\"}}",
                "{\"name\": \"" + name + "\", \"criteria\": {\"owned\": \"maybe\"}}",
                "{\"name\": \"" + name + "\", \"criteria\": {\"aumMin\": \"lots\"}}",
                "{\"name\": \"" + name + "\", \"criteria\": [1, 2]}",
                "{\"name\": [\"" + name + "\"]}",
                "[]", "{")) {
            var res = Http.basic(port, f.headG).postJson("/api/v1/segments", body);
            assertThat(res.status()).as(body + " " + res.body()).isEqualTo(400);
        }
        // English messages too.
        var en = Http.basic(port, f.headG).language("en").postJson("/api/v1/segments", Map.of("name", name,
                "criteria", Map.of("ageMin", 40, "ageMax", 30)));
        assertThat(en.body()).contains("The lowest age cannot be above the highest.");
        var zh = Http.basic(port, f.headG).postJson("/api/v1/segments", Map.of("name", name,
                "criteria", Map.of("tiers", List.of("TITANIUM"))));
        assertThat(zh.body()).contains("未知的客户层级：TITANIUM");
        assertThat(jdbc.queryForObject("select count(*) from customer_segment where name = ?", Long.class, name))
                .isZero();
    }

    @Test
    void anEditCarriesTheVersionItReadAndAStaleOneIsRefused() {
        long id = create(f.headG, "版本 " + f.suffix, Map.of("tiers", List.of("GOLD")));
        Http head = Http.basic(port, f.headG);
        var first = head.putJson("/api/v1/segments/" + id, Map.of("name", "版本二 " + f.suffix, "version", 0,
                "criteria", Map.of("tiers", List.of("GOLD", "PLATINUM"))));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("version").asInt()).isEqualTo(1);
        assertThat(first.json().get("customers").asLong()).isEqualTo(3);
        var stale = head.putJson("/api/v1/segments/" + id, Map.of("name", "旧 " + f.suffix, "version", 0,
                "criteria", Map.of()));
        assertThat(stale.status()).isEqualTo(409);
        var missing = head.putJson("/api/v1/segments/" + id, Map.of("name", "旧 " + f.suffix, "criteria", Map.of()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fields(missing)).contains("version");
        // The editor's save on the version read before: the form again as typed, on the latest version, and above
        // it what differs from the group as saved now, criterion by criterion in the editor's words.
        String page = "/segments/" + id;
        var onPage = Http.session(port, f.headG).submit(page, page, Map.of("name", "旧 " + f.suffix, "version", "0",
                "criteria.tiers", "GOLD", "criteria.ageMin", "30"));
        assertThat(onPage.status()).isEqualTo(200);
        Document panel = Jsoup.parse(onPage.body());
        assertThat(panel.select("#segment-conflict").text()).startsWith("您打开此页后，有人修改并保存了该分群");
        assertThat(panel.select("#segment-conflict tr[data-field=segment.name] td").eachText())
                .containsExactly("旧 " + f.suffix, "版本二 " + f.suffix);
        assertThat(panel.select("#segment-conflict tr[data-field=segment.tiers] td").eachText())
                .containsExactly("金卡", "金卡、白金");
        assertThat(panel.select("#segment-conflict tr[data-field=segment.ageMin] td").eachText())
                .containsExactly("30", "—");
        assertThat(panel.select("#segment-conflict tr[data-field]").eachAttr("data-field"))
                .containsExactly("segment.name", "segment.tiers", "segment.ageMin");
        assertThat(panel.select("#segment-conflict a.stale-discard").attr("href")).isEqualTo(page);
        assertThat(panel.select("#name").val()).isEqualTo("旧 " + f.suffix);
        assertThat(panel.select("input[name=version]").val()).isEqualTo("1");
        var now = head.get("/api/v1/segments/" + id).json();
        assertThat(now.get("name").asString()).isEqualTo("版本二 " + f.suffix);
        assertThat(now.get("version").asInt()).isEqualTo(1);
    }

    private long create(String user, String name, Map<String, Object> criteria) {
        var res = Http.basic(port, user).postJson("/api/v1/segments", Map.of("name", name, "criteria", criteria));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        assertThat(res.header("Location")).endsWith("/api/v1/segments/" + res.json().get("id").asLong());
        return res.json().get("id").asLong();
    }

    private List<String> names(String user) {
        var res = Http.basic(port, user).get("/api/v1/segments?size=500");
        assertThat(res.status()).isEqualTo(200);
        return res.json().get("items").valueStream().map(n -> n.get("name").asString()).toList();
    }

    private static List<String> fields(Http.Response res) {
        return res.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    private HttpResponse<String> delete(String user, String path) {
        try {
            String token = Base64.getEncoder().encodeToString((user + ":" + Http.DEMO_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + path)).header("Authorization", "Basic " + token).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> download(String user, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://127.0.0.1:" + port;
        var login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csrf = Jsoup.parse(login.body()).selectFirst("input[name=_csrf]").attr("value");
        client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password="
                        + URLEncoder.encode(Http.DEMO_PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf))
                .build(), HttpResponse.BodyHandlers.discarding());
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
