package org.bankcrm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every page renders for the roles that use it, in both languages, and bad form input changes nothing. */
@CrmWebTest
class PageTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest(name = "{0} GET {1}")
    @CsvSource({"rm1, /", "rm1, /customers", "rm1, /customers/new", "rm1, /opportunities", "rm1, /opportunities/new",
            "rm1, /dashboard", "head1, /", "head1, /opportunities?status=OPEN&sort=amount,desc", "head1, /customers?tier=GOLD",
            "head1, /dashboard", "teller1, /", "admin, /admin/users", "admin, /admin/branches", "admin, /dashboard",
            "admin, /customers?q=R0002&type=RETAIL", "rm1, /opportunities/board", "head1, /opportunities/board",
            "rm1, /visits", "rm1, /visits?week=2026-01-05", "rm1, /referrals", "head1, /referrals?status=NEW",
            "teller1, /referrals", "teller1, /referrals/new", "admin, /referrals",
            "head1, /opportunities?owner=rm2&productCode=WEALTH&source=CAMPAIGN&band=A&closeFrom=2026-01-01&closeTo=2027-12-31",
            "rm1, /customers/C0001000", "head1, /customers/C0001003", "admin, /admin/scoring", "admin, /admin/settings",
            "rm1, /incentives", "head1, /incentives?user=rm1", "teller1, /incentives", "admin, /admin/incentive-rates"})
    void pagesRenderInBothLanguagesWithoutMissingMessages(String user, String path) {
        Http http = Http.session(port, user);
        var zh = http.get(path);
        assertThat(zh.status()).isEqualTo(200);
        assertThat(zh.body()).doesNotContain("??").contains("lang=\"zh-CN\"");
        var en = http.get(path + (path.contains("?") ? "&" : "?") + "lang=en");
        assertThat(en.status()).isEqualTo(200);
        assertThat(en.body()).doesNotContain("??").contains("lang=\"en\"");
        http.get("/?lang=zh-CN");
    }

    @Test
    void aCustomerIsEditedWithItsVersionAndReassignedByAHead() {
        String no = jdbc.queryForObject("select c.customer_no from customer c join staff_user u on u.id = c.owner_id"
                + " where u.username = 'rm1' and c.type = 'RETAIL' order by c.customer_no desc limit 1 offset 3",
                String.class);
        int version = jdbc.queryForObject("select version from customer where customer_no = ?", Integer.class, no);
        String phone = jdbc.queryForObject("select phone from customer where customer_no = ?", String.class, no);
        Http rm1 = Http.session(port, "rm1");
        var saved = rm1.submit("/customers/" + no, "/customers/" + no + "/edit", Map.of("version", "" + version,
                "name", "改名客户", "phone", "", "aum", "6000000"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(jdbc.queryForObject("select tier from customer where customer_no = ?", String.class, no))
                .isEqualTo("PRIVATE");
        assertThat(jdbc.queryForObject("select phone from customer where customer_no = ?", String.class, no))
                .isEqualTo(phone);
        // A save from a page opened before that one: the page again, saying what differs, nothing changed; the form
        // keeps the stale values on the current version, so that saving again applies them knowingly.
        var stale = rm1.submit("/customers/" + no, "/customers/" + no + "/edit", Map.of("version", "" + version,
                "name", "旧版本", "aum", "1"));
        assertThat(stale.status()).isEqualTo(200);
        var conflict = org.jsoup.Jsoup.parse(stale.body());
        assertThat(conflict.select("#customer-conflict tr[data-field=customer.name] td").eachText())
                .containsExactly("旧版本", "改名客户");
        assertThat(conflict.select("#customer-conflict tr[data-field=customer.aum] td").eachText())
                .containsExactly("¥1.00", "¥6,000,000.00");
        assertThat(conflict.select("#customer-conflict a.stale-discard").attr("href"))
                .isEqualTo("/customers/" + no + "#customer-edit");
        assertThat(conflict.selectFirst("#customer-edit input[name=version]").val()).isEqualTo("" + (version + 1));
        assertThat(conflict.selectFirst("#customer-edit input[name=name]").val()).isEqualTo("旧版本");
        assertThat(jdbc.queryForObject("select name from customer where customer_no = ?", String.class, no))
                .isEqualTo("改名客户");
        assertThat(rm1.submit("/customers/" + no, "/customers/" + no + "/owner",
                Map.of("ownerRm", "rm2", "version", "" + (version + 1))).status()).isEqualTo(403);
        var moved = Http.session(port, "head1").submit("/customers/" + no, "/customers/" + no + "/owner",
                Map.of("ownerRm", "rm2", "version", "" + (version + 1)));
        assertThat(moved.status()).isEqualTo(302);
        assertThat(jdbc.queryForObject("select u.username from customer c join staff_user u on u.id = c.owner_id"
                + " where c.customer_no = ?", String.class, no)).isEqualTo("rm2");
        assertThat(Http.session(port, "rm1").get("/customers/" + no).status()).isEqualTo(404);
    }

    @Test
    void theBoardMovesWithoutJavaScriptAndAsksForALostReason() {
        long id = jdbc.queryForObject("select o.id from opportunity o join staff_user u on u.id = o.owner_id"
                + " where u.username = 'rm2' and o.stage = 'IDENTIFIED' order by o.id desc limit 1", Long.class);
        int version = jdbc.queryForObject("select version from opportunity where id = ?", Integer.class, id);
        Http rm2 = Http.session(port, "rm2");
        var noReason = rm2.submit("/opportunities/board", "/opportunities/board/" + id + "/move",
                Map.of("toStage", "LOST", "version", "" + version));
        assertThat(noReason.status()).isEqualTo(302);
        assertThat(jdbc.queryForObject("select stage from opportunity where id = ?", String.class, id)).isEqualTo("IDENTIFIED");
        var lost = rm2.submit("/opportunities/board", "/opportunities/board/" + id + "/move",
                Map.of("toStage", "LOST", "version", "" + version, "lostReason", "NO_NEED"));
        assertThat(lost.header("Location")).endsWith("/opportunities/board");
        assertThat(jdbc.queryForObject("select stage from opportunity where id = ?", String.class, id)).isEqualTo("LOST");
        assertThat(Http.session(port, "rm1").submit("/opportunities/board", "/opportunities/board/" + id + "/move",
                Map.of("toStage", "CONTACTED", "version", "" + (version + 1))).status()).isEqualTo(404);
    }

    @Test
    void badFiltersAre400NotErrors() {
        assertThat(Http.session(port, "rm1").get("/opportunities?closeFrom=not-a-date").status()).isEqualTo(400);
        assertThat(Http.session(port, "rm1").get("/opportunities?source=NOPE").status()).isEqualTo(400);
    }

    /** Each filter names its options in the reader's language and keeps the one chosen (D93's choices). */
    @Test
    void theListsFiltersNameTheirOptionsAndKeepTheChoice() {
        var list = org.jsoup.Jsoup.parse(Http.session(port, "head1").get(
                "/opportunities?status=OPEN&stage=PROPOSAL&source=REFERRAL&band=B&productCode=FUND&owner=rm2").body());
        assertThat(list.select("select[name=stage] option[selected]").text()).isEqualTo("方案");
        assertThat(list.select("select[name=status] option[selected]").text()).isEqualTo("跟进中");
        assertThat(list.select("select[name=source] option[selected]").val()).isEqualTo("REFERRAL");
        assertThat(list.select("select[name=band] option[selected]").text()).isEqualTo("B 级");
        assertThat(list.select("select[name=productCode] option[selected]").text()).isEqualTo("基金");
        assertThat(list.select("select[name=owner] option[selected]").val()).isEqualTo("rm2");
        assertThat(list.select("select[name=stage]").attr("aria-label")).isEqualTo("阶段");
        assertThat(list.select("select[name=stage] option").eachAttr("value")).containsExactly("", "IDENTIFIED",
                "CONTACTED", "QUALIFIED", "PROPOSAL", "NEGOTIATION", "WON", "LOST");
        var english = org.jsoup.Jsoup.parse(Http.session(port, "rm1").get("/opportunities?lang=en&band=A").body());
        assertThat(english.select("select[name=band] option[selected]").text()).isEqualTo("Band A");
        assertThat(english.select("select[name=owner]")).as("an RM's list is their own").isEmpty();
        var unowned = org.jsoup.Jsoup.parse(Http.session(port, "head1").get("/customers/unowned?branch=BR001").body());
        assertThat(unowned.select("#unowned-branch option[selected]").text()).endsWith("(BR001)");
        var audit = org.jsoup.Jsoup.parse(Http.session(port, "admin").get("/admin/audit?action=LOGIN").body());
        assertThat(audit.select("#audit-action option[selected]").val()).isEqualTo("LOGIN");
    }

    /** A parameter named as a path the form object cannot follow is a bad request, on a filter and on a form. */
    @Test
    void parameterNamesTheFormCannotFollowAre400NotErrors() {
        Http rm = Http.session(port, "rm1");
        for (String name : List.of("status.x", "closeFrom.x", "q%5B0%5D")) {
            assertThat(rm.get("/opportunities?" + name + "=1").status()).as(name).isEqualTo(400);
        }
        for (String name : List.of("birthDate.x", "name[0]")) {
            assertThat(rm.submit("/customers/new", "/customers", Map.of(name, "1")).status()).as(name)
                    .isEqualTo(400);
        }
        assertThat(rm.get("/opportunities?q.x=1").status()).as("a path into a text is ignored").isEqualTo(200);
        // an index into a list that is no number: Spring's binder lets Integer.parseInt's exception through
        Http head = Http.session(port, "head1");
        for (String name : List.of("quarters[x]", "quarters[99999999999]", "lines[0].quarters[x]", "lines[-]",
                "quarters[-1]", "lines[-1]", "lines[0].quarters[-2]")) {
            assertThat(head.submit("/dashboard/targets/plan", "/dashboard/targets/plan", Map.of(name, "1")).status())
                    .as(name).isEqualTo(400);
        }
    }


    @Test
    void aHeadsIncentivePageOpensOnTheirFirstRmNotOnThemselves() {
        var page = org.jsoup.Jsoup.parse(Http.session(port, "head1").get("/incentives").body());
        var chosen = page.selectFirst("#user option[selected]");
        java.util.List<String> options = page.select("#user option").eachAttr("value");
        java.util.List<String> rms = jdbc.queryForList("select username from staff_user where role = 'RM'",
                String.class);
        assertThat(chosen.val()).isIn(rms);
        assertThat(options.subList(0, options.indexOf(chosen.val()))).as("no RM before it")
                .doesNotContainAnyElementsOf(rms);
        assertThat(page.selectFirst("#incentive-person").text()).isEqualTo(chosen.text());
        // asked for by name, anyone of the picker, the head too
        var own = org.jsoup.Jsoup.parse(Http.session(port, "head1").get("/incentives?user=head1").body());
        assertThat(own.selectFirst("#user option[selected]").val()).isEqualTo("head1");
        // an RM reads their own
        assertThat(org.jsoup.Jsoup.parse(Http.session(port, "rm2").get("/incentives").body())
                .selectFirst("#incentive-person").text()).startsWith("王芳");
    }

    @Test
    void aNewComplaintIsReceivedTodayAsItsHintSays() {
        var form = org.jsoup.Jsoup.parse(Http.session(port, "rm1").get("/complaints/new").body());
        assertThat(form.selectFirst("#receivedOn").val())
                .isEqualTo(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString());
        assertThat(form.selectFirst("#receivedOn-hint").text()).startsWith("默认今天");
    }

    @Test
    void aBadFilterOnTheAlertAndComplaintListsIsSaidWithTheValueGiven() {
        Http head = Http.session(port, "head1");
        assertThat(org.jsoup.Jsoup.parse(head.get("/complaints?status=FOO").body()).select(".alert-warning").text())
                .isEqualTo("状态 FOO 无效，应为 OPEN 或 RESOLVED。");
        assertThat(org.jsoup.Jsoup.parse(head.get("/alerts?code=NOPE").body()).select(".alert-warning").text())
                .isEqualTo("没有这种预警类型：NOPE");
        assertThat(org.jsoup.Jsoup.parse(head.get("/alerts?status=X&lang=en").body()).select(".alert-warning")
                .text()).isEqualTo("Status is OPEN or RESOLVED (got \"X\").");
        head.get("/?lang=zh-CN");
    }

    @Test
    void theReferralFormFindsCustomersWithoutPersonalData() {
        var hits = Http.session(port, "teller1").get("/customers/suggestions?reach=REFERRAL&q=R0002");
        assertThat(hits.status()).isEqualTo(200);
        assertThat(hits.body()).contains("picker-option").doesNotContain("****");
        assertThat(org.jsoup.Jsoup.parse(hits.body()).select(".picker-meta").text())
                .as("the owner is not shown, so nobody is called unassigned").doesNotContain("未分配");
        var none = Http.session(port, "teller1").get("/customers/suggestions?reach=REFERRAL&q=R");
        assertThat(none.body()).doesNotContain("picker-option").contains("至少输入 2 个字");
        // a teller owns no customers: a surname alone finds none of theirs, and the words do not offer it
        var surname = Http.session(port, "teller1").get("/customers/suggestions?reach=REFERRAL&q=%E7%8E%8B");
        assertThat(org.jsoup.Jsoup.parse(surname.body()).select(".picker-message").text())
                .isEqualTo("请至少输入 2 个字。");
        assertThat(org.jsoup.Jsoup.parse(Http.session(port, "teller1").get("/referrals/new").body())
                .select("#customerNo-hint").text()).isEqualTo("按姓名或客户号查找，至少输入 2 个字。");
        assertThat(org.jsoup.Jsoup.parse(Http.session(port, "rm1").get("/referrals/new").body())
                .select("#customerNo-hint").text()).contains("姓氏 1 个字");
        assertThat(Http.session(port, "teller1").get("/customers/suggestions?reach=NOPE&q=R0002").status())
                .isEqualTo(400);
        // the same search, the user's scope: rm1's customers with a masked phone, never teller1's
        var own = Http.session(port, "rm1").get("/customers/suggestions?q=R0002");
        assertThat(own.body()).contains("picker-option", "****");
        assertThat(Http.session(port, "teller1").get("/customers/suggestions?q=R0002").status()).isEqualTo(403);
    }

    @Test
    void theStaffPickerSpeaksOfStaff() {
        // the line that says how the search went (staff names, such as "客户经理", may say anything)
        var found = Http.session(port, "rm1").get("/opportunities/team/suggestions?q=rm");
        assertThat(org.jsoup.Jsoup.parse(found.body()).select(".picker-message").text()).contains("位员工")
                .doesNotContain("客户");
        var none = Http.session(port, "rm1").get("/opportunities/team/suggestions?q=zzzz");
        assertThat(org.jsoup.Jsoup.parse(none.body()).select(".picker-message").text())
                .contains("没有可加入商机团队的员工").doesNotContain("客户");
    }

    @Test
    void referrersAndHeadsCannotUseTheRmOnlyPages() {
        assertThat(Http.session(port, "teller1").get("/customers").status()).isEqualTo(403);
        assertThat(Http.session(port, "teller1").get("/opportunities/board").status()).isEqualTo(403);
        assertThat(Http.session(port, "head1").get("/visits").status()).isEqualTo(403);
    }

    @Test
    void detailPagesShowMaskedPersonalData() {
        String no = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' and c.type = 'RETAIL' and c.id_no is not null order by 1 limit 1""", String.class);
        String idNo = jdbc.queryForObject("select id_no from customer where customer_no = ?", String.class, no);
        String phone = jdbc.queryForObject("select phone from customer where customer_no = ?", String.class, no);
        var page = Http.session(port, "rm1").get("/customers/" + no);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(idNo).doesNotContain(phone).contains(idNo.substring(0, 6) + "********");
        long opp = jdbc.queryForObject("""
                select o.id from opportunity o join staff_user u on u.id = o.owner_id where u.username = 'rm1'
                order by o.id limit 1""", Long.class);
        assertThat(Http.session(port, "rm1").get("/opportunities/" + opp).body()).contains("创建商机");
    }

    @Test
    void aBadCustomerFormShowsTranslatedMessagesAndCreatesNothing() {
        long before = jdbc.queryForObject("select count(*) from customer", Long.class);
        Map<String, String> form = new HashMap<>();
        form.put("customerNo", "bad no!");
        form.put("type", "RETAIL");
        form.put("name", "");
        form.put("birthDate", "2999-01-01");
        form.put("branchCode", "BR001");
        form.put("aum", "abc");
        var res = Http.session(port, "rm1").submit("/customers/new", "/customers", form);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.body()).contains("请输入数字").contains("is-invalid");
        form.put("aum", "100");
        res = Http.session(port, "rm1").submit("/customers/new", "/customers", form);
        assertThat(res.body()).contains("客户号只能包含").contains("必填").contains("日期不能晚于今天");
        assertThat(jdbc.queryForObject("select count(*) from customer", Long.class)).isEqualTo(before);
    }

    @Test
    void aBadOpportunityFormKeepsTheInputAndCreatesNothing() {
        long before = jdbc.queryForObject("select count(*) from opportunity", Long.class);
        var res = Http.session(port, "rm1").submit("/opportunities/new", "/opportunities", Map.of(
                "customerNo", "NOPE", "productCode", "", "amount", "-5", "expectedCloseDate", "2020-01-01",
                "source", "RM_DISCOVERED", "riskLevel", "LOW", "competition", "NONE", "needStrength", "3",
                "requestKey", "k-" + System.nanoTime()));
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.body()).contains("金额不能为负数").contains("value=\"NOPE\"");
        assertThat(jdbc.queryForObject("select count(*) from opportunity", Long.class)).isEqualTo(before);
    }

    @Test
    void aDoubleSubmittedOpportunityFormCreatesOne() {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' order by 1 limit 1""", String.class);
        Http http = Http.session(port, "rm1");
        String csrf = http.get("/opportunities/new").csrf();
        Map<String, String> form = Map.of("customerNo", customer, "productCode", "FUND", "amount", "88888",
                "expectedCloseDate", java.time.LocalDate.now().plusDays(20).toString(), "source", "EVENT",
                "riskLevel", "LOW", "competition", "SOME", "needStrength", "4", "requestKey", "dbl-" + System.nanoTime(),
                "_csrf", csrf);
        var first = http.postForm("/opportunities", form);
        var second = http.postForm("/opportunities", form);
        assertThat(first.status()).isEqualTo(302);
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
    }

    @Test
    void unknownPagesAndRecordsAreTranslated404s() {
        var res = Http.session(port, "rm1").get("/no-such-page");
        assertThat(res.status()).isEqualTo(404);
        assertThat(res.body()).contains("未找到").doesNotContain("Whitelabel");
        assertThat(Http.session(port, "rm1").get("/opportunities/abc").status()).isEqualTo(400);
        assertThat(Http.session(port, "rm1").get("/customers?page=-3").status()).isEqualTo(400);
    }
}
