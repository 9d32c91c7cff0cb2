package org.bankcrm.service.shared;

import org.bankcrm.domain.shared.ConflictException;

/**
 * D11's one rule for a change made on what the user read: a form or request carries the version it read, and a
 * version that is no longer the record's is refused ({@code error.stale}, 409) before anything changes.
 */
public final class Versions {

    private Versions() {
    }

    /**
     * Refuses a stale {@code seen} version. {@code null} means the caller sent none: accepted where the contract does
     * not require one (the settings, users and branches); JPA's {@code @Version} still refuses a lost race.
     */
    public static void check(Integer seen, int current) {
        if (seen != null && seen != current) {
            throw new ConflictException("error.stale");
        }
    }
}
