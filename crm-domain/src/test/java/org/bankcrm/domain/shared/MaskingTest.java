package org.bankcrm.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void idNumberKeepsRegionPrefixAndLastFour() {
        assertThat(Masking.idNo("11010519900101002X")).isEqualTo("110105********002X");
        assertThat(Masking.idNo("91330100MA00000000")).isEqualTo("913301********0000");
    }

    @Test
    void phoneKeepsThreeAndFour() {
        assertThat(Masking.phone("13812348000")).isEqualTo("138****8000");
    }

    @Test
    void shortValuesStillHideAllButTheLastCharacter() {
        assertThat(Masking.phone("12345")).isEqualTo("****5");
        assertThat(Masking.idNo("7")).isEqualTo("*");
    }

    @Test
    void emptyStaysEmpty() {
        assertThat(Masking.idNo(null)).isNull();
        assertThat(Masking.phone("  ")).isNull();
    }
}
