package org.bankcrm.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The dashboard page and the lists behind its figures, over the known pipeline of {@link DashboardFixture}. */
@CrmWebTest
class DashboardPageTest extends KnownPipelineTest {

    /** A second known branch: #1 has no owner (the unassigned row) and four counter referrals are recorded. */
    static DashboardFixture fx2;

    private DashboardFixture fx2() {
        if (fx2 == null) {
            DashboardFixture f = DashboardFixture.build(port, jdbc);
            jdbc.update("update opportunity set owner_id = null where id = ?", f.ids[1]);
            // COUNTER in March: four referrals; one became the won #3, one the lost #5 (closed in March), one the
            // #4 lost on 04-01 (outside March), one is still new. LOBBY: none.
            referral(f, "COUNTER", f.ids[3], "2025-03-03 10:00+08");
            referral(f, "COUNTER", f.ids[5], "2025-03-01 00:00+08");
            referral(f, "COUNTER", f.ids[4], "2025-03-20 10:00+08");
            referral(f, "COUNTER", null, "2025-03-31 23:59+08");
            // Before the period: not one of March's referrals.
            referral(f, "OTHER_DEPT", null, "2025-02-28 23:59+08");
            fx2 = f;
        }
        return fx2;
    }

    private void referral(DashboardFixture f, String channel, Long opportunityId, String at) {
        jdbc.update("""
                insert into referral (customer_id, channel, need, referrer_id, branch_id, status, opportunity_id,
                                      created_at)
                select c.id, ?, 'fixture', u.id, c.branch_id, ?, ?, ?::timestamptz
                from customer c, staff_user u where c.customer_no = ? and u.username = 'teller1'""",
                channel, opportunityId == null ? "NEW" : "ACCEPTED", opportunityId, at, "C" + f.rmA);
    }

    private static long lines(Document list) {
        return list.select("#drill-table tbody tr:not(:has(td[colspan]))").size();
    }

    @Test
    void everyFunnelStepOpensAListAsLongAsItsFigure() {
        DashboardFixture f = fx();
        Http head = Http.session(port, f.head);
        Document doc = page(head, "/dashboard?branch=" + f.branch + "&period=CUSTOM&from=2025-03-01&to=2025-03-31");
        var rows = doc.select("#funnel-table tbody tr");
        assertThat(rows).hasSize(6);
        // The March cohort: #1 (identified), #3 (won, through qualified), #4 and #5 (lost after contacted).
        assertThat(rows.stream().map(r -> r.select("td").get(1).text()).toList())
                .containsExactly("4", "3", "1", "1", "1", "1");
        for (var row : rows) {
            var link = row.selectFirst("td a");
            Document list = page(head, link.attr("href"));
            assertThat(lines(list)).as(row.text() + " → " + link.attr("href")).isEqualTo(Long.parseLong(link.text()));
        }
        Document contacted = page(head, rows.get(1).selectFirst("a").attr("href"));
        assertThat(contacted.selectFirst("#list-reached").text()).isEqualTo("到达接洽及以后");
        assertThat(contacted.select("#drill-table tbody tr a").eachAttr("href"))
                .noneMatch(h -> h.endsWith("/" + f.ids[1]));
        // The chart's bars link to the same lists as the table.
        String chart = doc.selectFirst("#chart-funnel").attr("data-chart");
        for (var row : rows) {
            assertThat(chart).contains(row.selectFirst("td a").attr("href"));
        }
    }

    @Test
    void theUnassignedRowOpensOnlyTheOpportunitiesNoRmOwns() {
        DashboardFixture f = fx2();
        Http head = Http.session(port, f.head);
        Document doc = page(head, "/dashboard?branch=" + f.branch + "&period=CUSTOM&from=2025-03-01&to=2025-03-31");
        var unassigned = doc.select("#leaderboard tbody tr").stream()
                .filter(r -> r.select("td").get(1).text().equals("未分配")).findFirst().orElseThrow();
        var cells = unassigned.select("td");
        assertThat(cells.get(2).text()).isEqualTo("1");
        for (int i = 2; i <= 4; i++) {
            var link = cells.get(i).selectFirst("a");
            assertThat(link.attr("href")).contains("unassigned=true");
            Document list = page(head, link.attr("href"));
            assertThat(lines(list)).as(link.attr("href")).isEqualTo(Long.parseLong(link.text()));
        }
        Document open = page(head, cells.get(2).selectFirst("a").attr("href"));
        assertThat(open.selectFirst("#list-unassigned")).isNotNull();
        assertThat(open.select("#drill-table tbody tr a").attr("href")).endsWith("/" + f.ids[1]);
        assertThat(head.get("/dashboard/list?measure=OPEN&unassigned=maybe&branch=" + f.branch).status())
                .isEqualTo(400);
    }

