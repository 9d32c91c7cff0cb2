package org.bankcrm.domain.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TierPolicyTest {

    static List<TierPolicy.Threshold> defaults() {
        return new ArrayList<>(List.of(
                t(Tier.MASS, "0"), t(Tier.GOLD, "50000"), t(Tier.PLATINUM, "500000"), t(Tier.DIAMOND, "2000000"),
                t(Tier.PRIVATE, "6000000"), t(Tier.LONG_TAIL, "0"), t(Tier.GENERAL, "100000"),
                t(Tier.KEY, "1000000"), t(Tier.STRATEGIC, "5000000")));
    }

    static TierPolicy.Threshold t(Tier tier, String bound) {
        return new TierPolicy.Threshold(tier, new BigDecimal(bound));
    }

    private final TierPolicy policy = TierPolicy.of(defaults());

    @ParameterizedTest(name = "retail aum {0} → {1}")
    @CsvSource({"0, MASS", "49999.99, MASS", "50000, GOLD", "50000.00, GOLD", "499999.99, GOLD", "500000, PLATINUM",
            "1999999.99, PLATINUM", "2000000, DIAMOND", "5999999.99, DIAMOND", "6000000, PRIVATE", "99999999, PRIVATE"})
    void retailTierByAumLowerBoundInclusive(String aum, Tier expected) {
        assertThat(policy.tierFor(CustomerType.RETAIL, new BigDecimal(aum), new BigDecimal("99999999")))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "corporate contribution {0} → {1}")
    @CsvSource({"0, LONG_TAIL", "99999.99, LONG_TAIL", "100000, GENERAL", "999999.99, GENERAL", "1000000, KEY",
            "5000000, STRATEGIC"})
    void corporateTierByContribution(String contribution, Tier expected) {
        assertThat(policy.tierFor(CustomerType.CORPORATE, new BigDecimal("99999999"), new BigDecimal(contribution)))
                .isEqualTo(expected);
    }

    @Test
    void nextTierAndTheTop() {
        assertThat(policy.next(Tier.GOLD)).contains(t(Tier.PLATINUM, "500000"));
        assertThat(policy.next(Tier.PRIVATE)).isEmpty();
        assertThat(policy.next(Tier.KEY)).contains(t(Tier.STRATEGIC, "5000000"));
    }

    @Test
    void thresholdsMustStartAtZeroAndRiseStrictly() {
        List<TierPolicy.Threshold> notZero = defaults();
        notZero.set(0, t(Tier.MASS, "1"));
        assertThatThrownBy(() -> TierPolicy.of(notZero)).isInstanceOf(IllegalArgumentException.class);

        List<TierPolicy.Threshold> flat = defaults();
        flat.set(2, t(Tier.PLATINUM, "50000"));
        assertThatThrownBy(() -> TierPolicy.of(flat)).isInstanceOf(IllegalArgumentException.class);

        List<TierPolicy.Threshold> missing = defaults();
        missing.remove(4);
        assertThatThrownBy(() -> TierPolicy.of(missing)).isInstanceOf(IllegalArgumentException.class);
    }
}
