package org.bankcrm.service.audit;

import java.time.Duration;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes to the audit log that JPA does not do: the purge of old entries. The log refuses every other delete
 * (a trigger in V1); the purge turns the switch on for its own transaction only.
 */
@Component
@RequiredArgsConstructor
public class AuditStore {

    private final JdbcClient jdbc;

    /** Deletes the entries older than {@code keep}, in the caller's transaction; answers how many went. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int purgeOlderThan(Duration keep) {
        jdbc.sql("set local crm.audit_purge = 'on'").update();
        return jdbc.sql("delete from audit_log where at < now() - make_interval(secs => :keep)")
                .param("keep", (double) keep.toSeconds()).update();
    }
}
