package org.bankcrm.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void figuresOfABankAreReadAndExponentsBeyondThemAreNot() {
        for (String ok : new String[] {"0", "0.00", "9999999999999999.99", "0.00001", "1e15",
                "5.000000000000000000000000000", "123456789012345678901234567890", "-42.5", "1E-30"}) {
            assertThat(Decimals.parse(ok)).as(ok).isEqualByComparingTo(new BigDecimal(ok));
        }
        for (String bad : new String[] {"1e999999999", "1e-999999999", "0e-999999999", "0E+999999999",
                "1234567890123456789012345678901", "1E-31", "1e31", "abc", ""}) {
            assertThatThrownBy(() -> Decimals.parse(bad)).as(bad).isInstanceOf(NumberFormatException.class);
        }
        assertThat(Decimals.withinDigits(null)).isTrue();
    }
}
