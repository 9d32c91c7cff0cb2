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
    void numbersInFreeTextAreMaskedLikeThePhoneAndIdFields() {
        assertThat(Masking.inText("致电13812348000确认")).isEqualTo("致电138****8000确认");
        assertThat(Masking.inText("call 138-1234-8000 or 138 1234 8000")).isEqualTo("call 138****8000 or 138****8000");
        assertThat(Masking.inText("座机 010-62345678")).isEqualTo("座机 010-****5678");
        assertThat(Masking.inText("身份证11010519900101002X复印")).isEqualTo("身份证110105********002X复印");
        assertThat(Masking.inText("卡号 6222021234567890123")).isEqualTo("卡号 622202*********0123");
        // Amounts, dates and short numbers stay as written.
        assertThat(Masking.inText("2025-03-01 送 500000 元方案, 第 3 次")).isEqualTo("2025-03-01 送 500000 元方案, 第 3 次");
        assertThat(Masking.inText(null)).isNull();
    }

    @Test
    void emptyStaysEmpty() {
        assertThat(Masking.idNo(null)).isNull();
        assertThat(Masking.phone("  ")).isNull();
    }
}