    @Test
    void referralConversionIsWonOverReferralsBesideTheClosedDealRate() {
        DashboardFixture f = fx2();
        Document doc = page(Http.session(port, f.head), "/dashboard?branch=" + f.branch
                + "&period=CUSTOM&from=2025-03-01&to=2025-03-31");
        var header = doc.select("#channel-table thead th").stream().map(e -> e.text()).toList();
        int rc = header.indexOf("转介转化率");
        int closed = header.indexOf("结案成交率");
        assertThat(rc).isPositive();
        assertThat(closed).isPositive();
        var counter = doc.select("#channel-table tbody tr").stream()
                .filter(r -> r.select("td").get(0).text().equals("柜面")).findFirst().orElseThrow().select("td");
        assertThat(counter.get(1).text()).isEqualTo("4");
        assertThat(counter.get(3).text()).isEqualTo("1");
        // Won ÷ referrals = 1 ÷ 4; won ÷ (won + lost) = 1 ÷ 2.
        assertThat(counter.get(rc).text()).isEqualTo("25.0%");
        assertThat(counter.get(closed).text()).isEqualTo("50.0%");
        var lobby = doc.select("#channel-table tbody tr").stream()
                .filter(r -> r.select("td").get(0).text().equals("大堂")).findFirst().orElseThrow().select("td");
        assertThat(lobby.get(rc).text()).isEqualTo("—");
        Document en = page(Http.session(port, f.head), "/dashboard?lang=en&branch=" + f.branch
                + "&period=CUSTOM&from=2025-03-01&to=2025-03-31");
        assertThat(en.select("#channel-table thead th").stream().map(e -> e.text()).toList())
                .contains("Referral conversion", "Win rate of closed");
    }

    /**
     * A month with nothing created yet (the first day of a month; here today's month in a branch whose pipeline
     * is dated 2025) says so instead of drawing an empty funnel; a month with data draws it with whole-number,
     * labelled axes, and amounts in the unit the axis names (D39).
     */
    @Test
    void anEmptyMonthSaysNoDataYetAndChartsHaveLabelledIntegerAxes() {
        DashboardFixture f = fx();
        Http head = Http.session(port, f.head);
        Document empty = page(head, "/dashboard?branch=" + f.branch + "&period=MONTH");
        assertThat(empty.selectFirst("#funnel-empty").text()).startsWith("本月还没有新增商机");
        assertThat(empty.selectFirst("#chart-funnel")).isNull();
        assertThat(empty.select("#funnel-table tbody tr td:nth-child(2)").eachText()).containsOnly("0");

        Document day = page(head, "/dashboard?branch=" + f.branch + "&period=CUSTOM&from=2025-05-01&to=2025-05-01");
        assertThat(day.selectFirst("#funnel-empty").text()).isEqualTo("所选期间没有新增商机，漏斗为空。");

        Document march = page(head, "/dashboard?branch=" + f.branch + "&period=CUSTOM&from=2025-03-01&to=2025-03-31");
        assertThat(march.selectFirst("#funnel-empty")).isNull();
        String funnel = march.selectFirst("#chart-funnel").attr("data-chart");
        assertThat(funnel).contains("\"integer\":true", "\"valueTitle\":\"商机数（个）\"", "\"categoryTitle\":\"阶段\"");
        // The open amounts by stage (¥1,000 to ¥250,000): an axis in 万元, tooltips as the page writes sums.
        String stages = march.selectFirst("#chart-stages").attr("data-chart");
        assertThat(stages).contains("\"valueTitle\":\"金额（万元）\"", "\"¥25.00万\"");
        assertThat(march.selectFirst("#chart-trend").attr("data-chart"))
                .contains("\"integer\":true", "\"lineTitle\":\"跟进（次）\"", "\"2025-03-03\"");
    }

