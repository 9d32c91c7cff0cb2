package org.bankcrm.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one real PostgreSQL database of a test JVM, chosen in this order:
 * <ol>
 *   <li>Testcontainers, when a Docker engine answers;</li>
 *   <li>a local server named by {@code CRM_TEST_PG_HOST} (and optionally {@code CRM_TEST_PG_PORT},
 *       {@code CRM_TEST_PG_USER}, {@code CRM_TEST_PG_PASSWORD}), in a freshly created database that is
 *       dropped when the JVM exits; leftovers of killed runs older than a day are swept first;</li>
 *   <li>an embedded PostgreSQL (zonky), started in this JVM.</li>
 * </ol>
 * Never H2, never a mock: the schema and every query run on the real thing.
 */
public final class TestDatabase {

    /** How to connect, and which of the three it is. */
    public record Connection(String url, String username, String password, String kind) {
    }

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static final String PREFIX = "crm_test_";
    private static Connection instance;

    private TestDatabase() {
    }

    public static synchronized Connection get() {
        if (instance == null) {
            instance = start();
            log.info("Test database: {} ({})", instance.url(), instance.kind());
        }
        return instance;
    }

    private static Connection start() {
        if (!"false".equals(System.getenv("CRM_TEST_DOCKER")) && dockerAvailable()) {
            PostgreSQLContainer pg = new PostgreSQLContainer("postgres:17-alpine");
            pg.start();
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
            return new Connection(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword(), "testcontainers");
        }
        String host = System.getenv("CRM_TEST_PG_HOST");
        if (host != null && !host.isBlank()) {
            return localServer(host);
        }
        return embedded();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Connection localServer(String host) {
        String port = envOr("CRM_TEST_PG_PORT", "5432");
        String user = envOr("CRM_TEST_PG_USER", "postgres");
        String password = envOr("CRM_TEST_PG_PASSWORD", "");
        String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        long now = Instant.now().getEpochSecond();
        String name = PREFIX + now + "_" + ThreadLocalRandom.current().nextInt(1_000_000);
        try (java.sql.Connection c = DriverManager.getConnection(admin, user, password);
             Statement st = c.createStatement()) {
            sweep(st, now);
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database on " + admin, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(admin, user, password, name)));
        return new Connection("jdbc:postgresql://" + host + ":" + port + "/" + name, user, password, "local server");
    }

    /** Drops test databases that a killed JVM left behind more than a day ago. */
    private static void sweep(Statement st, long now) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("select datname from pg_database where datname like '" + PREFIX + "%'")) {
            while (rs.next()) {
                String db = rs.getString(1);
                String[] parts = db.substring(PREFIX.length()).split("_");
                try {
                    if (now - Long.parseLong(parts[0]) > 86_400) {
                        stale.add(db);
                    }
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
        }
        for (String db : stale) {
            st.execute("drop database if exists " + db + " with (force)");
        }
    }

    private static void drop(String admin, String user, String password, String name) {
        try (java.sql.Connection c = DriverManager.getConnection(admin, user, password);
             Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            log.warn("could not drop test database {}: {}", name, e.getMessage());
        }
    }

    private static Connection embedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    log.warn("could not stop embedded PostgreSQL: {}", e.getMessage());
                }
            }));
            return new Connection(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
