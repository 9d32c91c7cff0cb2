package org.bankcrm.web.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.awaitility.Awaitility;
import org.bankcrm.web.segment.SegmentFixture;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The campaign pages over HTTP: the form's field messages and nothing saved on bad input; create from pasted
 * numbers, the draft's preview, launch, the RM's one-click outcomes on their list, the head's queue assignment, the
 * figures on the page equal to the API's, every page in both languages, the export.
 */
@CrmWebTest
class CampaignPageTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    SegmentFixture f;

    @BeforeEach
    void fixture() {
        f = SegmentFixture.build(port, jdbc);
    }

    private Map<String, String> form(String name, String cost, String endsOn) {
        return Map.of("name", name, "productCode", "FUND", "segmentId", "", "customerNos",
                f.no("R1") + "\n" + f.no("R4") + ", " + f.no("C2") + " " + f.no("X1"), "startsOn",
                LocalDate.now().toString(), "endsOn", endsOn, "cost", cost, "script", "开场白\n第二句");
    }

    /** A draft made from the form (ending in nine days), by its id. */
    private long draft(Http head, String name, String cost) {
        var saved = head.submit("/campaigns/new", "/campaigns", form(name, cost, LocalDate.now().plusDays(9)
                .toString()));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        return jdbc.queryForObject("select id from campaign where name = ?", Long.class, name);
    }

    @Test
    void aHeadCreatesAndLaunchesAndTheRmRecordsOutcomesFromTheirList() {
        Http head = Http.session(port, f.headG);
        String name = "页面活动 " + f.suffix;
        // Bad input: the form again with the field's message, nothing saved.
        var bad = head.submit("/campaigns/new", "/campaigns", form(name, "-3",
                LocalDate.now().minusDays(1).toString()));
        assertThat(bad.status()).isEqualTo(200);
        Document badPage = Jsoup.parse(bad.body());
        assertThat(badPage.select("#cost.is-invalid")).hasSize(1);
        assertThat(badPage.select("#endsOn.is-invalid")).hasSize(1);
        assertThat(bad.body()).contains("成本不能为负数。").contains("结束日期不能早于开始日期。");
        assertThat(jdbc.queryForObject("select count(*) from campaign where name = ?", Long.class, name)).isZero();

        long id = draft(head, name, "500");
        String page = "/campaigns/" + id;
        // The draft shows its list's size (X1 lies outside head G's scope) and the launch button.
        Document draft = Jsoup.parse(head.get(page).body());
        assertThat(draft.select("#campaign-preview").text()).contains("3 位客户").contains("其中 0 位");
        // Of the four numbers pasted one matches no customer in scope: said without naming it.
        assertThat(draft.select("#campaign-unmatched").text()).startsWith("1 个客户号未对应到活动范围内的客户")
                .doesNotContain(f.no("X1"));
        assertThat(Jsoup.parse(Http.session(port, f.headG).get(page + "?lang=en").body())
                .select("#campaign-unmatched").text())
                .isEqualTo("1 customer number matches no customer within the campaign's reach (mistyped, or another"
                        + " branch's) and will not be targets.");
        assertThat(head.submit(page, page + "/launch", Map.of()).status()).isEqualTo(302);
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> !"RUNNING".equals(jdbc.queryForObject(
                "select launch_state from campaign where id = ?", String.class, id)));
        assertThat(Jsoup.parse(head.get(page + "/progress").body()).select("#campaign-progress").attr("data-state"))
                .isEqualTo("DONE");

        // The RM's list: their two targets, each with one-click outcomes; the queue holds C2.
        Http rm = Http.session(port, f.rm);
        String list = page + "/targets";
        Document mine = Jsoup.parse(rm.get(list).body());
        assertThat(mine.select("#campaign-targets tr[data-customer]").eachAttr("data-customer"))
                .containsExactly(f.no("R1"), f.no("R4"));
        assertThat(mine.select(".campaign-script").text()).contains("开场白");
        assertThat(rm.submit(list, list + "/" + f.no("R1"), Map.of("outcome", "DECLINED", "followUpType", "VISIT",
                "back", list)).header("Location")).endsWith(list);
        var interested = rm.submit(list, list + "/" + f.no("R4"), Map.of("outcome", "INTERESTED", "amount",
                "30000", "expectedCloseDate", LocalDate.now().plusDays(15).toString(), "back", list));
        assertThat(interested.status()).isEqualTo(302);
        // The opportunity's page names the campaign and links to it.
        long opp = jdbc.queryForObject("""
                select t.opportunity_id from campaign_target t join customer c on c.id = t.customer_id
                where t.campaign_id = ? and c.customer_no = ?""", Long.class, id, f.no("R4"));
        var link = Jsoup.parse(rm.get("/opportunities/" + opp).body()).selectFirst("#opportunity-campaign");
        assertThat(link.attr("href")).isEqualTo(page);
        assertThat(link.text()).isEqualTo("名单制营销：" + name + "（#" + id + "）");
        // INTERESTED without an amount: the list again with the message, nothing recorded.
        var missing = rm.submit(list, list + "/" + f.no("R1"), Map.of("outcome", "INTERESTED", "back", list));
        assertThat(missing.header("Location")).endsWith(list);
        assertThat(rm.get(list).body()).contains("结果未记录");
        Document after = Jsoup.parse(rm.get(list).body());
        assertThat(after.select("tr[data-customer=" + f.no("R4") + "] .target-outcome").text()).contains("有意向");
        assertThat(after.select("tr[data-customer=" + f.no("R4") + "] .target-actions form")).isEmpty();
        assertThat(after.select("tr[data-customer=" + f.no("R1") + "] .target-outcome").text()).contains("已拒绝");
        // My day lists the campaign with what is left.
        assertThat(Jsoup.parse(rm.get("/").body()).select("#myday-campaigns [data-campaign=" + id + "]").text())
                .contains("待联系 0 / 2");

        // The head's figures equal the API's; the queue shows C2 with the assignment form.
        Document c = Jsoup.parse(head.get(page).body());
        var api = Http.basic(port, f.headG).get("/api/v1/campaigns/" + id).json();
        assertThat(c.select("#fig-targets .kpi-value").text()).isEqualTo(api.get("targets").asString());
        assertThat(c.select("#fig-attempted .kpi-value").text()).isEqualTo("2");
        assertThat(c.select("#fig-interested .kpi-value").text()).isEqualTo(api.get("interested").asString());
        // Its cost spent and nothing won yet: the ROI is what it is, in red only once the campaign has ended.
        assertThat(c.select("#fig-roi .kpi-value").text()).isEqualTo("-100.0%");
        assertThat(c.select("#fig-roi .kpi-value.text-danger")).isEmpty();
        // The RM sees their own targets: not the whole list's ROI against the whole cost, but what theirs brought.
        Document rmPage = Jsoup.parse(rm.get(page).body());
        assertThat(rmPage.select("#fig-roi")).isEmpty();
        assertThat(rmPage.select("#fig-revenue .kpi-value").text()).isEqualTo("¥0");
        assertThat(Jsoup.parse(rm.get("/campaigns").body()).select("#campaign-" + id + " td.campaign-roi").text())
                .isEqualTo("—");
        assertThat(Jsoup.parse(head.get("/campaigns").body()).select("#campaign-" + id + " td.campaign-roi").text())
                .isEqualTo("-100.0%");
        assertThat(c.select("#campaign-by-rm tr[data-key=" + f.rm + "] td").get(1).text()).isEqualTo("2");
        Document queue = Jsoup.parse(head.get(list + "?queued=true").body());
        assertThat(queue.select("tr[data-customer]").eachAttr("data-customer")).containsExactly(f.no("C2"));
        assertThat(queue.select("tr[data-customer] select[name=ownerRm]")).hasSize(1);
        // Assigning without an RM says the target was not assigned (not that an outcome was not recorded).
        String queued = list + "?queued=true";
        assertThat(head.submit(queued, list + "/" + f.no("C2") + "/assign", Map.of("back", queued)).status())
                .isEqualTo(302);
        assertThat(Jsoup.parse(head.get(queued).body()).select(".alert-danger").text()).startsWith("未分配：")
                .doesNotContain("结果未记录");

        // Every page in both languages without a missing message; the export is a workbook.
        for (String p : new String[] {"/campaigns", page, list, list + "?figure=REACHED", list + "?queued=true",
                "/campaigns/new"}) {
            for (String lang : new String[] {"zh-CN", "en"}) {
                var res = head.get(p + (p.contains("?") ? "&" : "?") + "lang=" + lang);
                assertThat(res.status()).as(p).isEqualTo(200);
                assertThat(res.body()).as(p + " " + lang).doesNotContain("??");
            }
        }
        head.get("/?lang=zh-CN");
        var xlsx = head.get(list + ".xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.header("Content-Type")).contains("spreadsheetml");
        // Ending early from the page: no one-click outcomes any more.
        assertThat(head.submit(page, page + "/end", Map.of()).status()).isEqualTo(302);
        assertThat(Jsoup.parse(rm.get(list).body()).select(".target-actions form")).isEmpty();
        assertThat(Jsoup.parse(head.get(page).body()).select("#fig-roi .kpi-value.text-danger").text())
                .isEqualTo("-100.0%");
        assertThat(Http.session(port, f.headH).get(page).status()).isEqualTo(404);
    }

    @Test
    void aDraftIsEditedFromItsPageKeepsWhatWasEnteredOnAConflictAndIsDeleted() {
        Http head = Http.session(port, f.headG);
        String name = "草稿页 " + f.suffix;
        long id = draft(head, name, "500");
        String page = "/campaigns/" + id;
        Document draft = Jsoup.parse(head.get(page).body());
        assertThat(draft.select("#campaign-edit").attr("href")).isEqualTo(page + "/edit");
        assertThat(draft.select("#campaign-delete")).hasSize(1);
        // No funnel yet: no figure cards (their ROI would read -100 % of the cost), the cost said in the line above.
        assertThat(draft.select("#campaign-figures")).isEmpty();
        assertThat(draft.select("#campaign-cost").text()).isEqualTo("成本 ¥500.00");
        // In the list too: a draft's targets, outcomes and ROI are not 0 but not yet.
        assertThat(Jsoup.parse(head.get("/campaigns").body()).select("#campaign-" + id + " td.text-end").eachText())
                .containsOnly("—");
        // The edit form holds what was saved: the pasted list one number a line, the version read.
        Document edit = Jsoup.parse(head.get(page + "/edit").body());
        assertThat(edit.select("#campaign-form").attr("action")).isEqualTo(page);
        assertThat(edit.select("#name").val()).isEqualTo(name);
        assertThat(edit.select("#customerNos").val().split("\n")).containsExactly(f.no("R1"), f.no("R4"),
                f.no("C2"), f.no("X1"));
        assertThat(edit.select("#cost").val()).isEqualTo("500.00");
        String version = edit.select("input[name=version]").val();
        assertThat(version).isEqualTo("0");

        Map<String, String> changed = new java.util.HashMap<>(form(name + " 改", "650", LocalDate.now().plusDays(20)
                .toString()));
        changed.put("customerNos", f.no("R1"));
        changed.put("version", version);
        // Bad input: the form again with the field's message, the draft unchanged.
        Map<String, String> bad = new java.util.HashMap<>(changed);
        bad.put("cost", "-1");
        var refused = head.submit(page + "/edit", page, bad);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(Jsoup.parse(refused.body()).select("#cost.is-invalid")).hasSize(1);
        String start = "甲".repeat(60);
        changed.put("script", start + "乙乙");
        assertThat(head.submit(page + "/edit", page, changed).status()).isEqualTo(302);
        assertThat(jdbc.queryForMap("select name, cost, array_length(customer_nos, 1) as n from campaign where id = ?",
                id)).containsEntry("name", name + " 改").containsEntry("n", 1);
        assertThat(Jsoup.parse(head.get(page).body()).select("#campaign-preview").text()).contains("1 位客户");

        // The version read before that save: the form again as entered, saying so, now on the latest version.
        changed.put("name", name + " 旧");
        changed.put("customerNos", f.no("R1") + "\n" + f.no("R4"));
        changed.put("script", start + "丙丙");     // differs past what the panel shows of it: listed all the same
        var stale = head.submit(page + "/edit", page, changed);
        assertThat(stale.status()).isEqualTo(200);
        Document again = Jsoup.parse(stale.body());
        // Above the form, what differs from the draft as saved now: the name, and the list by the numbers only one
        // of the two holds.
        assertThat(again.select("#campaign-conflict").text()).startsWith("您打开此页后，有人修改并保存了该草稿");
        assertThat(again.select("#campaign-conflict tr[data-field]").eachAttr("data-field"))
                .containsExactly("campaign.name", "campaign.script", "campaign.customerNos");
        assertThat(again.select("#campaign-conflict tr[data-field=campaign.script] td").eachText())
                .containsExactly(start + "…", start + "…");
        assertThat(again.select("#campaign-conflict tr[data-field=campaign.name] td").eachText())
                .containsExactly(name + " 旧", name + " 改");
        assertThat(again.select("#campaign-conflict tr[data-field=campaign.customerNos] td").eachText())
                .containsExactly("2 个客户号，其中不在另一份名单中的：" + f.no("R4"), "1 个客户号");
        // Leaving it as saved is a link to the edit form (a reload would post the form again).
        assertThat(again.select("#campaign-conflict a.stale-discard").attr("href")).isEqualTo(page + "/edit");
        assertThat(again.select("#name").val()).isEqualTo(name + " 旧");
        assertThat(again.select("input[name=version]").val()).isEqualTo("1");
        assertThat(jdbc.queryForObject("select name from campaign where id = ?", String.class, id))
                .isEqualTo(name + " 改");
        for (String lang : new String[] {"zh-CN", "en"}) {
            assertThat(head.get(page + "/edit?lang=" + lang).body()).doesNotContain("??");
        }
        head.get("/?lang=zh-CN");

        // Without the version read (a form not from the edit page): the form again, saying so, nothing saved.
        Map<String, String> noVersion = new java.util.HashMap<>(changed);
        noVersion.remove("version");
        Document unversioned = Jsoup.parse(head.submit(page + "/edit", page, noVersion).body());
        assertThat(unversioned.select("#campaign-version-error").text()).startsWith("表单缺少草稿的版本信息");
        // An RM has no edit; another branch's head finds nothing, whatever the form holds.
        assertThat(Http.session(port, f.rm).get(page + "/edit").status()).isEqualTo(403);
        assertThat(Http.session(port, f.headH).get(page + "/edit").status()).isEqualTo(404);
        Http other = Http.session(port, f.headH);
        assertThat(other.submit("/campaigns", page, Map.of("cost", "abc")).status()).isEqualTo(404);
        assertThat(other.submit("/campaigns", "/campaigns/424242424", Map.of("cost", "abc")).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select name from campaign where id = ?", String.class, id))
                .isEqualTo(name + " 改");
        // Deleted from its page: back to the list, which no longer has it.
        var deleted = head.submit(page, page + "/delete", Map.of("version", "1"));
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(deleted.header("Location")).endsWith("/campaigns");
        assertThat(jdbc.queryForObject("select count(*) from campaign where id = ?", Long.class, id)).isZero();
        assertThat(head.get("/campaigns").body()).contains("营销活动草稿已删除。").doesNotContain(name);
    }

    @Test
    void aLaunchedCampaignHasNoEditAndItsEditFormSaysWhy() {
        Http head = Http.session(port, f.headG);
        String name = "已启动 " + f.suffix;
        long id = draft(head, name, "0");
        String page = "/campaigns/" + id;
        assertThat(head.submit(page, page + "/launch", Map.of()).status()).isEqualTo(302);
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> !"RUNNING".equals(jdbc.queryForObject(
                "select launch_state from campaign where id = ?", String.class, id)));
        Document launched = Jsoup.parse(head.get(page).body());
        assertThat(launched.select("#campaign-edit, #campaign-delete")).isEmpty();
        assertThat(launched.select("#campaign-figures")).hasSize(1);
        var edit = head.get(page + "/edit");
        assertThat(edit.status()).isEqualTo(302);
        assertThat(Jsoup.parse(head.get(page).body()).select(".alert-danger").text())
                .contains("该营销活动已不是草稿（已启动或已结束）");
        assertThat(head.submit(page, page + "/delete", Map.of()).status()).isEqualTo(302);
        // A change posted to it, even a form the binder refuses, goes back to its page, saying why.
        var posted = head.submit(page, page, Map.of("name", "改名", "cost", "abc", "version", "0"));
        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.header("Location")).endsWith(page);
        assertThat(jdbc.queryForMap("select count(*) as n, min(name) as name from campaign where id = ?", id))
                .containsEntry("n", 1L).containsEntry("name", name);
    }

    @Test
    void aDraftNamesTheCustomersItWillExcludeWithTheirOpenOpportunity() {
        Http head = Http.session(port, f.headG);
        var opened = Http.basic(port, f.rm).postJson("/api/v1/opportunities", Map.of("customerNo", f.no("R4"),
                "productCode", "FUND", "title", "基金定投 " + f.suffix, "amount", "10000", "expectedCloseDate",
                LocalDate.now().plusDays(30).toString()));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long opportunity = opened.json().get("id").asLong();
        String name = "排除名单 " + f.suffix;
        String page = "/campaigns/" + draft(head, name, "0");

        Document draft = Jsoup.parse(head.get(page).body());
        assertThat(draft.select("#campaign-preview").text()).contains("其中 1 位");
        assertThat(draft.select("#campaign-excluded summary").text()).isEqualTo("查看将被排除的 1 位客户及其在途商机");
        var line = draft.selectFirst("#campaign-excluded li");
        assertThat(line.selectFirst("a[href=/customers/" + f.no("R4") + "]").text()).isEqualTo("分群客户R4");
        assertThat(line.selectFirst("a[href=/opportunities/" + opportunity + "]").text())
                .isEqualTo("基金定投 " + f.suffix);
        assertThat(line.select(".stage-badge").text()).isEqualTo("发现");
        assertThat(draft.select("#campaign-excluded li")).hasSize(1);
        assertThat(Jsoup.parse(head.get(page + "?lang=en").body()).select("#campaign-excluded summary").text())
                .isEqualTo("See the customer to be excluded and their open opportunities");
        // The admin sees the same line; another branch's head does not see the draft at all.
        assertThat(Jsoup.parse(Http.session(port, "admin").get(page).body()).select("#campaign-excluded li a")
                .eachAttr("href")).containsExactly("/customers/" + f.no("R4"), "/opportunities/" + opportunity);
        assertThat(Http.session(port, f.headH).get(page).status()).isEqualTo(404);
    }
}
