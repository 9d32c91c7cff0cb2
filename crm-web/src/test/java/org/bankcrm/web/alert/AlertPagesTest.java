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
    void theNotificationCentreSumsUpTheUnreadAlertsOfItsScopeByCodeAndOpensTheirList() {
        // Open alerts on three of rm3's customers and on one of rm3's opportunities, and one on a customer of rm2's
        // (as if it had changed hands since it was raised), each with an unread notification to rm3.
        for (long customer : jdbc.queryForList("""
                select c.id from customer c join staff_user u on u.id = c.owner_id where u.username = 'rm3'
                order by c.id limit 3""", Long.class)) {
            notify("rm3", "ALERT", customerAlert("CONTACT_OVERDUE", customer));
        }
        long elsewhere = customerAlert("CONTACT_OVERDUE", jdbc.queryForObject("""
                select c.id from customer c join staff_user u on u.id = c.owner_id where u.username = 'rm2'
                order by c.id limit 1""", Long.class));
        notify("rm3", "ALERT", elsewhere);
        notify("rm3", "ESCALATION", opportunityAlert("STALLED", jdbc.queryForObject("""
                select o.id from opportunity o join staff_user u on u.id = o.owner_id where u.username = 'rm3'
                and o.status = 'OPEN' order by o.id limit 1""", Long.class)));
        Http rm3 = Http.session(port, "rm3");
        String page = rm3.get("/notifications").body();
        assertThat(page).contains("id=\"unread-alerts\"");
        // rm3's figures are their unread notifications of open alerts they own: the one on rm2's customer is not
        // counted, since the alert list would not show it.
        List<Map<String, Object>> mine = jdbc.queryForList("""
                select a.code, n.kind, count(*) as n from notification n join alert a on a.id = n.alert_id
                join staff_user u on u.id = n.user_id where u.username = 'rm3' and n.read_at is null
                and a.status = 'OPEN' and a.owner_id = u.id group by 1, 2""");
        assertThat(mine).hasSizeGreaterThanOrEqualTo(2);
        for (Map<String, Object> row : mine) {
            boolean escalated = "ESCALATION".equals(row.get("kind"));
            String link = "/alerts?code=" + row.get("code") + (escalated ? "&amp;escalated=true" : "");
            assertThat(page).as(link).containsPattern(Pattern.quote("href=\"" + link + "\"")
                    + "[^>]*>\\s*<span>[^<]+</span> <span class=\"badge text-bg-primary\">" + row.get("n") + "<");
        }
        assertThat(page).contains("联系逾期").contains("商机停滞（已升级）");
        assertThat(rm3.get("/notifications?lang=en").body()).contains("Stalled (escalated)").doesNotContain("??");
        rm3.get("/?lang=zh-CN");
        assertThat(rm3.get("/alerts?code=CONTACT_OVERDUE").status()).isEqualTo(200);

        // A teller opens no alert list: no link to one, whatever their notifications.
        notify("teller1", "ALERT", elsewhere);
        assertThat(Http.session(port, "teller1").get("/notifications").body())
                .doesNotContain("href=\"/alerts?code=");

        // Read, they are no longer summed up.
        assertThat(rm3.submit("/notifications", "/notifications/read-all", Map.of()).status()).isEqualTo(302);
        assertThat(rm3.get("/notifications").body()).doesNotContain("id=\"unread-alerts\"");
    }

    /** The open {@code code} alert on {@code customer}, raised today if there was none. */
    private long customerAlert(String code, long customer) {
        jdbc.update("""
                insert into alert (code, record_kind, record_id, customer_id, owner_id, branch_id, raised_on)
                select ?, 'CUSTOMER', c.id, c.id, c.owner_id, c.branch_id, current_date from customer c where c.id = ?
                on conflict do nothing""", code, customer);
        return jdbc.queryForObject("select id from alert where code = ? and record_kind = 'CUSTOMER'"
                + " and record_id = ? and status = 'OPEN'", Long.class, code, customer);
    }

    /** The open {@code code} alert on {@code opportunity}, raised today if there was none. */
    private long opportunityAlert(String code, long opportunity) {
        jdbc.update("""
                insert into alert (code, record_kind, record_id, opportunity_id, customer_id, owner_id, branch_id,
                                   raised_on)
                select ?, 'OPPORTUNITY', o.id, o.id, o.customer_id, o.owner_id, o.branch_id, current_date
                from opportunity o where o.id = ?
                on conflict do nothing""", code, opportunity);
        return jdbc.queryForObject("select id from alert where code = ? and record_kind = 'OPPORTUNITY'"
                + " and record_id = ? and status = 'OPEN'", Long.class, code, opportunity);
    }

    /** An unread notification of {@code kind} about {@code alert} to {@code username}, as the evaluation writes. */
    private void notify(String username, String kind, long alert) {
        jdbc.update("""
                insert into notification (user_id, kind, alert_id, title_key, title_args, link)
                select u.id, ?, a.id, 'notification.' || lower(?) || '.' || a.code, array['客户'], '/'
                from staff_user u, alert a where u.username = ? and a.id = ?""", kind, kind, username, alert);
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
