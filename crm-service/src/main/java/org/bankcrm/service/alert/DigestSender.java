package org.bankcrm.service.alert;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Jobs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.annotation.Transactional;

/**
 * The e-mail digest (D38): one mail per user with unread notifications, an address and the digest on, in their
 * language, listing the newest unread ones. Off unless SMTP is configured ({@code spring.mail.host}). Sending is
 * always a task of the job mechanism (the nightly one, or one an admin asks for), never inside a request; a mail
 * that fails is tried again ({@code crm.digest.attempts}) and then logged as an error naming the user, whose
 * notifications stay unread and so are in the next digest.
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DigestSender.DigestProperties.class)
public class DigestSender {

    static final TaskDescriptor<Void> SEND = TaskDescriptor.of("digest-send");

    /** Lines a digest lists; the count says how many more there are. */
    static final int LINES = 30;

    /**
     * The digest's settings ({@code crm.digest.*}).
     *
     * @param from     the sender's address
     * @param baseUrl  the address the links in the mail start with
     * @param attempts tries per mail before it is logged as failed
     * @param backoff  the wait before the second try (doubled for each next one)
     */
    @ConfigurationProperties("crm.digest")
    public record DigestProperties(@DefaultValue("crm@localhost") String from,
                                   @DefaultValue("http://localhost:8080") String baseUrl,
                                   @DefaultValue("3") int attempts,
                                   @DefaultValue("PT2S") Duration backoff) {
    }

    /** What a digest round did. */
    public record Outcome(int sent, int failed) {
    }

    private final DigestStore store;
    private final ObjectProvider<JavaMailSender> mail;
    private final MessageSource messages;
    private final DigestProperties props;
    private final Jobs jobs;
    private final AuditLog audit;
    private final NotificationStore notifications;

    public DigestSender(DigestStore store, ObjectProvider<JavaMailSender> mail, MessageSource messages,
                        DigestProperties props, Jobs jobs, AuditLog audit, NotificationStore notifications) {
        this.notifications = notifications;
        this.store = store;
        this.mail = mail;
        this.messages = messages;
        this.props = props;
        this.jobs = jobs;
        this.audit = audit;
    }

    /**
     * The digest an admin asks for, only on a node with SMTP: a node without it does not know the task, and the job
     * mechanism leaves an execution of a task a node does not know to the nodes that do (where it would have logged
     * "not sent" and dropped the request). All nodes of one installation share their settings; the tests run several
     * applications on one database, and a digest asked of one must be sent by it.
     */
    @Bean
    @ConditionalOnProperty(prefix = "spring.mail", name = "host")
    OneTimeTask<Void> digestSendTask() {
        return Tasks.oneTime(SEND).execute((instance, context) -> sendAll());
    }

    @Bean
    com.github.kagkarlsson.scheduler.task.helper.RecurringTask<Void> digestMorningTask(
            AlertJobs.AlertProperties alertProps) {
        return org.bankcrm.service.shared.NightlyJobs.nightly("digest-morning", alertProps.digestCron(), () -> {
            if (configured()) {
                sendAll();
            }
        });
    }

    /** Whether SMTP is configured at all. */
    public boolean configured() {
        return mail.getIfAvailable() != null;
    }

    /** Asks for a digest round now (ADMIN), on the job mechanism; refused when SMTP is not configured. */
    @Transactional
    public void requestNow(CurrentUser user) {
        AccessPolicy.requireAdmin(user);
        if (!configured()) {
            throw new ConflictException("digest.mail.off");
        }
        jobs.start(SEND, "now-" + System.nanoTime(), null);
        audit.record(user.username(), "DIGEST_SENT", "notification", null, "requested");
    }

    /** Sends every digest due now; a user's failure does not stop the others. */
    public Outcome sendAll() {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            log.warn("Digest not sent: no SMTP server is configured (spring.mail.host).");
            return new Outcome(0, 0);
        }
        int sent = 0;
        int failed = 0;
        for (DigestStore.Recipient r : store.recipients()) {
            if (sendOne(sender, r)) {
                sent++;
            } else {
                failed++;
            }
        }
        if (failed > 0) {
            log.error("Digest: {} sent, {} failed after {} tries each (their notifications stay unread).", sent,
                    failed, props.attempts());
        } else {
            log.info("Digest: {} sent.", sent);
        }
        return new Outcome(sent, failed);
    }

    private boolean sendOne(JavaMailSender sender, DigestStore.Recipient r) {
        SimpleMailMessage message = message(r);
        Duration wait = props.backoff();
        for (int attempt = 1; attempt <= props.attempts(); attempt++) {
            try {
                sender.send(message);
                return true;
            } catch (MailException e) {
                if (attempt == props.attempts()) {
                    log.error("Digest to {} failed after {} tries", r.username(), attempt, e);
                    return false;
                }
                log.warn("Digest to {} failed (try {} of {}): {}; trying again", r.username(), attempt,
                        props.attempts(), e.getMessage());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    log.error("Digest to {} not sent: interrupted", r.username());
                    return false;
                }
                wait = wait.multipliedBy(2);
            }
        }
        return false;
    }

    SimpleMailMessage message(DigestStore.Recipient r) {
        Locale locale = "en".equals(r.language()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
        // Read as the recipient reads the notification page: in their scope now, a record they may no longer see
        // neither named nor linked.
        List<NotificationView> lines = notifications.list(r.id(), r.user().scope(), true, 0, LINES).items();
        StringBuilder body = new StringBuilder();
        body.append(text("digest.greeting", locale, r.displayName())).append("\n\n");
        for (NotificationView l : lines) {
            String title = l.titleText() != null ? l.titleText()
                    : text(l.titleKey(), locale, l.titleArgs().toArray());
            body.append("- ").append(title);
            if (l.link() != null && l.visible()) {
                body.append("\n  ").append(props.baseUrl()).append(l.link());
            }
            body.append('\n');
        }
        if (r.unread() > lines.size()) {
            body.append(text("digest.more", locale, r.unread() - lines.size())).append('\n');
        }
        body.append('\n').append(text("digest.footer", locale, props.baseUrl() + "/notifications",
                props.baseUrl() + "/profile"));
        SimpleMailMessage m = new SimpleMailMessage();
        m.setFrom(props.from());
        m.setTo(r.email());
        m.setSubject(text("digest.subject", locale, r.unread()));
        m.setText(body.toString());
        return m;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
