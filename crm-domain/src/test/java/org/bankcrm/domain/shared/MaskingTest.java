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
    void freeTextMasksCountryCodesGroupedNumbersAndGroupedLandlines() {
        assertThat(Masking.inText("客户手机 +86 138 1234 8000")).isEqualTo("客户手机 +86 138****8000");
        assertThat(Masking.inText("+8613812348000")).isEqualTo("+86138****8000");
        assertThat(Masking.inText("(+86)138-1234-8000")).isEqualTo("(+86)138****8000");
        assertThat(Masking.inText("0086 13812348000")).isEqualTo("0086 138****8000");
        assertThat(Masking.inText("总机 010-1234-5678 转 8")).isEqualTo("总机 010-****5678 转 8");
        assertThat(Masking.inText("0755 8888 9999")).isEqualTo("0755-****9999");
        assertThat(Masking.inText("卡号 6222 0212 3456 7890 123")).isEqualTo("卡号 622202*********0123");
        assertThat(Masking.inText("身份证 110105 19900101 002X")).isEqualTo("身份证 110105********002X");
        assertThat(Masking.inText("账号 6217-0000-1234-5678")).isEqualTo("账号 621700******5678");
        // Dates, amounts and short grouped numbers stay as written.
        assertThat(Masking.inText("2026-12-03 2026-12-04 见面")).isEqualTo("2026-12-03 2026-12-04 见面");
        assertThat(Masking.inText("额度 1 000 000 元, 编号 123-456-789")).isEqualTo("额度 1 000 000 元, 编号 123-456-789");
    }

    /** Landlines as they are usually written in China, and mobiles split by slashes or underscores (a prober's). */
    @Test
    void bracketedAreaCodesCountryCodedLandlinesAndSlashedMobilesAreMasked() {
        assertThat(Masking.inText("x (010)62345678 y")).isEqualTo("x (010)****5678 y");
        assertThat(Masking.inText("(010) 6234 5678")).isEqualTo("(010)****5678");
        assertThat(Masking.inText("（010）6234-5678")).isEqualTo("(010)****5678");
        assertThat(Masking.inText("(0755)88889999")).isEqualTo("(0755)****9999");
        assertThat(Masking.inText("010.62345678")).isEqualTo("010-****5678");
        assertThat(Masking.inText("+86-10-62345678")).isEqualTo("+86 10-****5678");
        assertThat(Masking.inText("+86 10 6234 5678")).isEqualTo("+86 10-****5678");
        assertThat(Masking.inText("86-10-62345678")).isEqualTo("86 10-****5678");
        assertThat(Masking.inText("139/1234/5678 或 139_1234_5678")).isEqualTo("139****5678 或 139****5678");
        // dates and amounts with the same marks stay as written
        assertThat(Masking.inText("2026/12/06 (3) 1/2 份, 010.5 万, 86-10 名")).isEqualTo(
                "2026/12/06 (3) 1/2 份, 010.5 万, 86-10 名");
    }

    /** What a prober wrote to get numbers past the mask (and past a title's check, which refuses what it masks). */
    @Test
    void lettersOddDigitsAndOddSeparatorsDoNotHideANumber() {
        assertThat(Masking.inText("tel13912345678")).isEqualTo("tel139****5678");
        assertThat(Masking.inText("ID110105199001010021")).isEqualTo("ID110105********0021");
        assertThat(Masking.inText("card6222021234567890123")).isEqualTo("card622202*********0123");
        assertThat(Masking.inText("13912345678abc")).isEqualTo("139****5678abc");
        assertThat(Masking.inText("手机１３９１２３４５６７８")).isEqualTo("手机139****5678");
        assertThat(Masking.inText("139.1234.5678")).isEqualTo("139****5678");
        assertThat(Masking.inText("1391 234 5678")).isEqualTo("139****5678");
        assertThat(Masking.inText("1391-2345-678")).isEqualTo("139****5678");
        assertThat(Masking.inText("电话:139 - 1234 - 5678")).isEqualTo("电话:139****5678");
        assertThat(Masking.inText("139\u00A01234\u00A05678")).isEqualTo("139****5678");
        assertThat(Masking.inText("139\u200B1234\u200B5678")).isEqualTo("139****5678");
        assertThat(Masking.inText("110105.19900101.0021")).isEqualTo("110105********0021");
        // the text around a number stays character for character, odd spaces included
        assertThat(Masking.inText("约\u00A0３点，额度 1 000 000 元")).isEqualTo("约\u00A0３点，额度 1 000 000 元");
        assertThat(Masking.inText("2026.12.06 与 2026-12-07")).isEqualTo("2026.12.06 与 2026-12-07");
    }

    @Test
    void aPersonsNameIsMaskedAndACompanysShownAndAnUnknownTypeCountsAsAPerson() {
        assertThat(Masking.customerName("王小明", "RETAIL")).isEqualTo("王**");
        assertThat(Masking.customerName("华信科技有限公司", "CORPORATE")).isEqualTo("华信科技有限公司");
        assertThat(Masking.customerName("王小明", null)).isEqualTo("王**");
        assertThat(Masking.customerNameIn("王小明 · 定期存款", "王小明", "RETAIL")).isEqualTo("王** · 定期存款");
        assertThat(Masking.customerNameIn("华信科技 · 代发工资", "华信科技", "CORPORATE")).isEqualTo("华信科技 · 代发工资");
    }

    @Test
    void emptyStaysEmpty() {
        assertThat(Masking.idNo(null)).isNull();
        assertThat(Masking.phone("  ")).isNull();
    }
}
