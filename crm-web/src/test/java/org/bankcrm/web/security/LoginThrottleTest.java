package org.bankcrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.bankcrm.service.security.LoginThrottle;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Throttled sign-in (ASVS 2.2.1): an account is locked after five failures with a clear message, for the form
 * and the API alike, an admin can unlock it, and every step is audited. All tests of a run sign in from
 * 127.0.0.1, so the address limit (50 failures) is tested on the service with an address of its own.
 */
@CrmWebTest
class LoginThrottleTest {

    private static final String PASSWORD = "Lock-Test#2026x";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LoginThrottle throttle;

    @Test
    void fiveFailuresLockTheAccountUntilAnAdminUnlocksIt() {
        Http admin = Http.basic(port, "admin");
        assertThat(admin.postJson("/api/v1/admin/users", Map.of("username", "t_lockme", "displayName", "锁定测试",
                "role", "RM", "branchCode", "BR001", "password", PASSWORD)).status()).isEqualTo(201);
        assertThat(Http.basic(port, "t_lockme", PASSWORD).get("/api/v1/me").status()).isEqualTo(200);

        for (int i = 0; i < 5; i++) {
            assertThat(Http.basic(port, "t_lockme", "Wrong#Guess" + i).get("/api/v1/me").status()).isEqualTo(401);
        }
        var refused = Http.basic(port, "t_lockme", PASSWORD).get("/api/v1/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asString()).contains("锁定");
        var form = Http.anonymous(port).submit("/login", "/login", Map.of("username", "t_lockme", "password", PASSWORD));
        assertThat(form.header("Location")).endsWith("/login?locked");
        assertThat(Http.anonymous(port).get("/login?locked").body()).contains("login-locked");

        Http page = Http.session(port, "admin");
        assertThat(page.get("/admin/users?q=t_lockme").body()).contains("unlock-user");
        assertThat(page.submit("/admin/users", "/admin/users/t_lockme/unlock", Map.of()).status()).isEqualTo(302);
        assertThat(Http.basic(port, "t_lockme", PASSWORD).get("/api/v1/me").status()).isEqualTo(200);

        assertThat(jdbc.queryForObject("select count(*) from audit_log where actor = 't_lockme' and action = 'LOGIN_FAILED'",
                Integer.class)).isEqualTo(5);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where actor = 't_lockme' and action = 'ACCOUNT_LOCKED'",
                Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where entity_id = 't_lockme'"
                + " and action = 'ACCOUNT_UNLOCKED'", Integer.class)).isEqualTo(1);
    }

    @Test
    void unknownNamesAreCountedLikeKnownOnesSoTheLockRevealsNothing() {
        for (int i = 0; i < 5; i++) {
            Http.basic(port, "t_nobody_here", "Wrong#Guess" + i).get("/api/v1/me");
        }
        var res = Http.basic(port, "t_nobody_here", "Wrong#Guess9").get("/api/v1/me");
        assertThat(res.status()).isEqualTo(401);
        assertThat(res.json().get("detail").asString()).contains("锁定");
    }

    @Test
    void anAddressIsBlockedAfterFiftyFailures() {
        String address = "198.51.100.77";
        try {
            for (int i = 0; i < 49; i++) {
                throttle.failed("t_spray_" + i, address);
            }
            assertThat(throttle.lockedUntil("head1", address)).isNull();
            assertThat(throttle.failed("t_spray_last", address)).isTrue();
            assertThat(throttle.lockedUntil("head1", address)).isNotNull();
            assertThat(throttle.lockedUntil("head1", "127.0.0.2")).isNull();
        } finally {
            jdbc.update("delete from login_throttle where key = ? or key like 'user:t_spray_%'", "ip:" + address);
        }
    }

    @Test
    void withoutATrustedProxyAForgedForwardedForChangesNothing() throws Exception {
        String forged = "203.0.113.10";
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "t_forger:Wrong#Guess-1".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("X-Forwarded-For", forged).header("X-Forwarded-Proto", "https").build();
        var res = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.headers().firstValue("Strict-Transport-Security")).as("not a secure request").isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from login_throttle where key = ?", Integer.class, "ip:" + forged))
                .isZero();
        assertThat(jdbc.queryForObject("""
                select client_ip from audit_log where actor = 't_forger' and action = 'LOGIN_FAILED'
                order by id desc limit 1""", String.class)).isEqualTo("127.0.0.1");
        jdbc.update("delete from login_throttle where key = 'user:t_forger'");
    }

    @Test
    void signInsAreAudited() {
        Http.session(port, "head2");
        assertThat(jdbc.queryForObject("select count(*) from audit_log where actor = 'head2' and action = 'LOGIN'"
                + " and client_ip is not null", Integer.class)).isPositive();
    }
}
