package org.bankcrm.service.demo;

import java.util.List;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo profile's first words once everything is ready (the demo data seeded, the scheduler started): one block
 * with the address to open and the demo users to sign in as. The password is not logged (no password ever is, and
 * {@code LogScanTest} checks it): the block points to the README, which gives it.
 */
@Slf4j
@Component
@Profile("demo")
@RequiredArgsConstructor
public class DemoReadyBanner {

    private final Environment environment;
    private final JdbcClient jdbc;

    /** One demo user as the banner lists them. */
    record DemoUser(String username, String displayName, String role, String branch) {
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        log.info(text());
    }

    /** The block: the login address on this node's port and every enabled user of the demo data, in seed order. */
    public String text() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String path = environment.getProperty("server.servlet.context-path", "");
        List<DemoUser> users = jdbc.sql("""
                        select u.username, u.display_name, u.role, b.code as branch from staff_user u
                        join branch b on b.id = u.branch_id where u.enabled order by u.id limit 12""")
                .query(DemoUser.class).list();
        StringBuilder text = new StringBuilder("\n")
                .append("============================================================\n")
                .append(" Bank CRM (demo) is ready: open http://localhost:").append(port).append(path)
                .append("/login\n")
                .append(" Demo users (password: README.md, \"Demo users\"):\n");
        for (DemoUser u : users) {
            text.append("   %-8s %-12s %-6s %s%n".formatted(u.username(), u.role(), u.branch(), u.displayName()));
        }
        return text.append(" Stop with Ctrl-C.\n")
                .append("============================================================").toString();
    }
}
