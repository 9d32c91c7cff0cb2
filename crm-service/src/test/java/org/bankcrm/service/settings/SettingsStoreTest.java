package org.bankcrm.service.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.service.ReadModelFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a settings change rewrites, on PostgreSQL: customers' tiers from the thresholds (the reference data's
 * retail bounds: GOLD from 50,000, PLATINUM from 500,000). Inside the test's transaction, rolled back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(SettingsStore.class)
class SettingsStoreTest {

    @Autowired JdbcClient jdbc;
    @Autowired SettingsStore store;

    @Test
    void customersOfTheTypeTakeTheTierTheirAumReaches() {
        ReadModelFixture fx = new ReadModelFixture(jdbc, "SST");
        long gold = fx.customer("SSTC2");
        jdbc.sql("update customer set aum = 600000 where id = :id").param("id", fx.customerId).update();
        jdbc.sql("update customer set aum = 50000 where id = :id").param("id", gold).update();

        assertThat(store.retier(CustomerType.RETAIL)).isGreaterThanOrEqualTo(2);

        assertThat(tier(fx.customerId)).isEqualTo("PLATINUM");
        assertThat(tier(gold)).isEqualTo("GOLD");
        assertThat(store.retier(CustomerType.CORPORATE)).as("no retail customer among them").isNotNegative();
        assertThat(tier(fx.customerId)).isEqualTo("PLATINUM");
    }

    private String tier(long customer) {
        return jdbc.sql("select tier from customer where id = :id").param("id", customer).query(String.class).single();
    }
}
