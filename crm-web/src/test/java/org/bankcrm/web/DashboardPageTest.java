package org.bankcrm.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The dashboard page and the lists behind its figures, over the known pipeline of {@link DashboardFixture}. */
@CrmWebTest
class DashboardPageTest {

    static DashboardFixture fx;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private DashboardFixture fx() {
        if (fx == null) {
            fx = DashboardFixture.build(port, jdbc);
        }
        return fx;
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
        assertThat(value(en, "kpi-weighted")).isEqualTo("¥136,666.71");
        assertThat(page(Http.session(port, "admin"), "/dashboard").selectFirst("#dash-scope").text())
                .contains("全行");
        Document rm = page(Http.session(port, "rm1"), "/dashboard");
        assertThat(rm.select("#branch")).isEmpty();
        assertThat(rm.select("#leaderboard tbody tr")).hasSize(1);
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
