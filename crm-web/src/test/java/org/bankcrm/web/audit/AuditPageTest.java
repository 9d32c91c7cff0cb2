package org.bankcrm.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit log as a compliance officer reads it: actions and record types in words, codes with their names,
 * people by display name, IPv4 addresses as IPv4, and a filter by user (name or login), action and days whose bad
 * input is marked on its field in the reader's language.
 */
@CrmWebTest
class AuditPageTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void entries() {
        if (jdbc.queryForObject("select count(*) from audit_log where entity_id = 'APT-1'", Long.class) > 0) {
            return;
        }
        insert("rm1", "OPPORTUNITY_STAGE", "opportunity", "APT-1", "PROPOSAL -> NEGOTIATION", null, "2026-03-10");
        insert("admin", "SETTING_CHANGED", "product_rate", "WEALTH", "0.008 -> 0.009", null, "2026-03-11");
        insert("head1", "OPPORTUNITY_OWNER", "opportunity", "APT-2", "rm1 -> rm2", null, "2026-03-12");
        insert("teller1", "LOGIN_FAILED", null, null, null, "::ffff:10.9.8.7", "2026-03-13");
        insert("admin", "TARGET_SET", "target", "APT-3", "MONTH 2026-03-01 rm=rm2 WEALTH amount=100 count=2", null,
                "2026-03-14");
        insert("admin", "EXPORT", "dashboard", "OPEN", "format=csv rows=3 {branch=BR001, owner=rm1}", null,
                "2026-03-14");
        insert("admin", "IMPORT_STARTED", "import_run", "APT-4", "customers customers-opportunities rm.csv", null,
                "2026-03-14");
        insert("admin", "TARGET_PLAN_SET", "target_plan", "APT-5", "BR001 2026 WON annual=100 quarters=[25, 25, 25, 25]"
                + " rms=[rm1, rm2]", null, "2026-03-14");
        insert("head1", "BOOK_HANDOVER", "user", "rm3", "customers=2, aum=100.00, opportunities=1, visits=0,"
                + " nextActions=0; to rm1 (1/1/0) rm2 (1/0/0)", null, "2026-03-15");
    }

    private void insert(String actor, String action, String type, String id, String detail, String ip, String day) {
        jdbc.update("insert into audit_log (at, actor, action, entity_type, entity_id, detail, client_ip)"
                + " values ((?::date + time '10:00') at time zone 'Asia/Shanghai', ?, ?, ?, ?, ?, ?)", day, actor,
                action, type, id, detail, ip);
    }

    private Document page(String query) {
        return page(query, 200);
    }

    private Document page(String query, int status) {
        var res = Http.session(port, "admin").get("/admin/audit" + query);
        assertThat(res.status()).as(query).isEqualTo(status);
        return Jsoup.parse(res.body());
    }

    private static Element row(Document d, String action) {
        return d.selectFirst("#audit-table tr[data-action=" + action + "]");
    }

    @Test
    void entriesReadInWords() {
        Document d = page("?from=2026-03-10&to=2026-03-14");
        Element stage = row(d, "OPPORTUNITY_STAGE");
        assertThat(stage.selectFirst(".audit-actor").text()).isEqualTo("李晓明");
        assertThat(stage.selectFirst(".audit-actor").attr("title")).isEqualTo("rm1");
        assertThat(stage.selectFirst(".audit-action").text()).isEqualTo("商机阶段变更");
        assertThat(stage.selectFirst(".audit-record").text()).isEqualTo("商机 APT-1");
        assertThat(stage.selectFirst(".audit-detail").text()).isEqualTo("方案（PROPOSAL） → 审批谈判（NEGOTIATION）");
        Element rate = row(d, "SETTING_CHANGED");
        assertThat(rate.selectFirst(".audit-record").text()).isEqualTo("产品收益率 理财产品（WEALTH）");
        assertThat(rate.selectFirst(".audit-actor").text()).isEqualTo("系统管理员");
        assertThat(row(d, "OPPORTUNITY_OWNER").selectFirst(".audit-detail").text()).isEqualTo("李晓明 → 王芳");
        assertThat(row(d, "TARGET_SET").selectFirst(".audit-detail").text())
                .isEqualTo("MONTH 2026-03-01 客户经理=王芳 理财产品（WEALTH） 金额=100 笔数=2");
        assertThat(row(d, "EXPORT").selectFirst(".audit-detail").text())
                .isEqualTo("format=csv rows=3 {网点=BR001, 客户经理=李晓明}");
        // a target plan's RMs by name, as every other detail names people
        assertThat(row(d, "TARGET_PLAN_SET").selectFirst(".audit-detail").text())
                .endsWith("quarters=[25, 25, 25, 25] 客户经理=[李晓明, 王芳]").doesNotContain("rm1");
        // an import: its kind in words, its file's name as uploaded, not a word of it translated
        assertThat(row(d, "IMPORT_STARTED").selectFirst(".audit-detail").text())
                .isEqualTo("客户信息 customers-opportunities rm.csv");
        Element login = row(d, "LOGIN_FAILED");
        assertThat(login.selectFirst(".audit-action").text()).isEqualTo("登录失败");
        assertThat(login.selectFirst(".audit-ip").text()).isEqualTo("10.9.8.7");
        assertThat(d.select("#audit-action option").eachText()).contains("登录失败", "修改设置");

        Document en = page("?from=2026-03-10&to=2026-03-14&lang=en");
        assertThat(row(en, "OPPORTUNITY_STAGE").selectFirst(".audit-detail").text())
                .isEqualTo("Proposal (PROPOSAL) → Negotiation (NEGOTIATION)");
        assertThat(row(en, "LOGIN_FAILED").selectFirst(".audit-action").text()).isEqualTo("Sign-in failed");
        assertThat(row(en, "TARGET_SET").selectFirst(".audit-detail").text())
                .isEqualTo("MONTH 2026-03-01 RM=王芳 Wealth management (WEALTH) amount=100 count=2");
        assertThat(row(en, "IMPORT_STARTED").selectFirst(".audit-detail").text())
                .isEqualTo("Customers customers-opportunities rm.csv");
    }

    @Test
    void theFilterFindsAUserByNameOrLoginAnActionAndDays() {
        String name = URLEncoder.encode("李晓", StandardCharsets.UTF_8);
        Document byName = page("?actor=" + name + "&from=2026-03-10&to=2026-03-14");
        assertThat(byName.select("#audit-table tr[data-action]").eachAttr("data-action"))
                .containsExactly("OPPORTUNITY_STAGE");
        assertThat(page("?actor=head1&from=2026-03-10&to=2026-03-14").select("#audit-table tr[data-action]")
                .eachAttr("data-action")).containsExactly("OPPORTUNITY_OWNER");
        assertThat(page("?action=SETTING_CHANGED&from=2026-03-11&to=2026-03-11").select("#audit-table tr[data-action]")
                .eachAttr("data-action")).containsExactly("SETTING_CHANGED");
        assertThat(page("?from=2026-03-12&to=2026-03-13").select("#audit-table tr[data-action]")
                .eachAttr("data-action")).containsExactly("LOGIN_FAILED", "OPPORTUNITY_OWNER");
    }

    @Test
    void aBookHandoverNamesTheRmsWhoTookItByName() {
        String detail = row(page("?from=2026-03-15&to=2026-03-15"), "BOOK_HANDOVER").selectFirst(".audit-detail")
                .text();
        assertThat(detail).contains("李晓明 (1/1/0) 王芳 (1/0/0)").doesNotContain("rm1").doesNotContain("rm2");
    }

    @Test
    void badDaysAre400sMarkedOnTheirFieldsAndShowNothing() {
        Document reversed = page("?from=2026-03-14&to=2026-03-10", 400);
        assertThat(reversed.select("#audit-to.is-invalid")).hasSize(1);
        assertThat(reversed.selectFirst("#audit-to-error").text()).isEqualTo("截止日期不能早于起始日期。");
        assertThat(reversed.select("#audit-table tr[data-action]")).isEmpty();
        Document unreadable = page("?from=2026-02-30", 400);
        assertThat(unreadable.selectFirst("#audit-from-error").text()).contains("2026-02-30").contains("YYYY-MM-DD");
        Document en = page("?from=2026-03-14&to=2026-03-10&lang=en", 400);
        assertThat(en.selectFirst("#audit-to-error").text()).isEqualTo("The end date cannot be before the start date.");
    }
}
