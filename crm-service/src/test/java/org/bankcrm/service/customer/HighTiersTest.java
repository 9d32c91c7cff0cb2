package org.bankcrm.service.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.bankcrm.domain.customer.Tier;
import org.junit.jupiter.api.Test;

/** The high tiers by default, and a tier's rank from the top of its type. */
class HighTiersTest {

    @Test
    void everyTierButMassAndLongTailIsHighByDefault() {
        assertThat(new HighTiers().tiers()).containsExactlyInAnyOrder(Tier.GOLD, Tier.PLATINUM, Tier.DIAMOND,
                Tier.PRIVATE, Tier.GENERAL, Tier.KEY, Tier.STRATEGIC);
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
