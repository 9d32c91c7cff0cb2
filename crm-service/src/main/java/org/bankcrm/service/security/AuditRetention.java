package org.bankcrm.service.security;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.service.audit.AuditStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes audit entries older than the retention ({@code crm.security.audit-retention}, 183 days unless set),
 * nightly on one node. The log refuses every other delete (a trigger in V1); this transaction alone turns the
 * purge switch on, for itself ({@link AuditStore#purgeOlderThan}).
 */
@Slf4j
@Component
@RequiredArgsConstructor
public class AuditRetention {

    private final AuditStore store;
    private final SecuritySettings settings;

    /** The nightly purge: a recurring task of the job mechanism ({@link AuditRetentionJob}). */
    @Transactional
    public void nightly() {
        purgeNow();
    }

    /** Purges now, in the caller's transaction or a new one; answers how many entries went. */
    @Transactional
    public int purge() {
        return purgeNow();
    }

    private int purgeNow() {
        int n = store.purgeOlderThan(settings.auditRetention());
        if (n > 0) {
            log.info("Audit retention: {} entries older than {} days deleted", n, settings.auditRetention().toDays());
        }
        return n;
    }
}
