package org.bankcrm.service.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.bankcrm.domain.customer.Tier;
import org.bankcrm.service.coverage.ServiceStandardStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The high tiers are the tiers with a service standard, read from the table each time (each test's changes are
 * rolled back), and a tier's rank from the top of its type.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class HighTiersTest {

    @Autowired JdbcClient jdbc;

    private HighTiers highTiers;

    @BeforeEach
    void standards() {
        highTiers = new HighTiers(new ServiceStandardStore(jdbc));
    }

    @Test
    void everyTierButMassAndLongTailIsHighByDefault() {
        assertThat(highTiers.tiers()).containsExactly(Tier.GOLD, Tier.PLATINUM, Tier.DIAMOND, Tier.PRIVATE,
                Tier.GENERAL, Tier.KEY, Tier.STRATEGIC);
    }

    @Test
    void aTierGivenAStandardBecomesHighAndOneLosingItsStandardStopsBeing() {
        jdbc.sql("update service_standard set contact_days = 180, contact_types = '{CALL}' where tier = 'MASS'")
                .update();
        jdbc.sql("update service_standard set contact_days = null, contact_types = '{}' where tier = 'GOLD'").update();

        assertThat(highTiers.tiers()).contains(Tier.MASS).doesNotContain(Tier.GOLD, Tier.LONG_TAIL);
    }

    @Test
    void theTopTierOfEachTypeRanksFirst() {
        assertThat(HighTiers.rankFromTop(Tier.PRIVATE)).isEqualTo(1);
        assertThat(HighTiers.rankFromTop(Tier.STRATEGIC)).isEqualTo(1);
        assertThat(HighTiers.rankFromTop(Tier.DIAMOND)).isEqualTo(2);
        assertThat(HighTiers.rankFromTop(Tier.KEY)).isEqualTo(2);
        assertThat(HighTiers.rankFromTop(Tier.GOLD)).isEqualTo(4);
        assertThat(HighTiers.rankFromTop(Tier.MASS)).isEqualTo(5);
        assertThat(HighTiers.rankFromTop(Tier.LONG_TAIL)).isEqualTo(4);
    }
}
