package org.bankcrm.web.incentive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's loss analysis (issue 17, D49) against a hand-built set: the page's tables by reason, by category ×
 * reason and by RM; each figure's link opens a LOST list with exactly that many lines, each with its reason and the
 * comment of its loss; the page, {@code /api/v1/dashboard/lost} and the workbook say the same; the satisfaction
 * trend is in the workbook too.
 */
@CrmWebTest
class LossDashboardTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private static final String MARCH = "&period=CUSTOM&from=2025-03-01&to=2025-03-31";

    /** The move to LOST in the history, with its comment, as the opportunity page records it. */
    private void lostComment(long opportunity, String by, String comment, String at) {
        jdbc.update("""
                insert into opportunity_history (opportunity_id, at, by_user_id, event, from_value, to_value, comment)
                select ?, ?, u.id, 'STAGE', 'PROPOSAL', 'LOST', ? from staff_user u where u.username = ?""",
                opportunity, IncentiveFixture.bank(at), comment, by);
    }

    private IncentiveFixture seed() {
        IncentiveFixture f = new IncentiveFixture(jdbc);
        long a = f.lost(f.rm, "WEALTH", "1000.10", "PRICE", "2025-03-01T00:00:00");
        f.lost(f.rm, "FUND", "2000.20", "PRICE", "2025-03-15T12:00:00");
        long c = f.lost(f.rm, "LOAN_CONSUMER", "3000.00", "COMPETITOR", "2025-03-31T23:59:59");
        f.lost(f.rm, "WEALTH", "9999.00", "PRICE", "2025-02-28T23:59:59");
        f.lost(f.rm, "WEALTH", "9999.00", "PRICE", "2025-04-01T00:00:00");
        f.won(f.rm, "WEALTH", "5000.00", "2025-03-10T10:00:00");
        f.lost(f.rmY, "WEALTH", "7000.00", "NO_NEED", "2025-03-10T10:00:00");
        // An earlier loss of the same deal (reopened since): the latest move to LOST carries the comment shown.
        lostComment(a, f.rm, "旧的说明", "2025-02-01T10:00:00");
        lostComment(a, f.rm, "客户嫌费率高，电话13812345678", "2025-03-01T00:00:00");
        lostComment(c, f.rm, "他行利率更低", "2025-03-31T23:59:59");
        return f;
    }

    private Document page(Http http, String path) {
        Http.Response r = http.get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        return Jsoup.parse(r.body());
    }

    private static List<String> rows(Document d, String table) {
        List<String> out = new ArrayList<>();
        for (Element tr : d.select("#" + table + " tbody tr")) {
            List<String> cells = new ArrayList<>();
            tr.select("th, td").forEach(td -> cells.add(td.text()));
            out.add(String.join(" | ", cells));
        }
        return out;
    }

    /** Follows a figure's link and checks the list has exactly that many lines; returns the list. */
    private Document drill(Http http, Element link) {
        long figure = Long.parseLong(link.text().replace(",", ""));
        Document list = page(http, link.attr("href"));
        assertThat(list.select("#drill-table tbody tr.lost-line")).as(link.attr("href")).hasSize((int) figure);
        return list;
    }

    @Test
    void theDashboardShowsLossesByReasonCategoryAndRmAndEachFigureOpensItsLostDeals() {
        IncentiveFixture f = seed();
        Http head = Http.session(port, f.head);
        Document d = page(head, "/dashboard?branch=" + f.p + "X" + MARCH);

        assertThat(d.selectFirst("#loss-total").text()).isEqualTo("3");
        assertThat(rows(d, "loss-by-reason")).containsExactly("价格因素 | 2 | ¥3,000.30",
                "被同业抢走 | 1 | ¥3,000.00");
        // The matrix: columns are the reasons (most frequent first), then the category's total.
        assertThat(d.select("#loss-by-category thead th").eachText()).containsExactly("产品类别",
                "价格因素", "被同业抢走", "合计");
        assertThat(rows(d, "loss-by-category")).containsExactly("贷款 | 0 | 1 | 1", "财富管理 | 2 | 0 | 2");
        assertThat(rows(d, "loss-by-owner")).hasSize(1);
        assertThat(d.selectFirst("#loss-by-owner tbody tr").attr("data-owner")).isEqualTo(f.rm);
        assertThat(rows(d, "loss-by-owner").get(0)).endsWith("| 3 | ¥6,000.30");
        assertThat(d.selectFirst("#chart-loss").attr("data-chart")).contains("reason=PRICE");

        // Page = API.
        JsonNode api = Http.basic(port, f.head).get("/api/v1/dashboard/lost?branch=" + f.p + "X"
                + "&from=2025-03-01&to=2025-03-31").json();
        assertThat(api.get("lost").asLong()).isEqualTo(3);
        for (JsonNode r : api.get("byReason")) {
            Element tr = d.selectFirst("#loss-by-reason tr[data-reason=" + r.get("reason").asText() + "]");
            assertThat(tr.select("td").get(0).text()).isEqualTo(r.get("count").asText());
        }
        for (JsonNode c : api.get("byCategory")) {
            Element td = d.selectFirst("#loss-by-category tr[data-category=" + c.get("category").asText()
                    + "] td[data-reason=" + c.get("reason").asText() + "]");
            assertThat(td.text()).isEqualTo(c.get("count").asText());
        }

        // Every figure opens a list of that many lost deals, with their reasons and comments.
        Document price = drill(head, d.selectFirst("#loss-by-reason tr[data-reason=PRICE] a"));
        assertThat(price.select(".lost-reason").eachText()).containsOnly("价格因素");
        assertThat(price.select(".lost-comment").eachText()).containsExactlyInAnyOrder(
                "客户嫌费率高，电话13812345678", "—");
        assertThat(price.selectFirst("#list-reason").text()).isEqualTo("价格因素");
        Document loans = drill(head,
                d.selectFirst("#loss-by-category tr[data-category=LOAN] td[data-reason=COMPETITOR] a"));
        assertThat(loans.select(".lost-comment").eachText()).containsExactly("他行利率更低");
        drill(head, d.selectFirst("#loss-by-category tr[data-category=WEALTH] td:last-child a"));
        drill(head, d.selectFirst("#loss-by-owner tbody a"));
        drill(head, d.selectFirst("#loss-total"));
        // The list's own exports keep both narrowings.
        assertThat(loans.selectFirst("#list-csv").attr("href")).contains("category=LOAN").contains("reason=COMPETITOR");

        // An RM sees their own losses on their dashboard.
        Document mine = page(Http.session(port, f.rm), "/dashboard?" + MARCH.substring(1));
        assertThat(mine.selectFirst("#loss-total").text()).isEqualTo("3");
        // A reason code that cannot be one is refused, not a 500.
        assertThat(head.get("/dashboard/list?measure=LOST&reason=no%20such!").status()).isEqualTo(400);
    }

    @Test
    void theWorkbookHasTheSameLossFiguresAndTheLostListItsComments() {
        IncentiveFixture f = seed();
        jdbc.update("""
                insert into follow_up (customer_id, type, occurred_at, summary, created_by, satisfaction)
                select c.id, 'CALL', ?, '回访', u.id, ? from customer c, staff_user u
                where c.customer_no = ? and u.username = ?""",
                IncentiveFixture.bank("2025-03-05T10:00:00"), 4, f.p + "-C1", f.rm);
        jdbc.update("""
                insert into follow_up (customer_id, type, occurred_at, summary, created_by, satisfaction)
                select c.id, 'CALL', ?, '回访', u.id, ? from customer c, staff_user u
                where c.customer_no = ? and u.username = ?""",
                IncentiveFixture.bank("2025-03-06T10:00:00"), 5, f.p + "-C2", f.rm);
        Http head = Http.session(port, f.head);
        String csv = head.get("/dashboard/export.csv?branch=" + f.p + "X&from=2025-03-01&to=2025-03-31").body();
        assertThat(csv).contains("\r\n按流失原因\r\n流失原因,原因代码,流失,金额\r\n"
                + "价格因素,PRICE,2,3000.30\r\n被同业抢走,COMPETITOR,1,3000.00\r\n合计,,3,6000.30\r\n");
        assertThat(csv).contains("贷款,被同业抢走,COMPETITOR,1\r\n财富管理,价格因素,PRICE,2\r\n");
        assertThat(csv).contains("提成测试经理," + f.rm + ",3,6000.30\r\n");
        // Satisfaction and its trend by month, as the API gives them.
        JsonNode sat = Http.basic(port, f.head).get("/api/v1/dashboard/satisfaction?branch=" + f.p + "X"
                + "&from=2025-03-01&to=2025-03-31").json();
        assertThat(sat.get("byMonth").get(0).get("average").decimalValue()).isEqualByComparingTo("4.50");
        assertThat(csv).contains("全部,,2,4.50\r\n").contains("\r\n满意度月度趋势\r\n月份,评价数,平均分\r\n"
                + "2025-03,2,4.50\r\n");

        String lost = head.get("/dashboard/list.csv?measure=LOST&branch=" + f.p + "X&from=2025-03-01&to=2025-03-31"
                + "&reason=PRICE&category=WEALTH").body();
        assertThat(lost.lines().filter(l -> l.contains("流失测试商机"))).hasSize(2);
        assertThat(lost).contains("PRICE,价格因素,");
        // The product by its name, as every page shows it, not its code.
        assertThat(lost.lines().filter(l -> l.contains("流失测试商机")).map(l -> l.contains(",理财产品,") ? "理财产品"
                : l.contains(",基金,") ? "基金" : l)).containsExactlyInAnyOrder("理财产品", "基金");
        // The comment is free text: a phone number in it is masked in the export.
        assertThat(lost).contains("客户嫌费率高").doesNotContain("13812345678");
    }
}
