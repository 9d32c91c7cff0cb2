package org.bankcrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The session row is written only when the session changed or its stored last access time has fallen 60 s behind
 * (D55), on PostgreSQL through the running application: the idle and absolute timeouts still end a session.
 */
@CrmWebTest
class SessionWritesTest {

    private static final String PASSWORD = "Quiet-Session#2026";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private String user;
    private Http http;

    @BeforeEach
    void signIn() {
        user = "t_quiet" + System.nanoTime() % 1_000_000_000L;
        assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/users", Map.of("username", user,
                "displayName", "会话写入", "role", "RM", "branchCode", "BR001", "password", PASSWORD))
                .status()).isEqualTo(201);
        http = Http.anonymous(port);
        assertThat(http.submit("/login", "/login", Map.of("username", user, "password", PASSWORD))
                .header("Location")).doesNotContain("error");
        // the first page after signing in stores the session's new CSRF token (a changed attribute: written)
        assertThat(http.get("/").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/me").status()).isEqualTo(200);
    }

    /** The session row as stored, with its row version (xmin changes with any UPDATE of the row). */
    private Map<String, Object> row() {
        return jdbc.queryForMap("""
                select xmin::text as xmin, last_access_time, expiry_time, max_inactive_interval
                from spring_session where principal_name = ?""", user);
    }

    @Test
    void requestsInARowLeaveTheSessionRowAlone() {
        Map<String, Object> before = row();
        assertThat(http.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(http.get("/").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/opportunities?size=5").status()).isEqualTo(200);
        assertThat(row()).isEqualTo(before);
    }

    @Test
    void aRequestAfterTheIntervalMovesTheLastAccessTime() {
        jdbc.update("""
                update spring_session set last_access_time = last_access_time - 61000, expiry_time = expiry_time - 61000
                where principal_name = ?""", user);
        Map<String, Object> before = row();
        long start = System.currentTimeMillis();
        assertThat(http.get("/api/v1/me").status()).isEqualTo(200);
        Map<String, Object> after = row();
        assertThat(after.get("xmin")).isNotEqualTo(before.get("xmin"));
        long accessed = ((Number) after.get("last_access_time")).longValue();
        assertThat(accessed).isGreaterThanOrEqualTo(start - 1000);
        assertThat(((Number) after.get("expiry_time")).longValue())
                .isEqualTo(accessed + 1000L * ((Number) after.get("max_inactive_interval")).longValue());
        // and the next request, within the interval again, writes nothing
        assertThat(http.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(row()).isEqualTo(after);
    }

    @Test
    void aRequestJustWithinTheIntervalWritesNothing() {
        jdbc.update("""
                update spring_session set last_access_time = last_access_time - 50000, expiry_time = expiry_time - 50000
                where principal_name = ?""", user);
        Map<String, Object> before = row();
        assertThat(http.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(row()).isEqualTo(before);
    }

    @Test
    void theIdleTimeoutStillEndsASession() {
        // last used 31 minutes ago (the idle timeout is 30)
        jdbc.update("""
                update spring_session set last_access_time = last_access_time - 31 * 60000,
                       expiry_time = expiry_time - 31 * 60000
                where principal_name = ?""", user);
        assertThat(http.get("/api/v1/me").status()).isEqualTo(401);
        var page = http.get("/");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/login");
    }

    @Test
    void aSessionUsedWithinTheIdleTimeoutLivesOn() {
        // last used 29 minutes ago: still signed in, and the request moves the stored time to now
        jdbc.update("""
                update spring_session set last_access_time = last_access_time - 29 * 60000,
                       expiry_time = expiry_time - 29 * 60000
                where principal_name = ?""", user);
        long start = System.currentTimeMillis();
        assertThat(http.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(((Number) row().get("last_access_time")).longValue()).isGreaterThanOrEqualTo(start - 1000);
    }

    @Test
    void theAbsoluteTimeoutStillEndsASessionHoweverActive() {
        jdbc.update("update spring_session set creation_time = creation_time - 13 * 3600 * 1000"
                + " where principal_name = ?", user);
        assertThat(http.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from spring_session where principal_name = ?", Long.class,
                user)).isZero();
    }

    @Test
    void signingInAgainWritesANewRowAndChangedAttributesAreStored() {
        Map<String, Object> before = row();
        Http again = Http.anonymous(port);
        assertThat(again.submit("/login", "/login", Map.of("username", user, "password", PASSWORD))
                .header("Location")).doesNotContain("error");
        assertThat(jdbc.queryForObject("select count(*) from spring_session where principal_name = ?", Long.class,
                user)).isEqualTo(2);
        // the first session is untouched by the second
        assertThat(jdbc.queryForMap("""
                select xmin::text as xmin, last_access_time, expiry_time, max_inactive_interval
                from spring_session where principal_name = ? and last_access_time = ?""", user,
                before.get("last_access_time"))).isEqualTo(before);
        // signing out ends the session at once, whatever the interval
        assertThat(again.submit("/", "/logout", Map.of()).status()).isEqualTo(302);
        assertThat(jdbc.queryForObject("select count(*) from spring_session where principal_name = ?", Long.class,
                user)).isEqualTo(1);
    }
}
