package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bankcrm.testsupport.NightlyJobsOff;
import org.bankcrm.testsupport.NoTestDatabase;
import org.bankcrm.testsupport.TestDatabase;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database goes away under a running application and comes back (ASVS 7.4 / issue 7 "database faults"): the
 * application reaches PostgreSQL through a TCP proxy the test can cut. While it is cut, pages answer a translated
 * 503 and the API a 503 {@code problem+json}; once it is back, the application serves again within 10 s, without a
 * restart, with the sessions it had.
 */
@NoTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {NightlyJobsOff.DISCOVERY, NightlyJobsOff.RESCORING, NightlyJobsOff.AUDIT_PURGE})
@ActiveProfiles("demo")
// Its own context: closed after the class, so its scheduled jobs stop with it.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageTest {

    static final Proxy PROXY = new Proxy();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        TestDatabase.Connection db = TestDatabase.get();
        URI target = URI.create(db.url().substring("jdbc:".length()));
        PROXY.start(target.getHost(), target.getPort());
        String proxied = db.url().replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + PROXY.port());
        registry.add("spring.datasource.url", () -> proxied);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
    }

    @AfterAll
    static void stopProxy() {
        PROXY.down();
    }

    @Test
    void whileTheDatabaseIsDownUsersGetA503AndItServesAgainWithin10SecondsOfItsReturn() throws Exception {
        Http rm1 = Http.session(port, "rm1");
        assertThat(rm1.get("/").status()).isEqualTo(200);

        PROXY.down();
        var page = rm1.get("/");
        assertThat(page.status()).isEqualTo(503);
        assertThat(page.body()).contains("系统暂时无法连接数据库").doesNotContain("Exception");
        var api = Http.basic(port, "rm2").language("en").get("/api/v1/me");
        assertThat(api.status()).isEqualTo(503);
        assertThat(api.header("Content-Type")).contains("problem+json");
        assertThat(api.body()).contains("cannot reach its database");

        PROXY.up();
        long back = System.nanoTime();
        await("serving again").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> rm1.get("/").status() == 200);
        double seconds = (System.nanoTime() - back) / 1e9;
        System.out.printf("OUTAGE serving again %.1f s after the database came back%n", seconds);
        assertThat(seconds).isLessThan(10);
        assertThat(Http.basic(port, "rm2").get("/api/v1/me").status()).isEqualTo(200);
    }

    /** A TCP proxy to PostgreSQL that can be cut (every connection closed, new ones refused) and restored. */
    static final class Proxy {
        private volatile ServerSocket server;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private String host;
        private int targetPort;
        private int port;

        synchronized void start(String host, int targetPort) throws IOException {
            if (server != null) {
                return;
            }
            this.host = host;
            this.targetPort = targetPort;
            listen(0);
        }

        int port() {
            return port;
        }

        private void listen(int onPort) throws IOException {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
            port = s.getLocalPort();
            server = s;
            Thread accept = new Thread(() -> {
                while (!s.isClosed()) {
                    try {
                        Socket client = s.accept();
                        Socket upstream = new Socket(host, targetPort);
                        open.add(client);
                        open.add(upstream);
                        pipe(client, upstream);
                        pipe(upstream, client);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "db-proxy-accept");
            accept.setDaemon(true);
            accept.start();
        }

        private void pipe(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // one side closed: close the other
                } finally {
                    close(from);
                    close(to);
                }
            }, "db-proxy-pipe");
            t.setDaemon(true);
            t.start();
        }

        /** Cuts the database off: refuses new connections and breaks the open ones. */
        synchronized void down() {
            close(server);
            open.forEach(Proxy::close);
            open.clear();
        }

        /** Lets connections through again, on the same port. */
        synchronized void up() throws IOException {
            listen(port);
        }

        private static void close(java.io.Closeable c) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
