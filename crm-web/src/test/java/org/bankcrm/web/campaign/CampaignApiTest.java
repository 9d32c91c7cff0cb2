package org.bankcrm.web.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.bankcrm.web.segment.SegmentFixture;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Campaigns over the API (api.md, "Campaigns"; D33) on the customers of {@link SegmentFixture}: head G's scope holds
 * R1, R3, R4, C1 (owned by the RM) and R2, C2 (no owner, in sub-branch GS); X1 lies in sibling branch H. Every
 * acceptance point of issue 14: exclusion at launch, the creator's scope, the outcome rules, ROI at cost 0, a win
 * after the end still counted, a second launch refused (and a failed launch resumed with no target twice), a
 * customer in two campaigns, bad input.
 */
@CrmWebTest
class CampaignApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    SegmentFixture f;

    @BeforeEach
    void fixture() {
        f = SegmentFixture.build(port, jdbc);
    }

    private Map<String, Object> body(String name, String product, Object source, String cost) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("productCode", product);
        if (source instanceof Long segment) {
            b.put("segmentId", segment);
        } else {
            b.put("customerNos", source);
        }
        b.put("startsOn", LocalDate.now().minusDays(1).toString());
        b.put("endsOn", LocalDate.now().plusDays(30).toString());
        b.put("cost", cost);
        b.put("script", "您好，本行新发一款产品……");
        return b;
    }

    private long create(Map<String, Object> body) {
        var res = Http.basic(port, f.headG).postJson("/api/v1/campaigns", body);
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        assertThat(res.json().get("status").asString()).isEqualTo("DRAFT");
        return res.json().get("id").asLong();
    }

    private JsonNode launch(long id) {
        var res = Http.basic(port, f.headG).postJson("/api/v1/campaigns/" + id + "/launch", Map.of());
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().get("status").asString()).isEqualTo("ACTIVE");
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> !"RUNNING".equals(jdbc.queryForObject(
                "select launch_state from campaign where id = ?", String.class, id)));
        assertThat(jdbc.queryForObject("select launch_state from campaign where id = ?", String.class, id))
                .isEqualTo("DONE");
        return get(f.headG, id);
    }

    private long launched(List<String> keys, String product, String cost) {
        long id = create(body("名单 " + f.suffix, product, keys.stream().map(f::no).toList(), cost));
        launch(id);
        return id;
    }

    private JsonNode get(String user, long id) {
        var res = Http.basic(port, user).get("/api/v1/campaigns/" + id);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json();
    }

    private Http.Response outcome(String user, long id, String key, Map<String, Object> body) {
        return Http.basic(port, user).postJson("/api/v1/campaigns/" + id + "/targets/" + f.no(key), body);
    }

    private static Map<String, Object> interested(String amount) {
        return Map.of("outcome", "INTERESTED", "amount", amount, "expectedCloseDate",
                LocalDate.now().plusDays(20).toString(), "note", "有兴趣");
    }

    private List<String> targets(String user, long id, String query) {
        var res = Http.basic(port, user).get("/api/v1/campaigns/" + id + "/targets?size=100" + query);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return StreamSupport.stream(res.json().get("items").spliterator(), false)
                .map(t -> t.get("customerNo").asString()).toList();
    }

    private long openOpportunity(String key, String product) {
        var res = Http.basic(port, f.rm).postJson("/api/v1/opportunities", Map.of("customerNo", f.no(key),
                "productCode", product, "amount", "10000", "expectedCloseDate",
                LocalDate.now().plusDays(30).toString()));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        return res.json().get("id").asLong();
    }

    @Test
    void launchFixesTheGroupInTheCreatorsScopeLessThoseWithAnOpenOpportunity() {
        openOpportunity("R3", "FUND");
        openOpportunity("R1", "WEALTH");
        var seg = Http.basic(port, f.headG).postJson("/api/v1/segments", Map.of("name", "全体 " + f.suffix,
                "criteria", Map.of()));
        assertThat(seg.status()).as(seg.body()).isEqualTo(201);
        long segmentId = seg.json().get("id").asLong();
        Map<String, Object> b = body("基金推广 " + f.suffix, "FUND", segmentId, "1000");

        var preview = Http.basic(port, f.headG).postJson("/api/v1/campaigns/preview", b);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("customers").asLong()).isEqualTo(6);
        assertThat(preview.json().get("excluded").asLong()).isEqualTo(1);

        long id = create(b);
        assertThat(get(f.headG, id).get("targets").asLong()).isZero();
        JsonNode c = launch(id);
        // R3 holds an open FUND opportunity; R1's open one is for another product.
        assertThat(c.get("targets").asLong()).isEqualTo(5);
        assertThat(c.get("excluded").asLong()).isEqualTo(1);
        assertThat(c.get("launch").get("total").asInt()).isEqualTo(6);
        assertThat(c.get("launch").get("done").asLong()).isEqualTo(6);
        assertThat(targets(f.headG, id, "")).containsExactly(f.no("C1"), f.no("C2"), f.no("R1"), f.no("R2"),
                f.no("R4"));
        assertThat(targets(f.headG, id, "&figure=EXCLUDED")).containsExactly(f.no("R3"));
        // Each target belongs to its customer's RM, or waits in the branch queue.
        assertThat(targets(f.rm, id, "")).containsExactly(f.no("C1"), f.no("R1"), f.no("R4"));
        assertThat(targets(f.headG, id, "&queued=true")).containsExactly(f.no("C2"), f.no("R2"));
        var funnel = Http.basic(port, f.headG).get("/api/v1/campaigns/" + id + "/funnel").json();
        assertThat(funnel.get("byRm").get(0).get("key").asString()).isEqualTo(f.rm);
        assertThat(funnel.get("byRm").get(0).get("funnel").get("targets").asLong()).isEqualTo(3);
        assertThat(funnel.get("byRm").get(1).get("key").isNull()).isTrue();
        assertThat(funnel.get("byRm").get(1).get("funnel").get("targets").asLong()).isEqualTo(2);
        assertThat(funnel.get("byBranch").get(0).get("key").asString()).isEqualTo(f.g);
        assertThat(funnel.get("byBranch").get(0).get("funnel").get("targets").asLong()).isEqualTo(3);
        assertThat(funnel.get("byBranch").get(1).get("funnel").get("targets").asLong()).isEqualTo(2);
        // The RM sees the campaign with their own figures only.
        assertThat(get(f.rm, id).get("targets").asLong()).isEqualTo(3);
    }

    @Test
    void aHeadsCampaignNeverReachesAnotherBranchsCustomers() {
        long id = launched(List.of("R1", "X1"), "FUND", "0");
        assertThat(get(f.headG, id).get("targets").asLong()).isEqualTo(1);
        assertThat(targets(f.headG, id, "")).containsExactly(f.no("R1"));
        assertThat(jdbc.queryForObject("select count(*) from campaign_target where campaign_id = ?", Long.class, id))
                .isEqualTo(1);
        // Head H sees neither the campaign nor its targets, and can record nothing.
        assertThat(Http.basic(port, f.headH).get("/api/v1/campaigns/" + id).status()).isEqualTo(404);
        assertThat(Http.basic(port, f.headH).get("/api/v1/campaigns/" + id + "/targets").status()).isEqualTo(404);
        assertThat(outcome(f.headH, id, "R1", Map.of("outcome", "DECLINED")).status()).isEqualTo(404);
        assertThat(Http.basic(port, f.headH).get("/api/v1/campaigns?size=500").json().get("items").valueStream()
                .noneMatch(c -> c.get("id").asLong() == id)).isTrue();
        // An RM without a target does not see it either.
        assertThat(Http.basic(port, "rm1").get("/api/v1/campaigns/" + id).status()).isEqualTo(404);
    }

    /**
     * A head's list shown before the RM declined does not turn the target back into "not reached": the outcome sent
     * with the version the head saw is refused (409) and the RM's outcome and note stay.
     */
    @Test
    void anOutcomeFromAStaleListIsRefusedAndTheRecordedOneStays() {
        long id = launched(List.of("R1"), "FUND", "0");
        var seen = Http.basic(port, f.headG).get("/api/v1/campaigns/" + id + "/targets?size=100").json()
                .get("items").get(0);
        int version = seen.get("version").asInt();
        assertThat(seen.get("outcome").asString()).isEqualTo("PENDING");
        assertThat(outcome(f.rm, id, "R1", Map.of("outcome", "DECLINED", "note", "暂不需要", "version", version))
                .status()).isEqualTo(200);
        var stale = outcome(f.headG, id, "R1", Map.of("outcome", "NOT_REACHED", "version", version));
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(jdbc.queryForObject("select outcome || ' ' || note from campaign_target where campaign_id = ?",
                String.class, id)).isEqualTo("DECLINED 暂不需要");
        // the page's form carries the version it showed
        String page = Http.session(port, f.headG).get("/campaigns/" + id + "/targets").body();
        assertThat(org.jsoup.Jsoup.parse(page).select("form input[name=version]").eachAttr("value"))
                .isNotEmpty().allMatch(v -> v.equals(String.valueOf(version + 1)));
    }

    /** A script and an outcome's note are free text: any phone or ID number in them is shown masked, API and pages. */
    @Test
    void theScriptAndNotesAreShownWithPhoneAndIdNumbersMasked() {
        Map<String, Object> b = body("名单 " + f.suffix, "FUND", List.of(f.no("R1")), "0");
        b.put("script", "客户电话 13912345678，证件 330106196705116503");
        long id = create(b);
        launch(id);
        var noted = outcome(f.rm, id, "R1", Map.of("outcome", "NOT_REACHED",
                "note", "改打 13812345678，证件 110105199003071234"));
        assertThat(noted.status()).as(noted.body()).isEqualTo(200);
        for (String user : List.of(f.headG, f.rm)) {
            String shown = get(user, id).toString()
                    + Http.basic(port, user).get("/api/v1/campaigns/" + id + "/targets?size=100").body()
                    + Http.session(port, user).get("/campaigns/" + id).body()
                    + Http.session(port, user).get("/campaigns/" + id + "/targets").body();
            assertThat(shown).as(user).contains("139****5678").contains("138****5678")
                    .doesNotContain("13912345678").doesNotContain("330106196705116503")
                    .doesNotContain("13812345678").doesNotContain("110105199003071234");
        }
    }

    @Test
    void outcomesFollowTheRulesAndEachLogsAFollowUpOnTheCustomer() {
        long id = launched(List.of("R1", "R4", "C1", "R2"), "FUND", "0");
        // NOT_REACHED may be followed by another outcome.
        assertThat(outcome(f.rm, id, "R1", Map.of("outcome", "NOT_REACHED")).status()).isEqualTo(200);
        var declined = outcome(f.rm, id, "R1", Map.of("outcome", "DECLINED", "followUpType", "VISIT"));
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        assertThat(declined.json().get("outcome").asString()).isEqualTo("DECLINED");
        // INTERESTED needs the amount and the close date, and opens the campaign's opportunity.
        var missing = outcome(f.rm, id, "R4", Map.of("outcome", "INTERESTED"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fields(missing)).containsExactlyInAnyOrder("amount", "expectedCloseDate");
        assertThat(outcome(f.rm, id, "R4", Map.of("outcome", "PENDING")).status()).isEqualTo(400);
        assertThat(outcome(f.rm, id, "R4", Map.of("outcome", "MAYBE")).status()).isEqualTo(400);
        var yes = outcome(f.rm, id, "R4", interested("80000"));
        assertThat(yes.status()).as(yes.body()).isEqualTo(200);
        long opp = yes.json().get("opportunityId").asLong();
        JsonNode o = Http.basic(port, f.rm).get("/api/v1/opportunities/" + opp).json();
        assertThat(o.get("source").asString()).isEqualTo("CAMPAIGN");
        assertThat(o.get("campaignId").asLong()).isEqualTo(id);
        assertThat(o.get("sourceDetail").asString()).contains("名单 " + f.suffix);
        assertThat(o.get("productCode").asString()).isEqualTo("FUND");
        assertThat(o.get("ownerRm").asString()).isEqualTo(f.rm);
        assertThat(o.get("amount").decimalValue()).isEqualByComparingTo("80000");
        // Nothing follows INTERESTED.
        assertThat(outcome(f.rm, id, "R4", Map.of("outcome", "DECLINED")).status()).isEqualTo(409);
        assertThat(outcome(f.headG, id, "R4", interested("1")).status()).isEqualTo(409);
        // Each outcome logged the contact on the customer: R1 twice (CALL by default, then VISIT), R4 once.
        var r1 = Http.basic(port, f.rm).get("/api/v1/customers/" + f.no("R1") + "/follow-ups").json();
        assertThat(r1.valueStream().map(x -> x.get("type").asString()).toList()).containsExactly("VISIT", "CALL");
        assertThat(Http.basic(port, f.rm).get("/api/v1/customers/" + f.no("R4") + "/follow-ups").json().size())
                .isEqualTo(1);
        // A queued target waits for the head; once assigned to an RM of its customer's branch (R2 is in GS), the
        // customer and the target are that RM's.
        assertThat(outcome(f.headG, id, "R2", Map.of("outcome", "DECLINED")).status()).isEqualTo(409);
        String rmGs = "sgs" + f.suffix.toLowerCase();
        assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/users", Map.of("username", rmGs,
                "displayName", "支行经理" + f.suffix, "role", "RM", "branchCode", f.gs, "password",
                Http.DEMO_PASSWORD)).status()).isEqualTo(201);
        var assign = Http.basic(port, f.rm).postJson("/api/v1/campaigns/" + id + "/targets/" + f.no("R2")
                + "/assign", Map.of("ownerRm", f.rm));
        assertThat(assign.status()).isEqualTo(403);
        for (String notOfTheBranch : List.of("rm1", f.rm)) {
            var badRm = Http.basic(port, f.headG).postJson("/api/v1/campaigns/" + id + "/targets/" + f.no("R2")
                    + "/assign", Map.of("ownerRm", notOfTheBranch));
            assertThat(badRm.status()).isEqualTo(400);
        }
        var assigned = Http.basic(port, f.headG).postJson("/api/v1/campaigns/" + id + "/targets/" + f.no("R2")
                + "/assign", Map.of("ownerRm", rmGs));
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.json().get("ownerRm").asString()).isEqualTo(rmGs);
        assertThat(jdbc.queryForObject("select u.username from customer c join staff_user u on u.id = c.owner_id"
                + " where c.customer_no = ?", String.class, f.no("R2"))).isEqualTo(rmGs);
        assertThat(Http.basic(port, f.headG).postJson("/api/v1/campaigns/" + id + "/targets/" + f.no("R2")
                + "/assign", Map.of("ownerRm", rmGs)).status()).isEqualTo(409);
        assertThat(outcome(rmGs, id, "R2", Map.of("outcome", "NOT_REACHED")).status()).isEqualTo(200);
        assertThat(targets(rmGs, id, "")).containsExactly(f.no("R2"));
        // The funnel: 4 targets, 3 attempted, 2 reached, 1 interested; ROI null at cost 0.
        JsonNode c = get(f.headG, id);
        assertThat(List.of(c.get("targets").asLong(), c.get("attempted").asLong(), c.get("reached").asLong(),
                c.get("interested").asLong(), c.get("won").asLong())).containsExactly(4L, 3L, 2L, 1L, 0L);
        assertThat(c.get("roi").isNull()).isTrue();
        assertThat(c.get("cost").decimalValue()).isEqualByComparingTo("0");
        assertThat(targets(f.headG, id, "&outcome=DECLINED")).containsExactly(f.no("R1"));
        assertThat(targets(f.headG, id, "&figure=REACHED")).containsExactly(f.no("R1"), f.no("R4"));
        assertThat(targets(f.headG, id, "&figure=ATTEMPTED")).containsExactly(f.no("R1"), f.no("R2"), f.no("R4"));
        // Another RM's customer is not found.
        assertThat(outcome("rm1", id, "C1", Map.of("outcome", "DECLINED")).status()).isEqualTo(404);
    }

    @Test
    void roiCountsTheWinEvenAfterTheCampaignEnded() {
        long id = launched(List.of("R1"), "FUND", "100.00");
        var yes = outcome(f.rm, id, "R1", interested("50000"));
        long opp = yes.json().get("opportunityId").asLong();
        var q = Http.basic(port, f.rm).postJson("/api/v1/opportunities/" + opp + "/transitions",
                Map.of("toStage", "QUALIFIED", "version", 0));
        assertThat(q.status()).as(q.body()).isEqualTo(200);
        // A draft whose end passed before it was launched says so, with the day it ended.
        long late = create(body("过期草稿 " + f.suffix, "FUND", List.of(f.no("R1")), "0"));
        jdbc.update("update campaign set starts_on = current_date - 30, ends_on = current_date - 2 where id = ?", late);
        var tooLate = Http.basic(port, f.headG).postJson("/api/v1/campaigns/" + late + "/launch", Map.of());
        assertThat(tooLate.status()).isEqualTo(409);
        assertThat(tooLate.json().get("detail").asString())
                .isEqualTo("该营销活动已于 " + jdbc.queryForObject("select ends_on from campaign where id = ?",
                        LocalDate.class, late) + " 结束，不能再启动。");
        // The campaign ends (its end date passes): it takes no outcome any more.
        jdbc.update("update campaign set starts_on = current_date - 30, ends_on = current_date - 2 where id = ?", id);
        assertThat(get(f.headG, id).get("status").asString()).isEqualTo("ENDED");
        assertThat(outcome(f.rm, id, "R1", Map.of("outcome", "DECLINED")).status()).isEqualTo(409);
        var won = Http.basic(port, f.rm).postJson("/api/v1/opportunities/" + opp + "/transitions",
                Map.of("toStage", "WON", "version", q.json().get("version").asInt(), "wonAmount", "40000"));
        assertThat(won.status()).as(won.body()).isEqualTo(200);
        JsonNode c = get(f.headG, id);
        BigDecimal rate = jdbc.queryForObject("select revenue_rate from product where code = 'FUND'",
                BigDecimal.class);
        BigDecimal revenue = new BigDecimal("40000").multiply(rate).setScale(2, RoundingMode.HALF_UP);
        assertThat(c.get("won").asLong()).isEqualTo(1);
        assertThat(c.get("wonAmount").decimalValue()).isEqualByComparingTo("40000");
        assertThat(c.get("revenue").decimalValue()).isEqualByComparingTo(revenue);
        BigDecimal roi = revenue.subtract(new BigDecimal("100")).divide(new BigDecimal("100"), 4,
                RoundingMode.HALF_UP);
        assertThat(Http.basic(port, f.headG).get("/api/v1/campaigns/" + id).body())
                .contains("\"roi\":" + roi.toPlainString());
        assertThat(c.get("roi").decimalValue()).isEqualByComparingTo(roi);
        assertThat(targets(f.headG, id, "&figure=WON")).containsExactly(f.no("R1"));
    }

    @Test
    void aSecondLaunchIsRefusedAndAFailedOneResumesWithNoTargetTwice() {
        long id = launched(List.of("R1", "R4", "C1"), "FUND", "0");
        var again = Http.basic(port, f.headG).postJson("/api/v1/campaigns/" + id + "/launch", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("已启动");
        assertThat(outcome(f.rm, id, "R1", Map.of("outcome", "DECLINED")).status()).isEqualTo(200);
        // A launch cut short (its node died part-way): only R1 written, the state failed.
        jdbc.update("delete from campaign_target where campaign_id = ? and customer_id <> ?", id, f.id("R1"));
        jdbc.update("update campaign set launch_state = 'FAILED' where id = ?", id);
        JsonNode c = launch(id);
        assertThat(c.get("targets").asLong()).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from campaign_target where campaign_id = ?", Long.class, id))
                .isEqualTo(3);
        assertThat(targets(f.headG, id, "&outcome=DECLINED")).containsExactly(f.no("R1"));
        // An RM may not launch, nor end.
        assertThat(Http.basic(port, f.rm).postJson("/api/v1/campaigns/" + id + "/end", Map.of()).status())
                .isEqualTo(403);
        // Ended early: no outcome any more; ending twice is refused.
        assertThat(Http.basic(port, f.headG).postJson("/api/v1/campaigns/" + id + "/end", Map.of()).json()
                .get("status").asString()).isEqualTo("ENDED");
        assertThat(Http.basic(port, f.headG).postJson("/api/v1/campaigns/" + id + "/end", Map.of()).status())
                .isEqualTo(409);
        assertThat(outcome(f.rm, id, "R4", Map.of("outcome", "DECLINED")).status()).isEqualTo(409);
        assertThat(Http.basic(port, f.headG).postJson("/api/v1/campaigns/" + id + "/launch", Map.of()).status())
                .isEqualTo(409);
    }

    @Test
    void aCustomerInTwoCampaigns() {
        long fund = launched(List.of("R1", "R4"), "FUND", "0");
        long wealth = launched(List.of("R1"), "WEALTH", "0");
        assertThat(outcome(f.rm, fund, "R1", interested("1000")).status()).isEqualTo(200);
        var other = outcome(f.rm, wealth, "R1", interested("2000"));
        assertThat(other.status()).as(other.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from opportunity where campaign_id in (?, ?)", Long.class,
                fund, wealth)).isEqualTo(2);
        assertThat(get(f.headG, fund).get("interested").asLong()).isEqualTo(1);
        assertThat(get(f.headG, wealth).get("interested").asLong()).isEqualTo(1);
        // A third FUND campaign launched now excludes R1 (its FUND opportunity is open), not R4.
        long again = launched(List.of("R1", "R4"), "FUND", "0");
        JsonNode c = get(f.headG, again);
        assertThat(c.get("targets").asLong()).isEqualTo(1);
        assertThat(c.get("excluded").asLong()).isEqualTo(1);
    }

    @Test
    void theDashboardsSourceCampaignCountsTheCampaignsOpportunitiesAndNoOther() {
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String pipeline = "/api/v1/dashboard/pipeline?from=" + today + "&to=" + today;
        long[] before = campaignSource(pipeline);
        long id = launched(List.of("R1", "R4", "C1"), "FUND", "0");
        long r1 = outcome(f.rm, id, "R1", interested("30000")).json().get("opportunityId").asLong();
        assertThat(outcome(f.rm, id, "R4", interested("20000")).status()).isEqualTo(200);
        assertThat(outcome(f.rm, id, "C1", Map.of("outcome", "DECLINED")).status()).isEqualTo(200);
        var q = Http.basic(port, f.rm).postJson("/api/v1/opportunities/" + r1 + "/transitions",
                Map.of("toStage", "QUALIFIED", "version", 0));
        assertThat(q.status()).as(q.body()).isEqualTo(200);
        var won = Http.basic(port, f.rm).postJson("/api/v1/opportunities/" + r1 + "/transitions",
                Map.of("toStage", "WON", "version", q.json().get("version").asInt(), "wonAmount", "30000"));
        assertThat(won.status()).as(won.body()).isEqualTo(200);
        // Nobody opens a CAMPAIGN opportunity by hand: it would belong to no campaign.
        var manual = Http.basic(port, f.rm).postJson("/api/v1/opportunities", Map.of("customerNo", f.no("R3"),
                "productCode", "FUND", "amount", "10000", "expectedCloseDate", LocalDate.now().plusDays(30).toString(),
                "source", "CAMPAIGN"));
        assertThat(manual.status()).as(manual.body()).isEqualTo(400);
        assertThat(fields(manual)).containsExactly("source");
        assertThat(manual.body()).contains("活动商机只能在活动名单中记录");
        // The head's dashboard counts, for source CAMPAIGN, exactly what the campaign counts.
        long[] after = campaignSource(pipeline);
        JsonNode c = get(f.headG, id);
        assertThat(c.get("interested").asLong()).isEqualTo(2);
        assertThat(c.get("won").asLong()).isEqualTo(1);
        assertThat(after[0] - before[0]).isEqualTo(c.get("interested").asLong());
        assertThat(after[1] - before[1]).isEqualTo(c.get("won").asLong());
        // Its source detail names the campaign in the reader's language.
        JsonNode en = Http.basic(port, f.rm).language("en").get("/api/v1/opportunities/" + r1).json();
        assertThat(en.get("sourceDetail").asString()).isEqualTo("Campaign 名单 " + f.suffix + " (#" + id + ")");
        JsonNode zh = Http.basic(port, f.rm).get("/api/v1/opportunities/" + r1).json();
        assertThat(zh.get("sourceDetail").asString()).isEqualTo("名单制营销：名单 " + f.suffix + "（#" + id + "）");
        assertThat(jdbc.queryForObject("select source_detail from opportunity where id = ?", String.class, r1))
                .isEqualTo("campaign:" + id + ":名单 " + f.suffix);
    }

    /** The head's pipeline figures for source CAMPAIGN: created and won in the period. */
    private long[] campaignSource(String pipeline) {
        var res = Http.basic(port, f.headG).get(pipeline);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json().get("bySource").valueStream().filter(x -> "CAMPAIGN".equals(x.get("source").asString()))
                .map(x -> new long[]{x.get("created").asLong(), x.get("won").asLong()}).findFirst()
                .orElse(new long[]{0, 0});
    }

    @Test
    void openTargetsFollowTheirCustomerToANewOwnerAndAnsweredOnesStay() {
        long id = launched(List.of("R1", "R3", "R4"), "FUND", "0");
        long ended = launched(List.of("R3"), "WEALTH", "0");
        jdbc.update("update campaign set starts_on = current_date - 30, ends_on = current_date - 2 where id = ?",
                ended);
        assertThat(outcome(f.rm, id, "R1", Map.of("outcome", "DECLINED")).status()).isEqualTo(200);
        assertThat(outcome(f.rm, id, "R4", Map.of("outcome", "NOT_REACHED")).status()).isEqualTo(200);
        String heir = "sgn" + f.suffix.toLowerCase();
        assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/users", Map.of("username", heir,
                "displayName", "接手经理" + f.suffix, "role", "RM", "branchCode", f.g, "password",
                Http.DEMO_PASSWORD)).status()).isEqualTo(201);
        var handover = Http.basic(port, f.headG).postJson("/api/v1/handovers", Map.of("fromRm", f.rm,
                "toRms", List.of(heir)));
        assertThat(handover.status()).as(handover.body()).isEqualTo(200);
        // R3 (pending) and R4 (not reached) are the heir's to work now; R1, answered, stays with who answered it.
        assertThat(targets(heir, id, "")).containsExactlyInAnyOrder(f.no("R3"), f.no("R4"));
        assertThat(targets(f.rm, id, "")).containsExactly(f.no("R1"));
        assertThat(outcome(heir, id, "R3", Map.of("outcome", "DECLINED")).status()).isEqualTo(200);
        assertThat(outcome(f.rm, id, "R4", Map.of("outcome", "DECLINED")).status()).isEqualTo(404);
        // An ended campaign's list is a record of what was: it stays as it was.
        assertThat(jdbc.queryForObject("""
                select u.username from campaign_target t join staff_user u on u.id = t.owner_id
                where t.campaign_id = ?""", String.class, ended)).isEqualTo(f.rm);
    }

    @Test
    void aCustomerFeedThatNamesANewOwnerMovesTheCustomersOpenTargets() {
        long id = launched(List.of("R1", "R4", "R2"), "FUND", "0");
        String heir = "fed" + f.suffix.toLowerCase();
        assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/users", Map.of("username", heir,
                "displayName", "行里指定" + f.suffix, "role", "RM", "branchCode", f.g, "password",
                Http.DEMO_PASSWORD)).status()).isEqualTo(201);
        String feed = "customer_no,type,name,branch_code,aum,birth_date,owner_rm\n" + f.no("R4") + ",RETAIL,分群客户R4,"
                + f.g + ",0,1980-01-01," + heir + "\n" + f.no("R1") + ",RETAIL,分群客户R1," + f.gs
                + ",50000.00,1990-01-01,\n" + f.no("R2") + ",RETAIL,分群客户R2," + f.g + ",99999.99,1996-01-01,\n";
        JsonNode done = Http.basic(port, "admin").importFeed("customers", "handed.csv",
                feed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("updated").asLong()).as(done.toString()).isEqualTo(3);
        // The bank's own system gave R4 to another RM: its pending target goes with it, as a reassignment's would.
        assertThat(targets(heir, id, "")).containsExactly(f.no("R4"));
        // R1 moved to the sub-branch without an owner: its target leaves the campaign rather than stay with an RM
        // who no longer has the customer (with no target left, the campaign is no longer theirs to see).
        assertThat(Http.basic(port, f.rm).get("/api/v1/campaigns/" + id + "/targets").status()).isEqualTo(404);
        // R2, unowned and queued in GS, moved to G: out of the campaign too, not left for a head to give to GS's RMs
        for (String moved : List.of("R1", "R2")) {
            assertThat(jdbc.queryForObject("select t.excluded from campaign_target t"
                    + " join customer c on c.id = t.customer_id where t.campaign_id = ? and c.customer_no = ?",
                    Boolean.class, id, f.no(moved))).as(moved).isTrue();
        }
    }

    @Test
    void aDraftIsChangedAndDeletedWithTheVersionReadAndNeverOnceLaunched() {
        JsonNode created = Http.basic(port, f.headG).postJson("/api/v1/campaigns",
                body("草稿 " + f.suffix, "FUND", List.of(f.no("R1")), "0")).json();
        long id = created.get("id").asLong();
        int version = created.get("version").asInt();
        Map<String, Object> changed = body("草稿改 " + f.suffix, "INSURANCE", List.of(f.no("R1"), f.no("R3")), "800");
        changed.put("version", version);
        var saved = Http.basic(port, f.headG).putJson("/api/v1/campaigns/" + id, changed);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("name").asString()).isEqualTo("草稿改 " + f.suffix);
        assertThat(saved.json().get("productCode").asString()).isEqualTo("INSURANCE");
        assertThat(saved.json().get("listSize").asInt()).isEqualTo(2);
        assertThat(saved.json().get("cost").decimalValue()).isEqualByComparingTo("800");
        assertThat(saved.json().get("version").asInt()).isEqualTo(version + 1);

        // The version read before that change: refused, the draft as saved above.
        changed.put("name", "旧版本 " + f.suffix);
        var stale = Http.basic(port, f.headG).putJson("/api/v1/campaigns/" + id, changed);
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        changed.remove("version");
        assertThat(fields(Http.basic(port, f.headG).putJson("/api/v1/campaigns/" + id, changed)))
                .containsExactly("version");
        Map<String, Object> bad = body("草稿改 " + f.suffix, "FUND", List.of(f.no("R1")), "-1");
        bad.put("version", version + 1);
        assertThat(fields(Http.basic(port, f.headG).putJson("/api/v1/campaigns/" + id, bad))).containsExactly("cost");
        // Who may not: an RM (403), another branch's head (404, as if it did not exist).
        bad.put("cost", "0");
        assertThat(Http.basic(port, f.rm).putJson("/api/v1/campaigns/" + id, bad).status()).isEqualTo(403);
        assertThat(Http.basic(port, f.headH).putJson("/api/v1/campaigns/" + id, bad).status()).isEqualTo(404);
        assertThat(Http.basic(port, f.headH).delete("/api/v1/campaigns/" + id).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select name from campaign where id = ?", String.class, id))
                .isEqualTo("草稿改 " + f.suffix);

        // An admin editing the head's draft may give it only a group the head sees: the list is made in the head's
        // scope, and the head must be able to open what the draft names.
        long adminsGroup = Http.basic(port, "admin").postJson("/api/v1/segments", Map.of("name", "行内 " + f.suffix,
                "criteria", Map.of("branchCode", f.g))).json().get("id").asLong();
        Map<String, Object> byAdmin = body("草稿改 " + f.suffix, "INSURANCE", adminsGroup, "800");
        byAdmin.put("version", version + 1);
        var notCreators = Http.basic(port, "admin").putJson("/api/v1/campaigns/" + id, byAdmin);
        assertThat(notCreators.status()).as(notCreators.body()).isEqualTo(400);
        assertThat(notCreators.body()).contains("不在活动创建人 分群" + f.headG + " 可见的范围内");
        long headsGroup = Http.basic(port, f.headG).postJson("/api/v1/segments", Map.of("name", "网点 " + f.suffix,
                "criteria", Map.of("branchCode", f.g))).json().get("id").asLong();
        byAdmin.put("segmentId", headsGroup);
        var fromHeadsGroup = Http.basic(port, "admin").putJson("/api/v1/campaigns/" + id, byAdmin);
        assertThat(fromHeadsGroup.status()).as(fromHeadsGroup.body()).isEqualTo(200);
        assertThat(fromHeadsGroup.json().get("segmentName").asString()).isEqualTo("网点 " + f.suffix);
        changed.put("version", version + 2);
        changed.put("name", "草稿改 " + f.suffix);
        assertThat(Http.basic(port, f.headG).putJson("/api/v1/campaigns/" + id, changed).status()).isEqualTo(200);

        // Launched: the list is fixed, so neither a change nor a delete, and the campaign says why.
        assertThat(launch(id).get("targets").asInt()).isEqualTo(2);
        bad.put("version", get(f.headG, id).get("version").asInt());
        var running = Http.basic(port, f.headG).putJson("/api/v1/campaigns/" + id, bad);
        assertThat(running.status()).isEqualTo(409);
        assertThat(running.body()).contains("该营销活动已不是草稿（已启动或已结束）");
        assertThat(Http.basic(port, f.headG).delete("/api/v1/campaigns/" + id).status()).isEqualTo(409);
        assertThat(get(f.headG, id).get("name").asString()).isEqualTo("草稿改 " + f.suffix);

        // A second draft: deleted with its version, once; a stale version keeps it.
        JsonNode other = Http.basic(port, f.headG).postJson("/api/v1/campaigns",
                body("删草稿 " + f.suffix, "FUND", List.of(f.no("R1")), "0")).json();
        long otherId = other.get("id").asLong();
        int otherVersion = other.get("version").asInt();
        assertThat(Http.basic(port, f.headG).delete("/api/v1/campaigns/" + otherId + "?version="
                + (otherVersion + 1)).status()).isEqualTo(409);
        assertThat(Http.basic(port, f.headG).delete("/api/v1/campaigns/" + otherId + "?version=" + otherVersion)
                .status()).isEqualTo(204);
        assertThat(Http.basic(port, f.headG).get("/api/v1/campaigns/" + otherId).status()).isEqualTo(404);
        assertThat(Http.basic(port, f.headG).delete("/api/v1/campaigns/" + otherId).status()).isEqualTo(404);
        assertThat(jdbc.queryForList("select action from audit_log where entity_type = 'campaign'"
                + " and entity_id in (?, ?) order by id", String.class, String.valueOf(id), String.valueOf(otherId)))
                .containsSubsequence("CREATE", "UPDATE", "UPDATE", "UPDATE", "LAUNCH", "CREATE", "DELETE");
    }

    @Test
    void badInputGetsATranslatedFieldMessageAndChangesNothing() {
        String name = "坏输入 " + f.suffix;
        Map<String, Object> endBeforeStart = body(name, "FUND", List.of(f.no("R1")), "0");
        endBeforeStart.put("endsOn", LocalDate.now().minusDays(5).toString());
        assertThat(error(endBeforeStart)).containsEntry("endsOn", "结束日期不能早于开始日期。");
        Map<String, Object> over = body(name, "FUND", List.of(f.no("R1")), "0");
        over.put("startsOn", LocalDate.now().minusDays(40).toString());
        over.put("endsOn", LocalDate.now().minusDays(10).toString());
        assertThat(error(over)).containsEntry("endsOn", "结束日期已过：营销活动须在今天或以后结束。");
        assertThat(error(body(name, "FUND", List.of(f.no("R1")), "-1"))).containsEntry("cost", "成本不能为负数。");
        assertThat(error(body(name, "GOLD_BAR", List.of(f.no("R1")), "0"))).containsKey("productCode");
        Map<String, Object> both = body(name, "FUND", List.of(f.no("R1")), "0");
        both.put("segmentId", 1L);
        assertThat(error(both)).containsKey("segmentId");
        Map<String, Object> neither = body(name, "FUND", List.of(), "0");
        neither.remove("customerNos");
        assertThat(error(neither)).containsKey("segmentId");
        assertThat(error(body(name, "FUND", List.of(" ", ""), "0"))).containsEntry("customerNos",
                "客户号名单为空。");
        assertThat(error(body(name, "FUND", List.of("R1;drop"), "0"))).containsKey("customerNos");
        var en = Http.basic(port, f.headG).language("en").postJson("/api/v1/campaigns",
                body(name, "FUND", List.of(), "-5"));
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.body()).contains("The cost cannot be negative.")
                .contains("The list of customer numbers is empty.");
        // An RM may not create one at all.
        assertThat(Http.basic(port, f.rm).postJson("/api/v1/campaigns", body(name, "FUND", List.of(f.no("R1")),
                "0")).status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from campaign where name = ?", Long.class, name)).isZero();
    }

    private Map<String, String> error(Map<String, Object> body) {
        var res = Http.basic(port, f.headG).postJson("/api/v1/campaigns", body);
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        Map<String, String> errors = new HashMap<>();
        res.json().get("errors").valueStream().forEach(e -> errors.put(e.get("field").asString(),
                e.get("message").asString()));
        return errors;
    }

    private static List<String> fields(Http.Response res) {
        return res.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }
}
