package org.bankcrm.service.incentive;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a version of the incentive rates: the version of a month is created, or replaced when the month already
 * has one (a second change in the same month, D47). Its version number follows the one it replaces in effect.
 */
@Component
@RequiredArgsConstructor
class IncentiveRateStore {

    private final JdbcClient jdbc;

    /** Takes the lock of rate changes for the transaction: two admins' changes are applied one after the other. */
    void lock() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('incentive_rate'))").query().singleValue();
    }

    void write(LocalDate month, Map<String, BigDecimal> rates, BigDecimal referralReward, int version, String by) {
        jdbc.sql("""
                        insert into incentive_rate_version (valid_from, referral_reward, updated_by, version)
                        values (:month, :reward, :by, :version)
                        on conflict (valid_from) do update set referral_reward = excluded.referral_reward,
                            updated_at = now(), updated_by = excluded.updated_by, version = excluded.version""")
                .param("month", month).param("reward", referralReward).param("by", by).param("version", version)
                .update();
        jdbc.sql("delete from incentive_rate where valid_from = :month").param("month", month).update();
        rates.forEach((category, rate) -> jdbc.sql("""
                        insert into incentive_rate (valid_from, category, rate) values (:month, :category, :rate)""")
                .param("month", month).param("category", category).param("rate", rate).update());
    }
}
