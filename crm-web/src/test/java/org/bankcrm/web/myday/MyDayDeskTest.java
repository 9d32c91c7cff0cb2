package org.bankcrm.web.myday;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 19 items 7 and 9 on My day: the head's to-dos say whose each is and which opportunity and product it belongs
 * to; a visit's "记录" opens that visit's follow-up form in place and logging it is one post, back to My day; the
 * navigation marks the page shown; the header names the user's branch.
 */
@CrmWebTest
class MyDayDeskTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private static LocalDate bankToday() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void theHeadsToDosSayWhoseTheyAreAndWhichOpportunityAndProduct() {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm2' order by c.customer_no limit 1 offset 3""", String.class);
        Http rm2 = Http.basic(port, "rm2");
        var created = rm2.postJson("/api/v1/opportunities", Map.of("customerNo", customer, "productCode", "WEALTH",
                "title", "理财到期续作", "amount", 300000, "expectedCloseDate", bankToday().plusDays(20).toString()));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        String action = "电话确认续作意向 " + id;
        assertThat(rm2.postJson("/api/v1/opportunities/" + id + "/follow-ups", Map.of("type", "CALL",
                "summary", "到期提醒", "nextAction", action, "nextActionDate", bankToday().toString())).status())
                .isEqualTo(201);

        String head = Http.session(port, "head1").get("/").body();
        String line = line(head, action);
        assertThat(line).contains("理财到期续作 · 理财产品").contains("负责人：王芳");
        String en = Http.session(port, "head1").get("/?lang=en").body();
        assertThat(line(en, action)).contains("Owner: 王芳");

        // The RM's own list says the opportunity and product; whose it is goes without saying.
        String own = line(Http.session(port, "rm2").get("/").body(), action);
        assertThat(own).contains("理财到期续作 · 理财产品").doesNotContain("负责人");
    }

    @Test
    void aVisitIsLoggedFromMyDayInOneStepAndTheNavigationMarksThePage() {
        long visit = jdbc.queryForObject("""
                insert into visit_plan (rm_id, customer_id, planned_on, purpose)
                select u.id, c.id, ?, '年末资产检视' from staff_user u join customer c on c.owner_id = u.id
                where u.username = 'rm1' order by c.customer_no limit 1 returning id""", Long.class, bankToday());
        Http rm1 = Http.session(port, "rm1");
        String home = rm1.get("/").body();
        String row = home.substring(home.indexOf("id=\"myday-visit-" + visit + "\""));
        row = row.substring(0, row.indexOf("</li>"));
        assertThat(row).contains("<details").contains("action=\"/visits/" + visit + "/done\"")
                .contains("name=\"from\" value=\"myday\"").contains("id=\"visit-summary-" + visit + "\"")
                .doesNotContain("href=\"/visits\"");
        assertThat(home).contains("class=\"nav-link active\" href=\"/\" aria-current=\"page\"");

        var blank = rm1.submit("/", "/visits/" + visit + "/done", Map.of("from", "myday", "summary", " "));
        assertThat(blank.status()).isEqualTo(302);
        assertThat(blank.header("Location")).endsWith("/");
        assertThat(jdbc.queryForObject("select status from visit_plan where id = ?", String.class, visit))
                .isEqualTo("PLANNED");

        var done = rm1.submit("/", "/visits/" + visit + "/done", Map.of("from", "myday",
                "summary", "检视持仓，客户愿意增配", "outcome", "约下周面谈"));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.header("Location")).endsWith("/");
        assertThat(jdbc.queryForObject("""
                select f.type || ' ' || f.summary from visit_plan v join follow_up f on f.id = v.follow_up_id
                where v.id = ? and v.status = 'DONE'""", String.class, visit)).isEqualTo("VISIT 检视持仓，客户愿意增配");
        String after = rm1.get("/").body();
        assertThat(after).contains("拜访已记录为跟进。").doesNotContain("myday-visit-" + visit);

        String board = rm1.get("/opportunities/board").body();
        assertThat(board).contains("href=\"/opportunities/board\" aria-current=\"page\"")
                .doesNotContain("href=\"/opportunities\" aria-current=\"page\"");
    }

    @Test
    void theStalledCardOpensTheWholeListItBegins() {
        Http head = Http.session(port, "head1");
        Document myDay = Jsoup.parse(head.get("/").body());
        List<String> card = myDay.select("#myday-stalled li a").eachAttr("href");
        assertThat(card).as("the demo data's stalled opportunities of BR001").isNotEmpty();
        String all = myDay.selectFirst("#myday-stalled-all").attr("href");
        assertThat(all).isEqualTo("/dashboard/list?measure=STALLED");
        var list = head.get(all);
        assertThat(list.status()).isEqualTo(200);
        List<String> whole = Jsoup.parse(list.body()).select("#drill-table tbody tr td:first-child a").eachAttr("href");
        // The card is the list's beginning, in the same order (oldest first).
        assertThat(whole.subList(0, Math.min(card.size(), whole.size()))).isEqualTo(card);
    }

    @Test
    void theHeaderNamesTheUsersBranchWithItsCodeAsTheTitle() {
        String name = jdbc.queryForObject("""
                select b.name from staff_user u join branch b on b.id = u.branch_id where u.username = 'rm1'""",
                String.class);
        String code = jdbc.queryForObject("""
                select b.code from staff_user u join branch b on b.id = u.branch_id where u.username = 'rm1'""",
                String.class);
        Http rm1 = Http.session(port, "rm1");
        assertThat(rm1.get("/").body()).contains("id=\"current-branch\" title=\"" + code + "\">" + name + "</span>");
        assertThat(rm1.get("/profile").body()).contains(name + " · " + code);
    }

    /** The list item that holds {@code text}. */
    private static String line(String html, String text) {
        int at = html.indexOf(text);
        assertThat(at).as(text).isNotNegative();
        int start = html.lastIndexOf("<li", at);
        return html.substring(start, html.indexOf("</li>", at));
    }
}
