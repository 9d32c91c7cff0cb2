package org.bankcrm.service.settings;

import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.service.customer.TierRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The derived data a settings change rewrites in SQL, in the caller's transaction: customers' tiers after new
 * thresholds (a product's new rate is repriced by re-scoring's task, {@code ScoringStore.reprice}). Like the score,
 * it bumps no row's version, so no one's open form goes stale.
 */
@Component
@RequiredArgsConstructor
class SettingsStore {

    private final JdbcClient jdbc;

    /** Gives every customer of {@code type} the tier its thresholds now say; answers how many rows were written. */
    int retier(CustomerType type) {
        return jdbc.sql("update customer c set tier = t.tier from " + TierRules.BANDS + " t where c.type = :type and "
                        + TierRules.inBand("t", "c.type", TierRules.measure("c")))
                .param("type", type.name()).update();
    }
}
