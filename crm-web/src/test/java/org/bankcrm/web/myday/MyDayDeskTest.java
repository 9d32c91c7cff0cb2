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
    void theStalledCardSaysHowLongSinceEachWasWorkedOnAndWhoseOnlyToAHead() {
        Document head = Jsoup.parse(Http.session(port, "head1").get("/").body());
        var rows = head.select("#myday-stalled li:has(a)");
        assertThat(rows).as("the demo data's stalled opportunities of BR001").isNotEmpty().allSatisfy(li -> {
            assertThat(li.selectFirst(".myday-last-touch").text()).matches("最近跟进：(\\d+ 天前|昨天|今天)");
            assertThat(li.selectFirst(".myday-last-touch").attr("title")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
            assertThat(li.selectFirst(".myday-stalled-owner").text()).startsWith("负责人：");
        });
        assertThat(head.selectFirst("#myday-stalled .card-header").text()).contains("天以上未跟进");
        Document rm = Jsoup.parse(Http.session(port, "rm1").get("/").body());
        assertThat(rm.select("#myday-stalled li:has(a)")).isNotEmpty()
                .allSatisfy(li -> assertThat(li.select(".myday-stalled-owner")).isEmpty());
    }

    @Test
    void theAttentionCardPutsTheLongestWaitingFirstAmongThoseRaisedTheSameDay() {
        LocalDate latest = jdbc.queryForObject("select max(as_of) from alert_run", LocalDate.class);
        LocalDate asOf = latest != null && latest.isAfter(bankToday()) ? latest : bankToday();
        assertThat(Http.basic(port, "admin").postJson("/api/v1/alerts/runs", Map.of("asOf", asOf.toString()))
                .status()).isEqualTo(200);
        Document rm = Jsoup.parse(Http.session(port, "rm1").get("/").body());
        var rows = rm.select("#myday-attention li[id^=attention-]");
        assertThat(rows).as("rm1's open alerts in the demo data").hasSizeGreaterThan(5);
        // (day raised, days of the words; without a count: never contacted waits longest, any other least): raised
        // ascending, then days descending
        List<long[]> order = rows.stream().map(li -> {
            long id = Long.parseLong(li.id().substring("attention-".length()));
            LocalDate raised = jdbc.queryForObject("select raised_on from alert where id = ?", LocalDate.class, id);
            String code = jdbc.queryForObject("select code from alert where id = ?", String.class, id);
            String digits = li.selectFirst(".attention-words").text().replaceAll("\\D", "");
            long days = !digits.isEmpty() ? Long.parseLong(digits)
                    : code.equals("CONTACT_OVERDUE") ? Long.MAX_VALUE : -1;
            return new long[] {raised.toEpochDay(), days};
        }).toList();
        for (int i = 1; i < order.size(); i++) {
            long[] a = order.get(i - 1);
            long[] b = order.get(i);
            assertThat(a[0] < b[0] || a[0] == b[0] && a[1] >= b[1]).as("row %d after row %d", i, i - 1).isTrue();
        }
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
