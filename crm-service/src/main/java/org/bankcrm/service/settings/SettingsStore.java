package org.bankcrm.service.settings;

import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.service.customer.TierRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The derived data a settings change rewrites in SQL, in the caller's transaction: customers' tiers after new
 * thresholds (a product's new rate is repriced by re-scoring's task, {@code ScoringStore.reprice}). Like the score,
 * it bumps no row's version, so no one's open form goes stale. And the locks that make a section's rules hold for the
 * section as saved, not only for each row.
 */
@Component
@RequiredArgsConstructor
class SettingsStore {

    private final JdbcClient jdbc;

    /**
     * Locks the rows of a section whose rule spans them (the tiers' rising bounds, the revenue scale's floor below
     * its ceiling, at least one lost reason on) until the caller's transaction ends, before they are read: two admins
     * each changing a different row of it are checked one after the other, so that neither saves a combination
     * nobody checked (each row's version alone guards only the rows it changes).
     */
    void lock(Section section) {
        jdbc.sql(section.lock).query().listOfRows();
    }

    /** The sections whose rule spans rows, each with the statement that locks its rows. */
    enum Section {
        TIERS("select 1 from tier_threshold for update"),
        LOST_REASONS("select 1 from lost_reason for update"),
        REVENUE_SCALE("select 1 from app_setting where key in ('" + SettingsService.FLOOR + "', '"
                + SettingsService.CEILING + "') for update");

        private final String lock;

        Section(String lock) {
            this.lock = lock;
        }
    }

    /** Gives every customer of {@code type} the tier its thresholds now say; answers how many rows were written. */
    int retier(CustomerType type) {
        return jdbc.sql("update customer c set tier = t.tier from " + TierRules.BANDS + " t where c.type = :type and "
                        + TierRules.inBand("t", "c.type", TierRules.measure("c")))
                .param("type", type.name()).update();
    }
}
