package org.bankcrm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs after every other test class of crm-web and reads the whole run's application log (written to
 * {@code target/test-run.log}): it must not contain a customer's ID number or phone, a password the tests used,
 * or a live session id (PIPL / JR/T 0171-2020; ASVS 7.1.1).
 */
@CrmWebTest
@Order(Integer.MAX_VALUE)
class LogScanTest {

    private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z+]{8,}");
    private static final List<String> PASSWORDS = List.of(Http.DEMO_PASSWORD, "Lock-Test#2026x", "Session-Test#2026",
            "Tr1cky&Long-Pass");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theLogHoldsNoPersonalDataPasswordsOrSessionIds() throws IOException {
        Path log = Path.of("target/test-run.log");
        assertThat(log).as("the run's log file (logging.file.name)").exists();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(text).as("log size").isNotEmpty();

        Set<String> secrets = new HashSet<>();
        secrets.addAll(jdbc.queryForList("select id_no from customer where id_no is not null and length(id_no) >= 8",
                String.class));
        secrets.addAll(jdbc.queryForList("select regexp_replace(phone, '[^0-9]', '', 'g') from customer"
                + " where phone is not null and length(phone) >= 8", String.class));
        assertThat(secrets).as("there is personal data to look for").hasSizeGreaterThan(100);
        List<String> sessions = jdbc.queryForList("select session_id from spring_session", String.class).stream()
                .map(String::strip).toList();

        List<String> found = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            if (secrets.contains(m.group())) {
                found.add(m.group().substring(0, 4) + "…");
            }
        }
        for (String id : sessions) {
            String cookie = java.util.Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8));
            if (text.contains(id) || text.contains(cookie.replace("=", ""))) {
                found.add("a session id");
            }
        }
        for (String password : PASSWORDS) {
            if (text.contains(password)) {
                found.add("a password");
            }
        }
        assertThat(found).as("secrets in the log").isEmpty();
    }
}
