package org.bankcrm.service.audit;

import java.time.Clock;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.audit.AuditEntry;
import org.bankcrm.domain.audit.AuditRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends to the audit log in the caller's transaction, so an audited change and its audit line commit
 * or roll back together. Details never carry passwords, ID numbers or phone numbers.
 */
@Service
@RequiredArgsConstructor
public class AuditLog {

    private final AuditRepository entries;
    private final Clock clock;

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String actor, String action, String entityType, String entityId, String detail) {
        entries.save(new AuditEntry(clock.instant(), actor, action, entityType, entityId, detail, null));
    }

    /**
     * For a refusal that the business transaction rolls back (an attempt on a record out of scope): the entry is kept
     * in a transaction of its own.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordRefusal(String actor, String action, String entityType, String entityId, String detail) {
        entries.save(new AuditEntry(clock.instant(), actor, action, entityType, entityId, detail, null));
    }

    /** For events outside a business transaction (logins, failures), in a transaction of their own. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordStandalone(String actor, String action, String detail, String clientIp) {
        entries.save(new AuditEntry(clock.instant(), actor, action, null, null, detail, clientIp));
    }
}
