package org.bankcrm.service.settings;

import java.math.BigDecimal;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.service.customer.TierRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The derived data a settings change rewrites in SQL, in the caller's transaction: customers' tiers after new
 * thresholds, open opportunities' expected revenue after a new product rate. Like the score, neither bumps a
 * row's version, so no one's open form goes stale.
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

    /**
     * Gives the open opportunities of product {@code code} their expected revenue at {@code rate}: rounded half up to
     * the fen as Product.expectedRevenue does (amounts are never negative).
     */
    void repriceOpen(String code, BigDecimal rate) {
        jdbc.sql("""
                        update opportunity set expected_revenue = round(amount * :rate, 2)
                        where product_code = :code and status = 'OPEN'
                          and expected_revenue is distinct from round(amount * :rate, 2)""")
                .param("rate", rate).param("code", code).update();
    }
}
