package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.bankcrm.CrmApplication;
import org.bankcrm.service.shared.ClockConfig;
import org.bankcrm.testsupport.TestDatabase;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the application (two Spring Boot contexts, two ports) on one database of their own, started at
 * the same moment on an empty database as two replicas behind a proxy would be (issue 8, "more than one
 * instance"). Node B's clock runs five minutes behind node A's, as an unsynchronised server's would, to show that
 * nothing depends on the nodes agreeing on the time; B also trusts forwarded headers from 127.0.0.1, as the nodes of
 * docker-compose.yml's cluster profile trust their proxy, and A (the default configuration) trusts none. What one node does, the other sees at once: a session (and its
 * CSRF token and flash message), a write, the version that makes another edit stale, a disabled user, a changed
 * setting, failed sign-ins; a nightly job fired on both at once runs once, and one that has just run on A does not
 * run again when B's late clock reaches the same hour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiNodeTest {

    /** How far node B's clock lags behind. */
    static final Duration BEHIND = Duration.ofMinutes(5);

    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

    private String adminUrl;
    private String database;
    private String user;
    private String password;
    private ConfigurableApplicationContext contextA;
    private ConfigurableApplicationContext contextB;
    private Node a;
    private Node b;
    private JdbcTemplate jdbc;

    // ------------------------------------------------------------------ two nodes

    /** Replaces the bank clock of node B (registered as a source of that context only, never scanned). */
    static class ClockBehind {
        @Bean
        Clock clock() {
            return Clock.offset(Clock.system(ClockConfig.BANK_ZONE), BEHIND.negated());
        }
    }

    /** One node: its port and its own scheduler. */
    record Node(String name, int port, ConfigurableApplicationContext context) {

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        /**
         * This node's clock reaches the time of the nightly job {@code job} (a recurring task of the job mechanism):
         * its scheduler looks for due executions at once and runs the job if it is due, exactly as at that time;
         * answers once the job is no longer due (run here or elsewhere, or not due at all).
         */
        void fire(String job) {
            context.getBean(Scheduler.class).triggerCheckForDueExecutions();
            JdbcTemplate db = context.getBean(JdbcTemplate.class);
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> db.queryForObject("""
                    select count(*) from scheduled_tasks
                    where task_name = ? and (picked or execution_time <= now())""", Integer.class, job) == 0);
        }
    }

    @BeforeAll
    void startTwoNodesTogetherOnAnEmptyDatabase() throws Exception {
        TestDatabase.Connection server = TestDatabase.get();
        user = server.username();
        password = server.password();
        adminUrl = server.url();
        database = "crm_test_" + Instant.now().getEpochSecond() + "_multinode"
                + ThreadLocalRandom.current().nextInt(1_000_000);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement st = c.createStatement()) {
            st.execute("create database " + database);
        }
        URI u = URI.create(adminUrl.substring("jdbc:".length()));
        String url = "jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + "/" + database
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());

        // Both start at once; B only waits until A has set up the JVM's logging (one logging system per JVM: two
        // contexts setting it up at the same moment would each add their appenders). The database work of both
        // (Flyway, the demo data) overlaps.
        CountDownLatch logging = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<ConfigurableApplicationContext> startA = pool.submit(() -> start(url, false, logging));
        Future<ConfigurableApplicationContext> startB = pool.submit(() -> {
            logging.await(2, TimeUnit.MINUTES);
            return start(url, true, null);
        });
        pool.shutdown();
        List<Exception> failures = new ArrayList<>();
        try {
            contextA = startA.get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            failures.add(e);
        }
        try {
            contextB = startB.get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("a node did not start");
            failures.forEach(e::addSuppressed);
            throw e;
        }
        a = new Node("A", ((WebServerApplicationContext) contextA).getWebServer().getPort(), contextA);
        b = new Node("B", ((WebServerApplicationContext) contextB).getWebServer().getPort(), contextB);
        jdbc = contextA.getBean(JdbcTemplate.class);
    }

    private ConfigurableApplicationContext start(String url, boolean clockBehind, CountDownLatch loggingReady) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(CrmApplication.class).profiles("demo");
        if (clockBehind) {
            app.sources(ClockBehind.class);
        }
        if (loggingReady != null) {
            // Runs after Boot's own listener has initialised logging for this environment.
            app.listeners((ApplicationListener<ApplicationEvent>) e -> {
                if (e instanceof ApplicationEnvironmentPreparedEvent) {
                    loggingReady.countDown();
                }
            });
        }
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                "--spring.datasource.hikari.maximum-pool-size=5", "--spring.main.banner-mode=off"));
        if (clockBehind) {
            args.add("--spring.main.allow-bean-definition-overriding=true");
            // B stands behind a proxy on 127.0.0.1, configured as the cluster profile of docker-compose.yml is.
            args.add("--server.forward-headers-strategy=native");
            args.add("--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1");
        }
        return app.run(args.toArray(String[]::new));
    }

    @AfterAll
    void stopBothAndDropTheirDatabase() throws Exception {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[]{contextA, contextB}) {
            if (c != null) {
                c.close();
            }
        }
        if (database != null) {
            try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                 Statement st = c.createStatement()) {
                st.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    @Test
    void bothNodesCameUpTogetherAndTheFirstStartSeededOnce() {
        assertThat(contextA.isActive()).isTrue();
        assertThat(contextB.isActive()).isTrue();
        assertThat(contextB.getBean(Clock.class).instant())
                .isBefore(contextA.getBean(Clock.class).instant().minus(BEHIND.minusSeconds(30)));
        assertThat(jdbc.queryForObject("select count(*) from branch where code in ('BR001', 'BR002')", Integer.class))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from customer where customer_no like 'C%'", Integer.class))
                .as("the demo customers, seeded by one node only").isPositive();
        assertThat(get(a, "/actuator/health/readiness", null).body()).contains("UP");
        assertThat(get(b, "/actuator/health/readiness", null).body()).contains("UP");
    }

    // ------------------------------------------------------------------ sessions

    @Test
    void aSessionMadeOnANodeWorksOnTheOtherWithItsCsrfTokenAndFlashMessage() throws Exception {
        long id = newOpportunity(a, "rm1", "多节点会话");
        Session rm1 = signIn(a, "rm1");

        // A page on B with the cookie A gave.
        HttpResponse<String> page = get(b, "/opportunities/" + id, rm1);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("多节点会话").contains("李晓明");

        // The CSRF token lives in the session: one A rendered is accepted by B, and B refuses a post without one.
        String token = csrf(get(a, "/opportunities/" + id, rm1));
        Map<String, String> followUp = Map.of("type", "CALL", "summary", "B节点记录的跟进");
        assertThat(post(b, "/opportunities/" + id + "/follow-ups", rm1, followUp).statusCode()).isEqualTo(403);
        Map<String, String> withToken = new LinkedHashMap<>(followUp);
        withToken.put("_csrf", token);
        HttpResponse<String> logged = post(b, "/opportunities/" + id + "/follow-ups", rm1, withToken);
        assertThat(logged.statusCode()).isEqualTo(302);
        assertThat(logged.headers().firstValue("Location").orElse("")).endsWith("/opportunities/" + id);

        // A shows what B wrote, with the flash message B put into the session.
        HttpResponse<String> after = get(a, "/opportunities/" + id, rm1);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("跟进已记录。").contains("B节点记录的跟进");
        assertThat(get(b, "/opportunities/" + id, rm1).body()).doesNotContain("跟进已记录。");

        // Signing out on B ends the session on A too (the old cookie, kept, is worth nothing there).
        Session kept = new Session();
        kept.cookie = rm1.cookie;
        assertThat(get(a, "/api/v1/me", kept).statusCode()).isEqualTo(200);
        assertThat(post(b, "/logout", rm1, Map.of("_csrf", csrf(get(b, "/", rm1)))).statusCode()).isEqualTo(302);
        assertThat(get(a, "/", kept).statusCode()).isEqualTo(302);
        assertThat(get(a, "/api/v1/me", kept).statusCode()).isEqualTo(401);
    }

    @Test
    void disablingAUserOnANodeEndsTheirSessionsOnTheOtherAtOnce() throws Exception {
        HttpResponse<String> created = api(a, "admin", "POST", "/api/v1/admin/users", """
                {"username": "mn_rm", "displayName": "多节点经理", "role": "RM", "branchCode": "BR001",
                 "password": "Multi-Node#2026x"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Session onB = signIn(b, "mn_rm", "Multi-Node#2026x");
        Session onA = signIn(a, "mn_rm", "Multi-Node#2026x");
        assertThat(get(b, "/", onB).statusCode()).isEqualTo(200);
        assertThat(get(b, "/api/v1/me", onA).statusCode()).isEqualTo(200);

        assertThat(api(a, "admin", "POST", "/api/v1/admin/users/mn_rm/disable", "").statusCode()).isEqualTo(200);

        assertThat(get(b, "/", onB).statusCode()).as("a page on B").isEqualTo(302);
        assertThat(get(b, "/", onB).headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(get(b, "/api/v1/me", onA).statusCode()).as("the API on B with A's session").isEqualTo(401);
        assertThat(jdbc.queryForObject("""
                select count(*) from spring_session where principal_name = 'mn_rm'""", Integer.class)).isZero();
        HttpResponse<String> again = signInAttempt(b, "mn_rm", "Multi-Node#2026x");
        assertThat(again.headers().firstValue("Location").orElse("")).contains("/login?error");
    }

    @Test
    void failedSignInsOnBothNodesAddUpToOneLock() throws Exception {
        for (Node node : List.of(a, b, a, b)) {
            assertThat(signInAttempt(node, "rm3", "wrong-password").headers().firstValue("Location").orElse(""))
                    .contains("/login?error");
        }
        assertThat(signInAttempt(a, "rm3", "wrong-password").headers().firstValue("Location").orElse(""))
                .as("the fifth failure, counted with B's").contains("/login?locked");
        assertThat(signInAttempt(b, "rm3", Http.DEMO_PASSWORD).headers().firstValue("Location").orElse(""))
                .as("the right password on the other node").contains("/login?locked");
        assertThat(api(b, "rm3", "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
    }

    /**
     * A node with the default configuration ignores X-Forwarded-For (a client could otherwise choose the address the
     * throttle counts); a node told to trust its proxy's address takes the client's address from it.
     */
    @Test
    void onlyANodeToldToTrustItsProxyTakesTheClientAddressFromForwardedHeaders() throws Exception {
        Session s = new Session();
        String token = csrf(get(a, "/login", s));
        send(a, HttpRequest.newBuilder(URI.create(a.url("/login"))).header("X-Forwarded-For", "203.0.113.7")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=mn_xff_a&password=x&_csrf=" + token)), s);
        s = new Session();
        token = csrf(get(b, "/login", s));
        send(b, HttpRequest.newBuilder(URI.create(b.url("/login"))).header("X-Forwarded-For", "203.0.113.8")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=mn_xff_b&password=x&_csrf=" + token)), s);
        assertThat(jdbc.queryForList("select client_ip from audit_log where action = 'LOGIN_FAILED' and actor = ?",
                String.class, "mn_xff_a")).containsExactly("127.0.0.1");
        assertThat(jdbc.queryForList("select client_ip from audit_log where action = 'LOGIN_FAILED' and actor = ?",
                String.class, "mn_xff_b")).containsExactly("203.0.113.8");
    }

    // ------------------------------------------------------------------ data

    @Test
    void aWriteOnANodeIsReadOnTheOtherAndAStaleVersionIsRefusedOnEither() {
        long id = newOpportunity(a, "rm1", "多节点写入");
        JsonNode onB = json(api(b, "rm1", "GET", "/api/v1/opportunities/" + id, null));
        assertThat(onB.get("title").asString()).isEqualTo("多节点写入");
        int v = onB.get("version").asInt();

        HttpResponse<String> savedOnB = api(b, "rm1", "PATCH", "/api/v1/opportunities/" + id,
                "{\"version\": " + v + ", \"amount\": 222000}");
        assertThat(savedOnB.statusCode()).as(savedOnB.body()).isEqualTo(200);
        JsonNode onA = json(api(a, "head1", "GET", "/api/v1/opportunities/" + id, null));
        assertThat(onA.get("amount").decimalValue()).isEqualByComparingTo("222000");
        assertThat(onA.get("version").asInt()).isEqualTo(v + 1);

        HttpResponse<String> staleOnA = api(a, "head1", "PATCH", "/api/v1/opportunities/" + id,
                "{\"version\": " + v + ", \"amount\": 333000}");
        assertThat(staleOnA.statusCode()).as("B's version is A's too").isEqualTo(409);
        assertThat(staleOnA.headers().firstValue("Content-Type").orElse("")).contains("problem+json");

        assertThat(api(a, "head1", "PATCH", "/api/v1/opportunities/" + id,
                "{\"version\": " + (v + 1) + ", \"amount\": 333000}").statusCode()).isEqualTo(200);
        HttpResponse<String> staleOnB = api(b, "rm1", "PATCH", "/api/v1/opportunities/" + id,
                "{\"version\": " + (v + 1) + ", \"amount\": 444000}");
        assertThat(staleOnB.statusCode()).as("A's version is B's too").isEqualTo(409);
        assertThat(json(api(b, "rm1", "GET", "/api/v1/opportunities/" + id, null)).get("amount").decimalValue())
                .isEqualByComparingTo("333000");
    }

    /**
     * The edit form is loaded on A; the head saves a new amount on B, whose clock is behind, so B's history line is
     * dated before the moment A rendered the form. The RM then saves a new title from A's form: the conflict page lists
     * the head's change all the same and keeps the head's amount in the form to re-apply (what others changed since
     * is found by the history's database ids, not by comparing two nodes' clocks).
     */
    @Test
    void theConflictPageOnANodeShowsWhatWasSavedOnTheOtherWhateverTheirClocksSay() throws Exception {
        long id = newOpportunity(a, "rm1", "多节点冲突");
        Session rm1 = signIn(a, "rm1");
        Session head1 = signIn(b, "head1");

        Map<String, String> mine = fields(get(a, "/opportunities/" + id, rm1).body(), "edit-form");
        Map<String, String> theirs = fields(get(b, "/opportunities/" + id, head1).body(), "edit-form");
        theirs.put("amount", "555000");
        HttpResponse<String> saved = post(b, "/opportunities/" + id + "/edit", head1, theirs);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        Instant headSavedAt = null;
        for (JsonNode h : json(api(a, "rm1", "GET", "/api/v1/opportunities/" + id + "/history", null))) {
            if (h.get("event").asString().equals("FIELD:amount")) {
                headSavedAt = Instant.parse(h.get("at").asString());
            }
        }
        assertThat(headSavedAt).as("the head's change in the history").isNotNull();
        assertThat(headSavedAt).as("B dates its line before A rendered the form")
                .isBefore(Instant.now().minusSeconds(60));

        mine.put("title", "多节点冲突（改名）");
        HttpResponse<String> conflict = post(a, "/opportunities/" + id + "/edit", rm1, mine);
        assertThat(conflict.body()).contains("id=\"conflict-notice\"").contains("该商机已被他人修改");
        String changes = section(conflict.body(), "conflict-changes", "</ul>");
        assertThat(changes).contains("周建国").doesNotContain("无法列出具体修改");
        Map<String, String> reapply = fields(conflict.body(), "reapply-form");
        assertThat(reapply.get("title")).isEqualTo("多节点冲突（改名）");
        assertThat(Double.parseDouble(reapply.get("amount"))).as("the head's amount, not the stale one")
                .isEqualTo(555000);

        HttpResponse<String> reapplied = post(b, "/opportunities/" + id + "/edit", rm1, reapply);
        assertThat(reapplied.statusCode()).isEqualTo(302);
        JsonNode now = json(api(a, "rm1", "GET", "/api/v1/opportunities/" + id, null));
        assertThat(now.get("title").asString()).isEqualTo("多节点冲突（改名）");
        assertThat(now.get("amount").decimalValue()).isEqualByComparingTo("555000");
    }

    @Test
    void aSettingChangedOnANodeIsUsedByTheOtherAtOnce() throws Exception {
        long id = newOpportunity(a, "rm1", "多节点设置");
        assertThat(json(api(b, "rm1", "GET", "/api/v1/opportunities/" + id, null)).get("probability").asInt())
                .isEqualTo(10);
        Session admin = signIn(a, "admin");
        Map<String, String> stages = new LinkedHashMap<>();
        stages.put("_csrf", csrf(get(a, "/admin/settings", admin)));
        stages.put("probability.IDENTIFIED", "17");
        stages.put("probability.CONTACTED", "20");
        stages.put("probability.QUALIFIED", "40");
        stages.put("probability.PROPOSAL", "60");
        stages.put("probability.NEGOTIATION", "80");
        assertThat(post(a, "/admin/settings/stages", admin, stages).statusCode()).isEqualTo(302);
        assertThat(json(api(b, "rm1", "GET", "/api/v1/opportunities/" + id, null)).get("probability").asInt())
                .as("B's answer right after A's change").isEqualTo(17);

        // A product switched off on A is no longer offered by B's form.
        assertThat(get(b, "/opportunities/new", signIn(b, "rm2")).body()).contains("value=\"FX\"");
        Map<String, String> product = new LinkedHashMap<>();
        product.put("_csrf", csrf(get(a, "/admin/settings", admin)));
        product.put("revenueRate", "0.002");
        assertThat(post(a, "/admin/settings/products/FX", admin, product).statusCode()).isEqualTo(302);
        assertThat(get(b, "/opportunities/new", signIn(b, "rm2")).body()).doesNotContain("value=\"FX\"");
    }

    // ------------------------------------------------------------------ scheduled jobs

    /** The nightly discovery queues one run each time it runs: fired on both nodes at once, one run is queued. */
    @Test
    void aNightlyJobFiredOnBothNodesAtTheSameMomentRunsOnce() throws Exception {
        int before = nightlyRuns();
        nightFalls("discovery-nightly");
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> fired = new ArrayList<>();
            for (Node node : List.of(a, b)) {
                fired.add(pool.submit(() -> {
                    together.await();
                    node.fire("discovery-nightly");
                    return null;
                }));
            }
            for (Future<?> f : fired) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(nightlyRuns() - before).as("nightly discovery runs queued").isEqualTo(1);
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> jdbc.queryForObject(
                "select count(*) from discovery_run where status in ('QUEUED', 'RUNNING')", Integer.class) == 0);
        assertThat(jdbc.queryForObject("""
                select status from discovery_run where started_by is null order by id desc limit 1""", String.class))
                .isEqualTo("DONE");
    }

    /**
     * The audit purge takes a moment; when it has run on A at 03:15, B (whose clock says 03:10) must not purge again
     * at its own 03:15. An entry older than the retention written after A's purge shows whether B ran.
     */
    @Test
    void aNightlyJobThatHasJustRunOnANodeDoesNotRunAgainOnANodeWhoseClockIsBehind() {
        jdbc.update("insert into audit_log (at, actor, action) values (now() - interval '400 days', 'mn', 'MN_OLD_1')");
        nightFalls("audit-retention");
        a.fire("audit-retention");
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'MN_OLD_1'", Integer.class))
                .as("purged on A").isZero();

        jdbc.update("insert into audit_log (at, actor, action) values (now() - interval '400 days', 'mn', 'MN_OLD_2')");
        b.fire("audit-retention");
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'MN_OLD_2'", Integer.class))
                .as("B skipped the purge A has just done").isEqualTo(1);
    }

    /** The time of nightly job {@code job} has come: its one execution (a recurring task's) is due now. */
    private void nightFalls(String job) {
        assertThat(jdbc.update("update scheduled_tasks set execution_time = now() where task_name = ? and not picked",
                job)).as("the recurring task " + job + " is scheduled").isEqualTo(1);
    }

    private int nightlyRuns() {
        return jdbc.queryForObject("select count(*) from discovery_run where started_by is null", Integer.class);
    }

    // ------------------------------------------------------------------ helpers

    /** A browser's session: the SESSION cookie, sent by hand to whichever node. */
    static final class Session {
        String cookie;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private long newOpportunity(Node node, String rm, String title) {
        String customerNo = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = ? order by c.id limit 1""", String.class, rm);
        HttpResponse<String> created = api(node, rm, "POST", "/api/v1/opportunities", """
                {"customerNo": "%s", "productCode": "DEP_TIME", "title": "%s", "amount": 100000,
                 "expectedCloseDate": "2031-01-31"}""".formatted(customerNo, title));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asLong();
    }

    private Session signIn(Node node, String username) throws Exception {
        return signIn(node, username, Http.DEMO_PASSWORD);
    }

    private Session signIn(Node node, String username, String pass) throws Exception {
        Session s = new Session();
        String token = csrf(get(node, "/login", s));
        HttpResponse<String> res = post(node, "/login", s, Map.of("username", username, "password", pass,
                "_csrf", token));
        assertThat(res.statusCode()).isEqualTo(302);
        assertThat(res.headers().firstValue("Location").orElse("")).as(username).doesNotContain("/login");
        return s;
    }

    private HttpResponse<String> signInAttempt(Node node, String username, String pass) throws Exception {
        Session s = new Session();
        String token = csrf(get(node, "/login", s));
        return post(node, "/login", s, Map.of("username", username, "password", pass, "_csrf", token));
    }

    private HttpResponse<String> get(Node node, String path, Session session) {
        return send(node, HttpRequest.newBuilder(URI.create(node.url(path))).GET(), session);
    }

    private HttpResponse<String> post(Node node, String path, Session session, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(node, HttpRequest.newBuilder(URI.create(node.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), session);
    }

    private HttpResponse<String> api(Node node, String username, String method, String path, String json) {
        String basic = java.util.Base64.getEncoder().encodeToString((username + ":" + Http.DEMO_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(node.url(path)))
                .header("Authorization", "Basic " + basic)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            r.header("Content-Type", "application/json");
        }
        return send(node, r, null);
    }

    private HttpResponse<String> send(Node node, HttpRequest.Builder request, Session session) {
        request.timeout(Duration.ofSeconds(60));
        if (session != null && session.cookie != null) {
            request.header("Cookie", "SESSION=" + session.cookie);
        }
        try {
            HttpResponse<String> res = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (session != null) {
                for (String set : res.headers().allValues("Set-Cookie")) {
                    if (set.startsWith("SESSION=")) {
                        int end = set.indexOf(';') < 0 ? set.length() : set.indexOf(';');
                        String value = set.substring("SESSION=".length(), end);
                        session.cookie = value.isEmpty() ? null : value;
                    }
                }
            }
            return res;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("node " + node.name() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> res) {
        return new Http.Response(res).json();
    }

    private static String csrf(HttpResponse<String> page) {
        return new Http.Response(page).csrf();
    }

    /** From the element with this id to the first {@code end} tag after it (enough for the pages tested here). */
    private static String section(String html, String id, String end) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as("#" + id).isNotNegative();
        int stop = html.indexOf(end, start);
        return html.substring(start, stop < 0 ? html.length() : stop);
    }

    /** The named inputs of the form with this id, with the values the page put in them (selects' chosen option). */
    private static Map<String, String> fields(String html, String formId) {
        String form = section(html, formId, "</form>");
        Map<String, String> out = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input[^>]*>").matcher(form);
        while (input.find()) {
            String tag = input.group();
            Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(tag);
            if (name.find()) {
                Matcher value = VALUE.matcher(tag);
                out.put(name.group(1), value.find() ? unescape(value.group(1)) : "");
            }
        }
        Matcher select = Pattern.compile("<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", Pattern.DOTALL)
                .matcher(form);
        while (select.find()) {
            Matcher chosen = Pattern.compile("<option[^>]*value=\"([^\"]*)\"[^>]*selected").matcher(select.group(2));
            if (chosen.find()) {
                out.put(select.group(1), chosen.group(1));
            }
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
