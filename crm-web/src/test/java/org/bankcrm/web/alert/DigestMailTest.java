package org.bankcrm.web.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.awaitility.Awaitility;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The e-mail digest through a real SMTP server in this JVM (GreenMail on a free port): the application, with
 * {@code spring.mail.host} pointing at it, sends one mail per user with unread notifications and an address, in the
 * user's language, counting their unread notifications; a user who switched the digest off gets none. With the
 * server down, a mail is tried again, logged as failed, and its notifications are in the next digest. This class
 * has a context of its own (the mail settings); every other web test runs with mail off.
 */
@CrmWebTest
class DigestMailTest {

    static GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final int PORT;

    static {
        smtp.start();
        PORT = smtp.getSmtp().getPort();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
        registry.add("crm.digest.base-url", () -> "https://crm.example.test");
        registry.add("crm.digest.backoff", () -> "PT0.2S");
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void oneMailPerUserInTheirLanguageWithTheirUnreadCount() throws Exception {
        AlertFixture f = new AlertFixture(jdbc);
        String zh = f.rmA + "@bank.example.test";
        String en = f.rmB + "@bank.example.test";
        String off = f.rmY + "@bank.example.test";
        jdbc.update("update staff_user set email = ? where username = ?", zh, f.rmA);
        jdbc.update("update staff_user set email = ?, language = 'en' where username = ?", en, f.rmB);
        jdbc.update("update staff_user set email = ?, digest_enabled = false where username = ?", off, f.rmY);
        f.opportunity(f.p + " 摘要一", f.rmA, f.branchX, "2026-05-01T10:00");
        f.opportunity(f.p + " 摘要二", f.rmA, f.branchX, "2026-05-01T10:00");
        f.opportunity(f.p + " Digest", f.rmB, f.branchX1, "2026-05-01T10:00");
        f.opportunity(f.p + " 关闭", f.rmY, f.branchY, "2026-05-01T10:00");
        Http.Response run = Http.basic(port, "admin").postJson("/api/v1/alerts/runs", Map.of("asOf", "2026-06-16"));
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        long unreadA = unread(f.rmA);
        long unreadB = unread(f.rmB);
        assertThat(unreadA).isGreaterThanOrEqualTo(2);

        Http.Response sent = Http.basic(port, "admin").postJson("/api/v1/admin/digests", Map.of());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        assertThat(smtp.waitForIncomingEmail(20_000, 2)).isTrue();

        MimeMessage toA = to(zh);
        assertThat(toA.getSubject()).isEqualTo("银行 CRM：您有 " + unreadA + " 条未读通知");
        String bodyA = (String) toA.getContent();
        assertThat(bodyA).startsWith("预警测试甲，您好").contains("商机停滞：" + f.p + " 摘要一")
                .contains("https://crm.example.test/opportunities/");
        MimeMessage toB = to(en);
        assertThat(toB.getSubject()).isEqualTo("Bank CRM: you have " + unreadB + " unread notifications");
        assertThat((String) toB.getContent()).contains("Stalled opportunity: " + f.p + " Digest");
        assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(off))).isEmpty();

        // The server goes down: each mail is tried three times, then logged as failed; nothing is marked sent.
        Path log = Path.of("target/test-run.log");
        long rounds = failedRounds(log);
        smtp.stop();
        assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/digests", Map.of()).status()).isEqualTo(202);
        // The round ends (its summary line) before the server comes back.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> failedRounds(log) > rounds);
        assertThat(Files.readString(log, StandardCharsets.UTF_8))
                .contains("Digest to " + f.rmA + " failed after 3 tries");
        assertThat(unread(f.rmA)).isEqualTo(unreadA);
        // Back up: the next digest lists the same unread notifications.
        smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/digests", Map.of()).status()).isEqualTo(202);
        assertThat(smtp.waitForIncomingEmail(20_000, 2)).isTrue();
        assertThat(to(zh).getSubject()).isEqualTo("银行 CRM：您有 " + unreadA + " 条未读通知");
    }

    /** How many digest rounds the log says ended with failures (the log is appended to across runs). */
    private static long failedRounds(Path log) throws java.io.IOException {
        return Files.readString(log, StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("failed after 3 tries each")).count();
    }

    private long unread(String username) {
        return jdbc.queryForObject("select count(*) from notification n join staff_user u on u.id = n.user_id"
                + " where u.username = ? and n.read_at is null", Long.class, username);
    }

    private static MimeMessage to(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError("no mail to " + address));
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
