package org.bankcrm.web.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Optimistic locking on the admin's settings and users (D11): every form carries the version the page read; a
 * submit made on a page another admin has since changed comes back with the conflict message and changes nothing,
 * and the API answers such a change 409. Every test puts the defaults back.
 */
@CrmWebTest
class StaleAdminChangeTest {

    private static final String STALE = "该记录已被他人修改，请刷新后重试。";
    private static final String GOOD_PASSWORD = "Tr1cky&Long-Pass";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    /** The value of the input {@code name} inside the page's form posting to {@code action}. */
    private static String field(String html, String action, String name) {
        Matcher form = Pattern.compile("<form[^>]*action=\"" + Pattern.quote(action) + "\"[^>]*>(.*?)</form>",
                Pattern.DOTALL).matcher(html);
        assertThat(form.find()).as("a form posting to " + action).isTrue();
        Matcher input = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"")
                .matcher(form.group(1));
        assertThat(input.find()).as(name + " in the form posting to " + action).isTrue();
        return input.group(1);
    }

    /** The retail tiers' default lower bounds, as the settings form posts them. */
    private static final Map<String, String> TIER_DEFAULTS = Map.of("threshold.MASS", "0", "threshold.GOLD", "50000",
            "threshold.PLATINUM", "500000", "threshold.DIAMOND", "2000000", "threshold.PRIVATE", "6000000");

    /** The retail tiers' form at their defaults but {@code tier} at {@code bound}, versions as {@code page} has. */
    private static Map<String, String> tierForm(String page, String tier, String bound) {
        Map<String, String> form = new HashMap<>(TIER_DEFAULTS);
        form.put("threshold." + tier, bound);
        for (String t : new String[] {"MASS", "GOLD", "PLATINUM", "DIAMOND", "PRIVATE"}) {
            form.put("version." + t, field(page, "/admin/settings/tiers/RETAIL", "version." + t));
        }
        return form;
    }

    private static Map<String, String> probabilities(int identified) {
        Map<String, String> m = new HashMap<>(Map.of("probability.CONTACTED", "20", "probability.QUALIFIED", "40",
                "probability.PROPOSAL", "60", "probability.NEGOTIATION", "80"));
        m.put("probability.IDENTIFIED", String.valueOf(identified));
        return m;
    }

    private int identified() {
        return jdbc.queryForObject("select probability from stage_setting where stage = 'IDENTIFIED'", Integer.class);
    }

    @Test
    void aStaleStageFormIsRefusedAndChangesNothing() {
        Http mine = Http.session(port, "admin");
        Http theirs = Http.session(port, "admin");
        String page = mine.get("/admin/settings").body();
        Map<String, String> form = probabilities(33);
        for (String stage : new String[] {"IDENTIFIED", "CONTACTED", "QUALIFIED", "PROPOSAL", "NEGOTIATION"}) {
            form.put("version." + stage, field(page, "/admin/settings/stages", "version." + stage));
        }
        try {
            assertThat(theirs.submit("/admin/settings", "/admin/settings/stages", probabilities(12)).status())
                    .isEqualTo(302);

            form.put("_csrf", mine.get("/admin/settings").csrf());
            assertThat(mine.postForm("/admin/settings/stages", form).status()).isEqualTo(302);
            assertThat(mine.get("/admin/settings").body()).contains(STALE);
            assertThat(identified()).as("their change stays").isEqualTo(12);
        } finally {
            theirs.submit("/admin/settings", "/admin/settings/stages", probabilities(10));
        }
    }

    @Test
    void aStaleTierFormIsRefusedAndChangesNothing() {
        Http mine = Http.session(port, "admin");
        Http theirs = Http.session(port, "admin");
        String page = mine.get("/admin/settings").body();
        Map<String, String> form = tierForm(page, "GOLD", "70000");
        Map<String, String> their = new HashMap<>(TIER_DEFAULTS);
        their.put("threshold.GOLD", "60000");
        try {
            assertThat(theirs.submit("/admin/settings", "/admin/settings/tiers/RETAIL", their).status())
                    .isEqualTo(302);

            form.put("_csrf", mine.get("/admin/settings").csrf());
            assertThat(mine.postForm("/admin/settings/tiers/RETAIL", form).status()).isEqualTo(302);
            assertThat(mine.get("/admin/settings").body()).contains(STALE);
            assertThat(jdbc.queryForObject("select lower_bound from tier_threshold where tier = 'GOLD'",
                    BigDecimal.class)).isEqualByComparingTo("60000");
        } finally {
            theirs.submit("/admin/settings", "/admin/settings/tiers/RETAIL", TIER_DEFAULTS);
        }
    }

    /**
     * Two admins change different tiers from the same page at the same moment: one raises GOLD above PLATINUM's
     * bound, the other lowers PLATINUM. Each row's version alone would let both through (each changes a row the
     * other does not), leaving bounds that no longer rise, which every customer write then fails on. The save locks
     * the section's rows first, so the second waits for the first, then finds its page stale.
     */
    @Test
    void twoSavesOfDifferentTiersAtOnceAreCheckedOneAfterTheOther() throws Exception {
        Http mine = Http.session(port, "admin");
        String page = mine.get("/admin/settings").body();
        Map<String, String> form = tierForm(page, "PLATINUM", "400000");
        form.put("_csrf", mine.get("/admin/settings").csrf());
        var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        TransactionTemplate first = new TransactionTemplate(transactions);
        try {
            first.executeWithoutResult(tx -> {
                // the first admin's save, between its lock and its commit: GOLD raised to 450,000
                jdbc.queryForList("select 1 from tier_threshold for update");
                jdbc.update("update tier_threshold set lower_bound = 450000, version = version + 1"
                        + " where tier = 'GOLD'");
                var second = executor.submit(() -> mine.postForm("/admin/settings/tiers/RETAIL", form));
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                        second.isDone() || jdbc.queryForObject("select count(*) from pg_stat_activity"
                                + " where wait_event_type = 'Lock' and query like '%tier_threshold%'",
                                Integer.class) > 0);
                assertThat(second.isDone()).as("the second save waits for the first").isFalse();
            });
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type"
                            + " = 'Lock' and query like '%tier_threshold%'", Integer.class) == 0);
            executor.shutdown();
            assertThat(executor.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(mine.get("/admin/settings").body()).contains(STALE);
            assertThat(jdbc.queryForObject("select lower_bound from tier_threshold where tier = 'PLATINUM'",
                    BigDecimal.class)).isEqualByComparingTo("500000");
        } finally {
            executor.shutdownNow();
            Http.session(port, "admin").submit("/admin/settings", "/admin/settings/tiers/RETAIL", TIER_DEFAULTS);
        }
        assertThat(jdbc.queryForObject("select lower_bound from tier_threshold where tier = 'GOLD'",
                BigDecimal.class)).isEqualByComparingTo("50000");
    }

    @Test
    void aStaleRevenueScaleIsRefusedAndChangesNothing() {
        Http mine = Http.session(port, "admin");
        Http theirs = Http.session(port, "admin");
        String page = mine.get("/admin/settings").body();
        // The floor stays as it is: SettingsPageTest counts its audit lines.
        Map<String, String> form = new HashMap<>(Map.of("floor", "100", "ceiling", "3000000",
                "floorVersion", field(page, "/admin/settings/revenue-scale", "floorVersion"),
                "ceilingVersion", field(page, "/admin/settings/revenue-scale", "ceilingVersion")));
        try {
            theirs.submit("/admin/settings", "/admin/settings/revenue-scale", Map.of("floor", "100",
                    "ceiling", "2000000"));

            form.put("_csrf", mine.get("/admin/settings").csrf());
            assertThat(mine.postForm("/admin/settings/revenue-scale", form).status()).isEqualTo(302);
            assertThat(mine.get("/admin/settings").body()).contains(STALE);
            assertThat(jdbc.queryForObject("select value from app_setting where key = 'scoring.revenue-ceiling'",
                    BigDecimal.class)).isEqualByComparingTo("2000000");
        } finally {
            theirs.submit("/admin/settings", "/admin/settings/revenue-scale", Map.of("floor", "100",
                    "ceiling", "1000000"));
        }
    }

    @Test
    void aStaleLostReasonSwitchOrProductFormIsRefusedAndChangesNothing() {
        Http mine = Http.session(port, "admin");
        Http theirs = Http.session(port, "admin");
        theirs.submit("/admin/settings", "/admin/settings/lost-reasons", Map.of("code", "T_STALE", "nameZh", "过期",
                "nameEn", "Stale"));
        String page = mine.get("/admin/settings").body();
        String reasonVersion = field(page, "/admin/settings/lost-reasons/T_STALE", "version");
        String productVersion = field(page, "/admin/settings/products/FX", "version");
        try {
            // They switch it off and on again; my page still offers to switch it off.
            theirs.submit("/admin/settings", "/admin/settings/lost-reasons/T_STALE", Map.of("enabled", "false"));
            theirs.submit("/admin/settings", "/admin/settings/lost-reasons/T_STALE", Map.of("enabled", "true"));
            assertThat(mine.submit("/admin/settings", "/admin/settings/lost-reasons/T_STALE",
                    Map.of("enabled", "false", "version", reasonVersion)).status()).isEqualTo(302);
            assertThat(mine.get("/admin/settings").body()).contains(STALE);
            assertThat(jdbc.queryForObject("select enabled from lost_reason where code = 'T_STALE'", Boolean.class))
                    .isTrue();

            theirs.submit("/admin/settings", "/admin/settings/products/FX", Map.of("revenueRate", "0.006",
                    "enabled", "true"));
            assertThat(mine.submit("/admin/settings", "/admin/settings/products/FX", Map.of("revenueRate", "0.007",
                    "enabled", "true", "version", productVersion)).status()).isEqualTo(302);
            assertThat(mine.get("/admin/settings").body()).contains(STALE);
            assertThat(jdbc.queryForObject("select revenue_rate from product where code = 'FX'", BigDecimal.class))
                    .isEqualByComparingTo("0.006");
        } finally {
            theirs.submit("/admin/settings", "/admin/settings/products/FX", Map.of("revenueRate", "0.005",
                    "enabled", "true"));
            jdbc.update("delete from lost_reason where code = 'T_STALE'");
        }
    }

    private void newUser(String username) {
        assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/users", Map.of("username", username,
                "displayName", "过期测试", "role", "RM", "branchCode", "BR001", "password", GOOD_PASSWORD)).status())
                .isEqualTo(201);
    }

    private Map<String, Object> user(String username) {
        return jdbc.queryForMap("select u.role, b.code as branch, u.enabled, u.password_hash, u.version"
                + " from staff_user u join branch b on b.id = u.branch_id where u.username = ?", username);
    }

    @Test
    void staleUserFormsAreRefusedAndChangeNothing() {
        newUser("t_stale_page");
        Http mine = Http.session(port, "admin");
        String page = mine.get("/admin/users?q=t_stale_page").body();
        String assignment = field(page, "/admin/users/t_stale_page/assignment", "version");
        String password = field(page, "/admin/users/t_stale_page/password", "version");
        String disable = field(page, "/admin/users/t_stale_page/disable", "version");
        assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/users/t_stale_page/assignment",
                Map.of("role", "RM", "branchCode", "BR002")).status()).as("their change").isEqualTo(200);
        Map<String, Object> theirs = user("t_stale_page");

        assertThat(mine.submit("/admin/users", "/admin/users/t_stale_page/assignment", Map.of("role", "BRANCH_HEAD",
                "branchCode", "BR001", "version", assignment)).status()).isEqualTo(302);
        assertThat(mine.get("/admin/users").body()).contains(STALE);
        mine.submit("/admin/users", "/admin/users/t_stale_page/password", Map.of("password", "Another#Pass2027",
                "version", password));
        assertThat(mine.get("/admin/users").body()).contains(STALE);
        mine.submit("/admin/users", "/admin/users/t_stale_page/disable", Map.of("version", disable));
        assertThat(mine.get("/admin/users").body()).contains(STALE);
        assertThat(user("t_stale_page")).as("nothing changed since their change").isEqualTo(theirs);
    }

    @Test
    void staleUserChangesAnswer409InTheApi() {
        newUser("t_stale_api");
        Http admin = Http.basic(port, "admin");
        int read = admin.get("/api/v1/admin/users").json().valueStream()
                .filter(u -> "t_stale_api".equals(u.get("username").asString())).findFirst().orElseThrow()
                .get("version").asInt();
        var theirs = admin.postJson("/api/v1/admin/users/t_stale_api/assignment", Map.of("role", "RM",
                "branchCode", "BR002", "version", read));
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.json().get("version").asInt()).isGreaterThan(read);
        Map<String, Object> before = user("t_stale_api");

        for (var res : new Http.Response[] {
                admin.postJson("/api/v1/admin/users/t_stale_api/assignment", Map.of("role", "BRANCH_HEAD",
                        "branchCode", "BR001", "version", read)),
                admin.postJson("/api/v1/admin/users/t_stale_api/password", Map.of("password", "Another#Pass2027",
                        "version", read)),
                admin.postJson("/api/v1/admin/users/t_stale_api/disable", Map.of("version", read))}) {
            assertThat(res.status()).isEqualTo(409);
            assertThat(res.header("Content-Type")).startsWith("application/problem+json");
            assertThat(res.json().get("status").asInt()).isEqualTo(409);
        }
        assertThat(user("t_stale_api")).as("nothing changed").isEqualTo(before);
    }
}
