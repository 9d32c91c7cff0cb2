package org.bankcrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.bankcrm.service.security.AuditRetention;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit log's search and retention, and the absolute session lifetime. */
@CrmWebTest
class AuditAndSessionTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditRetention retention;

    @Test
    void adminsSearchTheAuditLogAndNoOneElseCan() {
        Http.session(port, "rm3");
        Http admin = Http.session(port, "admin");
        String page = admin.get("/admin/audit?action=LOGIN&actor=rm3").body();
        assertThat(page).contains("audit-table").contains("rm3").doesNotContain("??");
        assertThat(admin.get("/admin/audit?lang=en&from=2020-01-01&to=2030-12-31&page=0").body())
                .contains("Audit log").doesNotContain("??");
        assertThat(admin.get("/admin/audit?from=not-a-date").status()).isEqualTo(400);
        assertThat(Http.session(port, "head1").get("/admin/audit").status()).isEqualTo(403);
    }

    @Test
    void entriesOlderThanTheRetentionArePurgedAndOnlyThen() {
        jdbc.update("insert into audit_log (at, actor, action) values (now() - interval '200 days', 't_old', 'TEST_OLD')");
        jdbc.update("insert into audit_log (at, actor, action) values (now() - interval '170 days', 't_recent', 'TEST_OLD')");
        assertThat(retention.purge()).isPositive();
        assertThat(jdbc.queryForList("select actor from audit_log where action = 'TEST_OLD'", String.class))
                .containsExactly("t_recent");
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInHoweverActive() {
        assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/users", Map.of("username", "t_session",
                "displayName", "会话测试", "role", "RM", "branchCode", "BR001", "password", "Session-Test#2026"))
                .status()).isEqualTo(201);
        Http http = Http.anonymous(port);
        assertThat(http.submit("/login", "/login", Map.of("username", "t_session", "password", "Session-Test#2026"))
                .header("Location")).doesNotContain("error");
        assertThat(http.get("/").status()).isEqualTo(200);
        jdbc.update("update spring_session set creation_time = creation_time - 11 * 3600 * 1000"
                + " where principal_name = 't_session'");
        assertThat(http.get("/").status()).isEqualTo(200);
        jdbc.update("update spring_session set creation_time = creation_time - 2 * 3600 * 1000"
                + " where principal_name = 't_session'");
        var expired = http.get("/");
        assertThat(expired.status()).isEqualTo(302);
        assertThat(expired.header("Location")).endsWith("/login");
    }
}
