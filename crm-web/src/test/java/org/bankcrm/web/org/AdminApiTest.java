package org.bankcrm.web.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@CrmWebTest
class AdminApiTest {

    private static final String GOOD_PASSWORD = "Tr1cky&Long-Pass";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAdminGrowsTheBranchTree() {
        Http admin = Http.basic(port, "admin");
        var res = admin.postJson("/api/v1/admin/branches", Map.of("code", "T-BR-1", "name", "测试支行", "parentCode", "BR001"));
        assertThat(res.status()).isEqualTo(201);
        assertThat(res.json().get("path").asString()).isEqualTo("/HQ/BR001/T-BR-1/");
        assertThat(admin.get("/api/v1/admin/branches").body()).contains("T-BR-1");
        assertThat(admin.postJson("/api/v1/admin/branches", Map.of("code", "T-BR-1", "name", "x", "parentCode", "HQ"))
                .status()).isEqualTo(400);
        assertThat(admin.postJson("/api/v1/admin/branches", Map.of("code", "T BR", "name", "x", "parentCode", "HQ"))
                .status()).isEqualTo(400);
        assertThat(admin.postJson("/api/v1/admin/branches", Map.of("code", "T-BR-2", "name", "x", "parentCode", "NOPE"))
                .json().get("errors").get(0).get("field").asString()).isEqualTo("parentCode");
        // a head of BR001 now sees the new sub-branch in their subtree
        assertThat(jdbc.queryForObject("select count(*) from branch where path like '/HQ/BR001/%'", Integer.class))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void anAdminCreatesAUserWhosePasswordNeverComesBack() {
        Http admin = Http.basic(port, "admin");
        var res = admin.postJson("/api/v1/admin/users", Map.of("username", "t_rm_create", "displayName", "新经理",
                "role", "RM", "branchCode", "BR001", "password", GOOD_PASSWORD));
        assertThat(res.status()).isEqualTo(201);
        assertThat(res.body()).doesNotContain(GOOD_PASSWORD).doesNotContain("password");
        var me = Http.basic(port, "t_rm_create", GOOD_PASSWORD).get("/api/v1/me");
        assertThat(me.json().get("role").asString()).isEqualTo("RM");
        assertThat(admin.get("/api/v1/admin/users").body()).contains("t_rm_create").doesNotContain("$2a$")
                .doesNotContain("{bcrypt}");
    }

    @Test
    void weakPasswordsAndBadUsersAreRefused() {
        Http admin = Http.basic(port, "admin");
        for (String weak : new String[]{"short1!", "alllowercaseletters", "t_rm_weakXX1!"}) {
            var res = admin.postJson("/api/v1/admin/users", Map.of("username", "t_rm_weak", "displayName", "x",
                    "role", "RM", "branchCode", "BR001", "password", weak));
            assertThat(res.status()).as(weak).isEqualTo(400);
            assertThat(res.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        }
        assertThat(admin.postJson("/api/v1/admin/users", Map.of("username", "rm1", "displayName", "x", "role", "RM",
                "branchCode", "BR001", "password", GOOD_PASSWORD)).status()).isEqualTo(400);
        assertThat(admin.postJson("/api/v1/admin/users", Map.of("username", "t_x", "displayName", "x", "role", "KING",
                "branchCode", "BR001", "password", GOOD_PASSWORD)).status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from staff_user where username in ('t_rm_weak', 't_x')",
                Integer.class)).isZero();
    }

    @Test
    void disablingAUserEndsTheirAccessAndSessionsAtOnce() {
        Http admin = Http.basic(port, "admin");
        assertThat(admin.postJson("/api/v1/admin/users", Map.of("username", "t_rm_gone", "displayName", "离职经理",
                "role", "RM", "branchCode", "BR002", "password", GOOD_PASSWORD)).status()).isEqualTo(201);
        Http basic = Http.basic(port, "t_rm_gone", GOOD_PASSWORD);
        Http browser = Http.anonymous(port);
        var login = browser.submit("/login", "/login", Map.of("username", "t_rm_gone", "password", GOOD_PASSWORD));
        assertThat(login.header("Location")).doesNotContain("error");
        assertThat(browser.get("/customers").status()).isEqualTo(200);

        var disabled = admin.postJson("/api/v1/admin/users/t_rm_gone/disable", Map.of());
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();

        assertThat(basic.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(browser.get("/customers").status()).isEqualTo(302);
        assertThat(admin.postJson("/api/v1/admin/users/nobody-here/disable", Map.of()).status()).isEqualTo(404);
        assertThat(admin.postJson("/api/v1/admin/users/admin/disable", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void aDisabledUserIsEnabledAgainFromTheUsersPageAndSignsInAsBefore() {
        Http admin = Http.basic(port, "admin");
        assertThat(admin.postJson("/api/v1/admin/users", Map.of("username", "t_rm_back", "displayName", "休假经理",
                "role", "RM", "branchCode", "BR002", "password", GOOD_PASSWORD)).status()).isEqualTo(201);
        int stale = admin.postJson("/api/v1/admin/users/t_rm_back/disable", Map.of()).json().get("version").asInt()
                - 1;
        assertThat(Http.basic(port, "t_rm_back", GOOD_PASSWORD).get("/api/v1/me").status()).isEqualTo(401);

        Http page = Http.session(port, "admin");
        var row = org.jsoup.Jsoup.parse(page.get("/admin/users?q=t_rm_back").body())
                .selectFirst("#user-table tbody tr");
        assertThat(row.select("form[action$=/disable]")).isEmpty();
        var enable = row.selectFirst("form[action=/admin/users/t_rm_back/enable]");
        assertThat(enable.attr("data-confirm")).isEqualTo("确定重新启用用户 休假经理？其可用原密码再次登录，角色和网点不变。");
        // a version read before the disable is stale: nothing changes
        assertThat(admin.postJson("/api/v1/admin/users/t_rm_back/enable", Map.of("version", stale)).status())
                .isEqualTo(409);
        assertThat(page.submit("/admin/users?q=t_rm_back", "/admin/users/t_rm_back/enable",
                Map.of("version", enable.selectFirst("input[name=version]").val())).status()).isEqualTo(302);
        assertThat(page.get("/admin/users?q=t_rm_back").body()).contains("用户已重新启用。");

        var me = Http.basic(port, "t_rm_back", GOOD_PASSWORD).get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("role").asString()).isEqualTo("RM");
        assertThat(me.json().get("branchCode").asString()).isEqualTo("BR002");
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'USER_ENABLED'"
                + " and entity_id = 't_rm_back'", Integer.class)).isOne();
        assertThat(admin.postJson("/api/v1/admin/users/nobody-here/enable", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void aPasswordResetOrAReassignmentEndsTheUsersSessions() {
        Http admin = Http.basic(port, "admin");
        assertThat(admin.postJson("/api/v1/admin/users", Map.of("username", "t_rm_moved", "displayName", "调岗经理",
                "role", "RM", "branchCode", "BR001", "password", GOOD_PASSWORD)).status()).isEqualTo(201);
        Http browser = Http.anonymous(port);
        browser.submit("/login", "/login", Map.of("username", "t_rm_moved", "password", GOOD_PASSWORD));
        assertThat(browser.get("/customers").status()).isEqualTo(200);

        var moved = admin.postJson("/api/v1/admin/users/t_rm_moved/assignment", Map.of("role", "RM", "branchCode", "BR002"));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("branchCode").asString()).isEqualTo("BR002");
        assertThat(browser.get("/customers").status()).isEqualTo(302);
        assertThat(Http.basic(port, "t_rm_moved", GOOD_PASSWORD).get("/api/v1/me").json().get("branchCode").asString())
                .isEqualTo("BR002");

        assertThat(admin.postJson("/api/v1/admin/users/t_rm_moved/password", Map.of("password", "short")).status())
                .isEqualTo(400);
        assertThat(admin.postJson("/api/v1/admin/users/t_rm_moved/password", Map.of("password", "Another#Pass2027"))
                .status()).isEqualTo(200);
        assertThat(Http.basic(port, "t_rm_moved", GOOD_PASSWORD).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(Http.basic(port, "t_rm_moved", "Another#Pass2027").get("/api/v1/me").status()).isEqualTo(200);
        assertThat(admin.postJson("/api/v1/admin/users/admin/assignment", Map.of("role", "RM", "branchCode", "HQ"))
                .status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where entity_id = 't_rm_moved'"
                + " and action in ('USER_REASSIGNED', 'USER_PASSWORD_RESET')", Integer.class)).isEqualTo(2);
    }

    @Test
    void adminChangesAreAudited() {
        Http.basic(port, "admin").postJson("/api/v1/admin/branches", Map.of("code", "T-AUD", "name", "审计", "parentCode", "HQ"));
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'BRANCH_CREATED' and entity_id = 'T-AUD'"
                + " and actor = 'admin'", Integer.class)).isEqualTo(1);
    }
}
