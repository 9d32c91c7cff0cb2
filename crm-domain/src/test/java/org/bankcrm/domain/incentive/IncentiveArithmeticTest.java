package org.bankcrm.domain.incentive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncentiveArithmeticTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void revenueIsRoundedHalfUpToTheCent() {
        // 1,000.50 × 0.005 = 5.0025 → 5.00; 1,001.00 × 0.005 = 5.005 → 5.01 (half up, not half even).
        assertThat(IncentiveArithmetic.revenue(d("1000.50"), d("0.005"))).isEqualByComparingTo("5.00");
        assertThat(IncentiveArithmetic.revenue(d("1001.00"), d("0.005"))).isEqualByComparingTo("5.01");
        assertThat(IncentiveArithmetic.revenue(d("1001.00"), d("0.005")).scale()).isEqualTo(2);
        assertThat(IncentiveArithmetic.revenue(d("50000.00"), d("0"))).isEqualByComparingTo("0.00");
    }

    @Test
    void amountIsRoundedOnceFromTheRoundedRevenue() {
        // 0.10 × 100 ÷ 100 × 0.05 = 0.005 → 0.01 (half up); 0.30 × 0.05 = 0.015 → 0.02.
        assertThat(IncentiveArithmetic.amount(d("0.10"), 100, d("0.05"))).isEqualByComparingTo("0.01");
        assertThat(IncentiveArithmetic.amount(d("0.30"), 100, d("0.05"))).isEqualByComparingTo("0.02");
        // 1,234.56 × 0.08 = 98.7648 → 98.76
        assertThat(IncentiveArithmetic.amount(d("1234.56"), 100, d("0.08"))).isEqualByComparingTo("98.76");
    }

    @Test
    void aTeamSplitCreditsEachMemberTheirShareRoundedPerLine() {
        // revenue 100.25, WEALTH 0.08: 60% → 100.25 × 60 ÷ 100 × 0.08 = 4.812 → 4.81; 40% → 3.208 → 3.21.
        BigDecimal revenue = d("100.25");
        assertThat(IncentiveArithmetic.amount(revenue, 60, d("0.08"))).isEqualByComparingTo("4.81");
        assertThat(IncentiveArithmetic.amount(revenue, 40, d("0.08"))).isEqualByComparingTo("3.21");
        assertThat(IncentiveArithmetic.amount(revenue, 100, d("0.08"))).isEqualByComparingTo("8.02");
        // 0.125 × 50 ÷ 100 ... each half of 6.25 × 0.10 = 0.3125 → 0.31; a 0 share earns nothing.
        assertThat(IncentiveArithmetic.amount(d("6.25"), 50, d("0.10"))).isEqualByComparingTo("0.31");
        assertThat(IncentiveArithmetic.amount(d("6.25"), 0, d("0.10"))).isEqualByComparingTo("0.00");
    }

    @Test
    void aShareOutsideZeroToHundredIsAProgrammingError() {
        assertThatThrownBy(() -> IncentiveArithmetic.amount(d("1"), 101, d("0.1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IncentiveArithmetic.amount(d("1"), -1, d("0.1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSumAddsRoundedAmounts() {
        assertThat(IncentiveArithmetic.sum(List.of(d("0.01"), d("4.81"), d("50.00"))))
                .isEqualByComparingTo("54.82");
        assertThat(IncentiveArithmetic.sum(List.of())).isEqualByComparingTo("0.00");
    }
}