    private Document page(Http http, String path) {
        var res = http.get(path);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return Jsoup.parse(res.body());
    }

    private static String value(Document doc, String kpi) {
        return doc.selectFirst("#" + kpi + " .kpi-value").text();
    }

    @Test
    void theFiguresOfAKnownBranchAndTheListsBehindThem() {
        DashboardFixture f = fx();
        Http head = Http.session(port, f.head);
        String march = "branch=" + f.branch + "&period=CUSTOM&from=2025-03-01&to=2025-03-31";
        Document doc = page(head, "/dashboard?" + march);
        assertThat(value(doc, "kpi-open")).isEqualTo("3");
        assertThat(doc.selectFirst("#kpi-open .text-muted").text()).isEqualTo("¥38.33万");
        assertThat(value(doc, "kpi-weighted")).isEqualTo("¥13.67万");
        assertThat(value(doc, "kpi-created")).isEqualTo("4");
        assertThat(value(doc, "kpi-won")).isEqualTo("1");
        assertThat(value(doc, "kpi-lost")).isEqualTo("1");
        assertThat(value(doc, "kpi-conversion")).isEqualTo("50.0%");
        assertThat(value(doc, "kpi-stalled")).isEqualTo("2 / 1");
        assertThat(doc.select("#leaderboard tbody tr")).hasSize(2);
        assertThat(doc.select("canvas.dash-chart")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(doc.html()).doesNotContain("<script>");

        // Each list has as many lines as its figure says.
        for (String[] m : new String[][] {{"OPEN", "3"}, {"CREATED", "4"}, {"WON", "1"}, {"LOST", "1"},
                {"STALLED", "2"}, {"OVERDUE", "1"}}) {
            Document list = page(head, "/dashboard/list?measure=" + m[0] + "&" + march.replace("&period=CUSTOM", ""));
            assertThat(list.select("#drill-table tbody tr:not(:has(td[colspan]))")).as(m[0])
                    .hasSize(Integer.parseInt(m[1]));
        }
        Document won = page(head, doc.selectFirst("#kpi-won").attr("href"));
        assertThat(won.selectFirst("#list-title").text()).isEqualTo("期间成交商机");
        assertThat(won.select("#drill-table tbody tr")).hasSize(1);
        assertThat(won.text()).contains("¥299,999.99");
        Document campaign = page(head, "/dashboard/list?measure=CREATED&source=CAMPAIGN&branch=" + f.branch
                + "&from=2025-03-01&to=2025-03-31");
        assertThat(campaign.select("#drill-table tbody tr")).hasSize(1);
        Document ownerB = page(head, "/dashboard/list?measure=OPEN&owner=" + f.rmB + "&branch=" + f.branch);
        assertThat(ownerB.select("#drill-table tbody tr")).hasSize(1);
    }

    @Test
    void presetsEnglishAndEveryRole() {
        DashboardFixture f = fx();
        for (String period : new String[] {"WEEK", "MONTH", "QUARTER"}) {
            assertThat(Http.session(port, "head1").get("/dashboard?period=" + period).status()).isEqualTo(200);
        }
        Document en = page(Http.session(port, "admin"), "/dashboard?lang=en&branch=" + f.branch
                + "&period=CUSTOM&from=2025-03-01&to=2025-03-31");
        assertThat(en.selectFirst("#kpi-conversion .kpi-label").text()).isEqualTo("Conversion");
        // A sum from ¥10,000 up is compact; in English in thousands (D39).
        assertThat(value(en, "kpi-weighted")).isEqualTo("¥136.67K");
        assertThat(page(Http.session(port, "admin"), "/dashboard").selectFirst("#dash-scope").text())
                .contains("全行");
        Document rm = page(Http.session(port, "rm1"), "/dashboard");
        assertThat(rm.select("#branch")).isEmpty();
        assertThat(rm.select("#leaderboard tbody tr")).hasSize(1);
    }

    /**
     * D65: a per-RM table longer than the page's rows shows its first rows in its order, says how many there are and
     * links to the same page with every row; the API keeps every row.
     */
    @Test
    void aLongLeaderboardShowsItsFirstRowsAndAllOnRequest() {
        DashboardFixture f = DashboardFixture.build(port, jdbc);
        int more = DashboardController.PAGE_ROWS + 2;
        for (int i = 0; i < more; i++) {
            String rm = f.rmA + "x" + i;
            jdbc.update("""
                    insert into staff_user (username, display_name, role, branch_id, password_hash)
                    select ?, ?, 'RM', b.id, u.password_hash from branch b, staff_user u
                    where b.code = ? and u.username = ?""", rm, "经理" + rm, f.branch, f.rmA);
            jdbc.update("""
                    insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status,
                                             source, owner_id, branch_id, expected_close_date, risk_level,
                                             competition, need_strength)
                    select c.id, 'FUND', 'many RMs', ?, 0, 'IDENTIFIED', 'OPEN', 'RM_DISCOVERED', u.id, c.branch_id,
                           current_date + 30, 'LOW', 'NONE', 3
                    from customer c, staff_user u where c.customer_no = ? and u.username = ?""",
                    1000 + i, "C" + f.rmA, rm);
        }
        String query = "branch=" + f.branch + "&period=CUSTOM&from=2025-03-01&to=2025-03-31";
        Http head = Http.session(port, f.head);
        var api = head.get("/api/v1/dashboard/pipeline?" + query);
        int owners = api.json().get("byOwner").size();
        assertThat(owners).isGreaterThanOrEqualTo(more);

        Document cut = page(head, "/dashboard?" + query);
        var rows = cut.select("#leaderboard tbody tr");
        assertThat(rows).hasSize(DashboardController.PAGE_ROWS);
        assertThat(cut.selectFirst("#leaderboard-more").text())
                .contains("显示前 " + DashboardController.PAGE_ROWS + " 行，共 " + owners + " 行");
        // Tables that fit say nothing.
        assertThat(cut.select("#loss-by-owner-more, #targets-section-more")).isEmpty();

        String href = cut.selectFirst("#leaderboard-more a").attr("href");
        assertThat(href).contains("rows=all", "period=CUSTOM").endsWith("#leaderboard");
        Document all = page(head, href.substring(0, href.indexOf('#')));
        var allRows = all.select("#leaderboard tbody tr");
        assertThat(allRows).hasSize(owners);
        assertThat(allRows.subList(0, rows.size()).stream().map(r -> r.attr("data-owner")).toList())
                .isEqualTo(rows.stream().map(r -> r.attr("data-owner")).toList());
        assertThat(all.selectFirst("#leaderboard-more")).isNull();
    }

    @Test
    void badInputShowsAMessageOrA4xxAndNeverA500() {
        DashboardFixture f = fx();
        Http head = Http.session(port, "head1");
        Document bad = page(head, "/dashboard?period=CUSTOM&from=2025-99-01&to=x");
        assertThat(bad.selectFirst("#period-error").text()).contains("日期格式");
        Document reversed = page(head, "/dashboard?period=CUSTOM&from=2025-03-02&to=2025-03-01");
        assertThat(reversed.selectFirst("#period-error").text()).contains("开始日期");
        assertThat(head.get("/dashboard?branch=BR002").status()).isEqualTo(403);
        assertThat(Http.session(port, "head2").get("/dashboard/list?measure=OPEN&branch=" + f.branch).status())
                .isEqualTo(403);
        assertThat(head.get("/dashboard/list?measure=NOPE").status()).isEqualTo(400);
        assertThat(head.get("/dashboard/list?measure=OPEN&stage=NOPE").status()).isEqualTo(400);
        assertThat(head.get("/dashboard/list?measure=OPEN&page=-3").status()).isEqualTo(200);
        assertThat(head.get("/dashboard/list?measure=OPEN&page=abc").status()).isEqualTo(400);
        assertThat(Http.session(port, "teller1").get("/dashboard").status()).isEqualTo(403);
    }
}
