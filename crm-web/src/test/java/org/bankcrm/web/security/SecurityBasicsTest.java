package org.bankcrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

@CrmWebTest
class SecurityBasicsTest {

    @LocalServerPort
    int port;

    @Test
    void anonymousApiCallIs401ProblemJsonWithoutRedirect() {
        var res = Http.anonymous(port).get("/api/v1/me");
        assertThat(res.status()).isEqualTo(401);
        assertThat(res.header("Location")).isEmpty();
        assertThat(res.header("Content-Type")).startsWith("application/problem+json");
        assertThat(res.json().get("status").asInt()).isEqualTo(401);
        assertThat(res.json().get("detail").asString()).contains("登录");
    }

    @Test
    void wrongPasswordIs401() {
        var res = Http.basic(port, "rm1", "not-the-password").get("/api/v1/me");
        assertThat(res.status()).isEqualTo(401);
        assertThat(res.body()).doesNotContain("rm1");
    }

    @Test
    void englishProblemWhenTheClientAsksForIt() {
        var res = Http.anonymous(port).language("en-US").get("/api/v1/me");
        assertThat(res.json().get("detail").asString()).contains("Sign in");
    }

    @ParameterizedTest(name = "{0} is {1} of {2}")
    @CsvSource({"admin, ADMIN, HQ", "head1, BRANCH_HEAD, BR001", "rm1, RM, BR001", "rm2, RM, BR001",
            "teller1, REFERRER, BR001", "head2, BRANCH_HEAD, BR002", "rm3, RM, BR002"})
    void everyDemoUserSeesTheirRoleAndBranch(String username, String role, String branch) {
        var me = Http.basic(port, username).get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo(username);
        assertThat(me.json().get("role").asString()).isEqualTo(role);
        assertThat(me.json().get("branchCode").asString()).isEqualTo(branch);
        assertThat(me.json().has("displayName")).isTrue();
    }

    @Test
    void anonymousPageRedirectsToLogin() {
        var res = Http.anonymous(port).get("/opportunities");
        assertThat(res.status()).isEqualTo(302);
        assertThat(res.header("Location")).endsWith("/login");
    }

    @Test
    void loginPageIsChineseByDefaultAndEnglishOnRequest() {
        var zh = Http.anonymous(port).language("en-US").get("/login");
        assertThat(zh.status()).isEqualTo(200);
        assertThat(zh.body()).contains("<title>登录 · 商机管理</title>").contains("name=\"username\"")
                .contains("name=\"password\"").contains("name=\"_csrf\"");
        var en = Http.anonymous(port).get("/login?lang=en");
        assertThat(en.body()).contains("Sign in");
    }

    @Test
    void formLoginSucceedsAndFailsClearly() {
        var http = Http.anonymous(port);
        var bad = http.submit("/login", "/login", java.util.Map.of("username", "rm1", "password", "wrong"));
        assertThat(bad.status()).isEqualTo(302);
        assertThat(bad.header("Location")).contains("/login?error");
        var session = Http.session(port, "rm1");
        assertThat(session.get("/").body()).contains("李晓明");
    }

    @Test
    void postWithoutCsrfTokenOnASessionIsRefused() {
        var session = Http.session(port, "rm1");
        var res = session.postJson("/api/v1/opportunities", java.util.Map.of("customerNo", "x"));
        assertThat(res.status()).isEqualTo(403);
        var page = session.postForm("/customers", java.util.Map.of("customerNo", "NOCSRF1"));
        assertThat(page.status()).isEqualTo(403);
    }

    @Test
    void healthIsPublicAndOtherActuatorEndpointsAreNot() {
        assertThat(Http.anonymous(port).get("/actuator/health").status()).isEqualTo(200);
        assertThat(Http.anonymous(port).get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(Http.anonymous(port).get("/actuator/info").status()).isEqualTo(302);
        assertThat(Http.basic(port, "rm1").get("/actuator/info").status()).isIn(401, 403, 302);
    }

    @Test
    void theOpenApiDescriptionListsTheApi() {
        var res = Http.anonymous(port).get("/v3/api-docs");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().get("paths").has("/api/v1/me")).isTrue();
        assertThat(res.json().get("paths").has("/api/v1/opportunities")).isTrue();
    }

    @Test
    void htmlResponsesCarryTheHardeningHeaders() {
        var res = Http.anonymous(port).get("/login");
        assertThat(res.header("Content-Security-Policy")).contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(res.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(res.header("Referrer-Policy")).isNotEmpty();
    }
}
