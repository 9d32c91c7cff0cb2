package org.bankcrm.web.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The early-warning pages without a browser: each renders in both languages with no missing message; the bell
 * fragment carries the count; the profile and the admin's settings refuse bad input with a translated message and
 * change nothing.
 */
@CrmWebTest
class AlertPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void thePagesRenderInBothLanguages() {
        for (String[] page : new String[][] {{"rm1", "/alerts"}, {"head1", "/alerts"}, {"rm1", "/notifications"},
                {"teller1", "/notifications"}, {"rm1", "/profile"}, {"admin", "/admin/alerts"}, {"rm1", "/"}}) {
            Http http = Http.session(port, page[0]);
            Http.Response zh = http.get(page[1]);
            assertThat(zh.status()).as(page[0] + " " + page[1]).isEqualTo(200);
            assertThat(zh.body()).doesNotContain("??").contains("id=\"bell\"");
            Http.Response en = http.get(page[1] + "?lang=en");
            assertThat(en.status()).isEqualTo(200);
            assertThat(en.body()).doesNotContain("??");
            http.get("/?lang=zh-CN");
        }
        assertThat(Http.session(port, "head1").get("/alerts").body()).contains("id=\"alerts-by-owner\"");
        assertThat(Http.session(port, "rm1").get("/").body()).contains("需要关注");
        assertThat(Http.session(port, "teller1").get("/alerts").status()).isEqualTo(403);
    }

    @Test
    void theNotificationCentreSumsUpTheUnreadAlertsByCodeAndOpensTheirList() {
        for (String[] n : new String[][] {{"rm3", "ALERT", "CONTACT_OVERDUE"},
                {"rm3", "ALERT", "CONTACT_OVERDUE"}, {"rm3", "ALERT", "CONTACT_OVERDUE"},
                {"rm3", "ESCALATION", "STALLED"}, {"teller1", "ALERT", "STALLED"}}) {
            jdbc.update("""
                    insert into notification (user_id, kind, title_key, title_args, link)
                    select id, ?, ?, array['客户'], '/' from staff_user where username = ?""",
                    n[1], "notification." + n[1].toLowerCase(java.util.Locale.ROOT) + "." + n[2], n[0]);
        }
        Http rm3 = Http.session(port, "rm3");
        String page = rm3.get("/notifications").body();
        assertThat(page).contains("id=\"unread-alerts\"");
        for (Map<String, Object> row : jdbc.queryForList("""
                select n.kind, split_part(n.title_key, '.', 3) as code, count(*) as n from notification n
                join staff_user u on u.id = n.user_id where u.username = 'rm3' and n.read_at is null
                and n.kind in ('ALERT', 'ESCALATION') group by 1, 2""")) {
            boolean escalated = "ESCALATION".equals(row.get("kind"));
            String link = "/alerts?code=" + row.get("code") + (escalated ? "&amp;escalated=true" : "");
            assertThat(page).as(link).containsPattern(Pattern.quote("href=\"" + link + "\"")
                    + "[^>]*>\\s*<span>[^<]+</span> <span class=\"badge text-bg-primary\">" + row.get("n") + "<");
        }
        assertThat(page).contains("联系逾期").contains("商机停滞（已升级）");
        assertThat(rm3.get("/notifications?lang=en").body()).contains("Stalled (escalated)").doesNotContain("??");
        rm3.get("/?lang=zh-CN");
        assertThat(rm3.get("/alerts?code=CONTACT_OVERDUE").status()).isEqualTo(200);

        // A teller may not open the alert list: the figure without a link.
        String teller = Http.session(port, "teller1").get("/notifications").body();
        assertThat(teller).contains("id=\"unread-alerts\"").contains("data-code=\"STALLED\"")
                .doesNotContain("href=\"/alerts?code=");

        // Read, they are no longer summed up.
        assertThat(rm3.submit("/notifications", "/notifications/read-all", Map.of()).status()).isEqualTo(302);
        assertThat(rm3.get("/notifications").body()).doesNotContain("id=\"unread-alerts\"");
    }

    @Test
    void theBellFragmentCountsTheUnread() {
        long unread = jdbc.queryForObject("select count(*) from notification n join staff_user u on u.id = n.user_id"
                + " where u.username = 'head2' and n.read_at is null", Long.class);
        jdbc.update("insert into notification (user_id, kind, title_text, link) select id, 'MENTION', '页面测试', '/'"
                + " from staff_user where username = 'head2'");
        String bell = Http.session(port, "head2").get("/notifications/bell").body();
        assertThat(bell).contains("hx-trigger=\"every 30s\"").contains(">" + (unread + 1 > 99 ? "99+"
                : String.valueOf(unread + 1)) + "<");
    }

    @Test
    void theProfileRefusesABadAddressAndKeepsTheChoice() {
        Http rm2 = Http.session(port, "rm2");
        Http.Response bad = rm2.submit("/profile", "/profile", Map.of("email", "not an address", "digest", "on",
                "language", "en"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("邮箱格式不正确");
        for (String odd : List.of("\"a\\\"b\"@[127.0.0.1]", "a@[127.0.0.1]", "a..b@bank.example", "a@-bank.example",
                "a@bank")) {
            assertThat(rm2.submit("/profile", "/profile", Map.of("email", odd, "language", "en")).body()).as(odd)
                    .contains("邮箱格式不正确");
        }
        assertThat(jdbc.queryForObject("select coalesce(email, '-') || language from staff_user where username = 'rm2'",
                String.class)).isEqualTo("-zh-CN");
        Http.Response ok = rm2.submit("/profile", "/profile", Map.of("email", "rm2@bank.example.test",
                "language", "en"));
        assertThat(ok.status()).isEqualTo(302);
        assertThat(jdbc.queryForObject("select email || language || digest_enabled from staff_user"
                + " where username = 'rm2'", String.class)).isEqualTo("rm2@bank.example.testenfalse");
        jdbc.update("update staff_user set email = null, language = 'zh-CN', digest_enabled = true"
                + " where username = 'rm2'");
    }

    @Test
    void theAdminPageRefusesNegativeDaysWithItsMessage() {
        String before = jdbc.queryForObject("select days || '/' || version from alert_setting"
                + " where code = 'UNWORKED_DISCOVERY'", String.class);
        Http admin = Http.session(port, "admin");
        Http.Response bad = admin.submit("/admin/alerts", "/admin/alerts/settings/UNWORKED_DISCOVERY",
                Map.of("days", "-2", "escalateAfterDays", "7", "enabled", "on"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("天数须在 0 到 366 之间。");
        Http.Response badDay = admin.submit("/admin/alerts", "/admin/alerts/runs", Map.of("asOf", "yesterday"));
        assertThat(badDay.body()).contains("基准日须为日期");
        assertThat(jdbc.queryForObject("select days || '/' || version from alert_setting"
                + " where code = 'UNWORKED_DISCOVERY'", String.class)).isEqualTo(before);
    }

    @Test
    void anAdminGivesANewUserAnAddressOnTheUsersPage() {
        Http admin = Http.session(port, "admin");
        String username = "mail" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Map<String, String> form = new java.util.HashMap<>(Map.of("username", username, "displayName", "邮件" + username,
                "role", "RM", "branchCode", "BR001", "password", "Mail#2026crm-x", "email", "not an address"));
        Http.Response bad = admin.submit("/admin/users", "/admin/users", form);
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("邮箱格式不正确");
        form.put("email", username + "@bank.cn");
        assertThat(admin.submit("/admin/users", "/admin/users", form).status()).isEqualTo(302);
        assertThat(jdbc.queryForObject("select email from staff_user where username = ?", String.class, username))
                .isEqualTo(username + "@bank.cn");
    }
}
