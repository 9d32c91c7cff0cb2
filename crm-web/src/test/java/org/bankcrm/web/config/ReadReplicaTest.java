package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bankcrm.testsupport.TestDatabase;
import org.bankcrm.web.testsupport.Http;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The optional read replica (D19), with a second database standing in for it: the test database's schema and rows
 * copied into it, then changed in ways the test can see (another title, a much larger amount, another customer name).
 * With it configured, dashboards and lists show the replica's rows; detail pages and writes use the primary; a
 * session that has just written reads the primary; and when the replica is cut off (it is reached through a TCP
 * proxy) the same pages read the primary, with one warning for the outage, and return to the replica when it is back.
 * Its own application context, since it needs properties the shared one must not have.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
// Its own context: closed after the class, so its scheduled jobs stop with it.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReadReplicaTest {

    static final DatabaseOutageTest.Proxy PROXY = new DatabaseOutageTest.Proxy();
    static String replicaUrl;
    static final BigDecimal REPLICA_EXTRA = new BigDecimal("5000000000000.00");
    static final String DOWN = "The read replica cannot be reached";
    static final String BACK = "The read replica answers again";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate primary;

    final String tag = "RR" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase(Locale.ROOT);
    long id;
    String customerNo;
    String customerName;

    /** An empty database next to the test database, reached through a proxy the test can cut. */
    @DynamicPropertySource
    static void replica(DynamicPropertyRegistry registry) throws IOException, SQLException {
        TestDatabase.Connection db = TestDatabase.get();
        URI target = URI.create(db.url().substring("jdbc:".length()));
        String name = target.getPath().substring(1) + "_replica" + ThreadLocalRandom.current().nextInt(1000);
        try (Connection admin = DriverManager.getConnection(db.url().replace(target.getPath(), "/postgres"),
                db.username(), db.password()); Statement st = admin.createStatement()) {
            st.execute("create database " + name);
        }
        PROXY.start(target.getHost(), target.getPort());
        replicaUrl = "jdbc:postgresql://" + target.getHost() + ":" + target.getPort() + "/" + name;
        registry.add("crm.read-replica.url", () -> "jdbc:postgresql://127.0.0.1:" + PROXY.port() + "/" + name);
        registry.add("crm.read-replica.username", db::username);
        registry.add("crm.read-replica.password", db::password);
        registry.add("crm.read-replica.connection-timeout", () -> "1s");
        registry.add("crm.read-replica.retry-after", () -> "1s");
        registry.add("crm.read-replica.primary-after-write", () -> "5m");
    }

    @AfterAll
    void dropReplica() throws SQLException {
        PROXY.down();
        TestDatabase.Connection db = TestDatabase.get();
        String path = URI.create(db.url().substring("jdbc:".length())).getPath();
        try (Connection admin = DriverManager.getConnection(db.url().replace(path, "/postgres"), db.username(),
                db.password()); Statement st = admin.createStatement()) {
            st.execute("drop database if exists " + replicaUrl.substring(replicaUrl.lastIndexOf('/') + 1)
                    + " with (force)");
        }
    }

    /** An opportunity of rm1's on the primary; then the replica as a copy of the primary, changed. */
    @BeforeAll
    void makeTheReplica() throws SQLException, IOException {
        customerNo = primary.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' and c.type = 'RETAIL' order by c.customer_no limit 1""", String.class);
        customerName = primary.queryForObject("select name from customer where customer_no = ?", String.class,
                customerNo);
        var created = Http.basic(port, "rm1").postJson("/api/v1/opportunities", Map.of("customerNo", customerNo,
                "productCode", "WEALTH", "title", tag + "-PRIMARY", "amount", 200000,
                "expectedCloseDate", LocalDate.now().plusDays(30).toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        id = created.json().get("id").asLong();

        TestDatabase.Connection db = TestDatabase.get();
        Flyway.configure().dataSource(replicaUrl, db.username(), db.password()).locations("classpath:db/migration")
                .load().migrate();
        try (Connection from = DriverManager.getConnection(db.url(), db.username(), db.password());
             Connection to = DriverManager.getConnection(replicaUrl, db.username(), db.password())) {
            copy(from, to);
            try (var st = to.prepareStatement("""
                    update opportunity set title = ?, amount = amount + ?, expected_close_date = date '2001-01-01'
                    where id = ?""")) {
                st.setString(1, tag + "-REPLICA");
                st.setBigDecimal(2, REPLICA_EXTRA);
                st.setLong(3, id);
                assertThat(st.executeUpdate()).isEqualTo(1);
            }
            try (var st = to.prepareStatement("update customer set name = ? where customer_no = ?")) {
                st.setString(1, tag + "-CUSTOMER");
                st.setString(2, customerNo);
                assertThat(st.executeUpdate()).isEqualTo(1);
            }
        }
    }

    /** Every table but Flyway's, row for row, with constraints and triggers held off while the rows go in. */
    private static void copy(Connection from, Connection to) throws SQLException, IOException {
        List<String> tables = new ArrayList<>();
        try (var rs = from.createStatement().executeQuery("""
                select tablename from pg_tables where schemaname = 'public' and tablename <> 'flyway_schema_history'
                order by tablename""")) {
            while (rs.next()) {
                tables.add('"' + rs.getString(1) + '"');
            }
        }
        to.setAutoCommit(false);
        try (Statement st = to.createStatement()) {
            st.execute("set local session_replication_role = replica");
            st.execute("truncate " + String.join(", ", tables));
        }
        var out = from.unwrap(PGConnection.class).getCopyAPI();
        var in = to.unwrap(PGConnection.class).getCopyAPI();
        for (String table : tables) {
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            out.copyOut("copy " + table + " to stdout", rows);
            in.copyIn("copy " + table + " from stdin", new ByteArrayInputStream(rows.toByteArray()));
        }
        to.commit();
        to.setAutoCommit(true);
    }

    private String titleOnPrimary() {
        return primary.queryForObject("select title from opportunity where id = ?", String.class, id);
    }

    private String titleOnReplica() throws SQLException {
        TestDatabase.Connection db = TestDatabase.get();
        try (Connection c = DriverManager.getConnection(replicaUrl, db.username(), db.password());
             var st = c.prepareStatement("select title from opportunity where id = ?")) {
            st.setLong(1, id);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** The titles the page shows for the test's opportunity (the search also finds its customer's others). */
    private List<String> titles(JsonNode page) {
        return page.get("items").valueStream().filter(i -> i.get("id").asLong() == id)
                .map(i -> i.get("title").asString()).toList();
    }

    private BigDecimal openAmount() {
        var res = Http.basic(port, "rm1").get("/api/v1/dashboard/pipeline");
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("open").get("amount").decimalValue();
    }

    @Test
    @Order(1)
    void listsAndDashboardsReadTheReplica() {
        Http api = Http.basic(port, "rm1");
        assertThat(titles(api.get("/api/v1/opportunities?q=" + tag).json())).containsExactly(tag + "-REPLICA");
        JsonNode customers = api.get("/api/v1/customers?q=" + tag + "-CUSTOMER").json();
        assertThat(customers.get("total").asLong()).isOne();
        assertThat(customers.get("items").get(0).get("customerNo").asString()).isEqualTo(customerNo);

        Http rm1 = Http.session(port, "rm1");
        assertThat(rm1.get("/opportunities?q=" + tag).body()).contains(tag + "-REPLICA").doesNotContain(tag + "-PRIMARY");
        assertThat(rm1.get("/customers?q=" + tag + "-CUSTOMER").body()).contains(customerNo);
        assertThat(rm1.get("/opportunities/board").body()).contains(tag + "-REPLICA").doesNotContain(tag + "-PRIMARY");
        var dashboard = rm1.get("/dashboard");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(rm1.get("/dashboard/list?measure=OPEN").body()).contains(tag + "-REPLICA");

        // The export reads the replica and writes its audit entry on the primary (the replica refuses writes).
        long exportsBefore = primary.queryForObject(
                "select count(*) from audit_log where action = 'EXPORT' and actor = 'rm1'", Long.class);
        var csv = rm1.get("/dashboard/list.csv?measure=OPEN");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains(tag + "-REPLICA");
        assertThat(primary.queryForObject("select count(*) from audit_log where action = 'EXPORT' and actor = 'rm1'",
                Long.class)).isEqualTo(exportsBefore + 1);
    }

    @Test
    @Order(2)
    void detailPagesAndWritesUseThePrimary() throws SQLException {
        Http api = Http.basic(port, "rm1");
        JsonNode detail = api.get("/api/v1/opportunities/" + id).json();
        assertThat(detail.get("title").asString()).isEqualTo(tag + "-PRIMARY");
        assertThat(api.get("/api/v1/customers/" + customerNo).json().get("name").asString()).isEqualTo(customerName);
        assertThat(Http.session(port, "rm1").get("/opportunities/" + id).body()).contains(tag + "-PRIMARY")
                .doesNotContain(tag + "-REPLICA");

        var edit = api.patchJson("/api/v1/opportunities/" + id,
                Map.of("version", detail.get("version").asInt(), "title", tag + "-EDITED"));
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        assertThat(titleOnPrimary()).isEqualTo(tag + "-EDITED");
        assertThat(titleOnReplica()).isEqualTo(tag + "-REPLICA");
        assertThat(api.get("/api/v1/opportunities/" + id).json().get("title").asString()).isEqualTo(tag + "-EDITED");
        // A client without a session reads lists as the replica has them: here the change never reaches it.
        assertThat(titles(api.get("/api/v1/opportunities?q=" + tag).json())).containsExactly(tag + "-REPLICA");
    }

    @Test
    @Order(3)
    void aSessionThatHasJustWrittenReadsThePrimary() {
        Http writer = Http.session(port, "rm1");
        assertThat(writer.get("/opportunities?q=" + tag).body()).contains(tag + "-REPLICA");
        int version = primary.queryForObject("select version from opportunity where id = ?", Integer.class, id);
        var move = writer.submit("/opportunities/board", "/opportunities/board/" + id + "/move",
                Map.of("toStage", "CONTACTED", "version", String.valueOf(version)));
        assertThat(move.status()).isEqualTo(302);
        assertThat(move.header("Location")).endsWith("/opportunities/board");
        assertThat(primary.queryForObject("select stage from opportunity where id = ?", String.class, id))
                .isEqualTo("CONTACTED");

        assertThat(writer.get("/opportunities?q=" + tag).body()).contains(tag + "-EDITED").doesNotContain(tag + "-REPLICA");
        assertThat(writer.get("/api/v1/opportunities?q=" + tag).json().get("items").valueStream()
                .filter(i -> i.get("id").asLong() == id).map(i -> i.get("stage").asString()))
                .containsExactly("CONTACTED");
        // Someone else, or the same user in a session that has not written, still reads the replica.
        assertThat(Http.session(port, "rm1").get("/opportunities?q=" + tag).body()).contains(tag + "-REPLICA");
    }

    @Test
    @Order(4)
    void whileTheReplicaIsDownTheyReadThePrimaryAndReturnToItAfterwards(CapturedOutput output) throws Exception {
        BigDecimal fromReplica = openAmount();
        Http api = Http.basic(port, "rm1");

        PROXY.down();
        // Connections idle for more than half a second are checked before use, so the pool finds its own dead.
        Thread.sleep(1_000);
        assertThat(titles(api.get("/api/v1/opportunities?q=" + tag).json())).containsExactly(tag + "-EDITED");
        assertThat(openAmount()).isEqualByComparingTo(fromReplica.subtract(REPLICA_EXTRA));
        assertThat(api.get("/api/v1/customers?q=" + tag + "-CUSTOMER").json().get("total").asLong()).isZero();
        Http rm1 = Http.session(port, "rm1");
        for (String page : List.of("/dashboard", "/dashboard/list?measure=OPEN", "/opportunities/board",
                "/customers?q=" + customerNo)) {
            assertThat(rm1.get(page).status()).as(page).isEqualTo(200);
        }
        Thread.sleep(1_100);
        assertThat(rm1.get("/opportunities?q=" + tag).body()).contains(tag + "-EDITED");
        assertThat(output.getOut().split(DOWN, -1)).as("one warning for the outage").hasSize(2);

        PROXY.up();
        List<String> seen = await("replica reads again").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> titles(api.get("/api/v1/opportunities?q=" + tag).json()),
                        titles -> titles.contains(tag + "-REPLICA"));
        assertThat(seen).containsExactly(tag + "-REPLICA");
        assertThat(openAmount()).isEqualByComparingTo(fromReplica);
        assertThat(output.getOut().split(BACK, -1)).as("its return is logged once").hasSize(2);
    }
}
