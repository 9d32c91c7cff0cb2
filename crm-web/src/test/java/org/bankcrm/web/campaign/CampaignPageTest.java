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

        var saved = head.submit("/campaigns/new", "/campaigns", form(name, "500", LocalDate.now().plusDays(9)
                .toString()));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        long id = jdbc.queryForObject("select id from campaign where name = ?", Long.class, name);
        String page = "/campaigns/" + id;
        // The draft shows its list's size (X1 lies outside head G's scope) and the launch button.
        Document draft = Jsoup.parse(head.get(page).body());
        assertThat(draft.select("#campaign-preview").text()).contains("3 位客户").contains("其中 0 位");
        // Of the four numbers pasted one matches no customer in scope: said without naming it.
        assertThat(draft.select("#campaign-unmatched").text()).startsWith("1 个客户号未对应到活动范围内的客户")
                .doesNotContain(f.no("X1"));
        assertThat(Jsoup.parse(Http.session(port, f.headG).get(page + "?lang=en").body())
                .select("#campaign-unmatched").text())
                .isEqualTo("1 customer number(s) match no customer within the campaign's reach (mistyped, or another"
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
        assertThat(Http.session(port, f.headH).get(page).status()).isEqualTo(404);
    }
}
