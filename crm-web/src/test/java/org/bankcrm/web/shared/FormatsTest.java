package org.bankcrm.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.bankcrm.service.shared.ClockConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The formatter's rules (D39), on the product's own message bundles, without Spring. */
class FormatsTest {

    private static final Locale ZH = Locale.forLanguageTag("zh-CN");
    private final Formats fmt = new Formats(bundles(),
            Clock.fixed(Instant.parse("2026-12-03T02:00:00Z"), ClockConfig.BANK_ZONE));

    static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasename("messages");
        m.setDefaultEncoding("UTF-8");
        m.setFallbackToSystemLocale(false);
        return m;
    }

    @BeforeEach
    void chinese() {
        LocaleContextHolder.setLocale(ZH);
    }

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void recordAmountsAreFullYuanWithZeroAsZeroAndTheSignInFront() {
        assertThat(fmt.money(d("1234567.891"))).isEqualTo("¥1,234,567.89");
        assertThat(fmt.money(d("1234567.895"))).isEqualTo("¥1,234,567.90");
        assertThat(fmt.money(d("9999"))).isEqualTo("¥9,999.00");
        assertThat(fmt.money(d("10000"))).isEqualTo("¥10,000.00");
        assertThat(fmt.money(BigDecimal.ZERO)).isEqualTo("¥0");
        assertThat(fmt.money(d("0.00"))).isEqualTo("¥0");
        assertThat(fmt.money(d("0.004"))).isEqualTo("¥0");
        assertThat(fmt.money(d("0.005"))).isEqualTo("¥0.01");
        assertThat(fmt.money(d("-1234.5"))).isEqualTo("-¥1,234.50");
        assertThat(fmt.money(null)).isEqualTo("—");
    }

    @Test
    void reportFiguresAreWholeYuanBelowTenThousandThenWanThenYi() {
        assertThat(fmt.wan(BigDecimal.ZERO)).isEqualTo("¥0");
        assertThat(fmt.wan(d("0.4"))).isEqualTo("¥0");
        assertThat(fmt.wan(d("9999"))).isEqualTo("¥9,999");
        assertThat(fmt.wan(d("9999.49"))).isEqualTo("¥9,999");
        // HALF_UP, and the unit is chosen after rounding: never "¥10,000".
        assertThat(fmt.wan(d("9999.5"))).isEqualTo("¥1.00万");
        assertThat(fmt.wan(d("10000"))).isEqualTo("¥1.00万");
        assertThat(fmt.wan(d("12345"))).isEqualTo("¥1.23万");
        assertThat(fmt.wan(d("12350"))).isEqualTo("¥1.24万");
        assertThat(fmt.wan(d("1234567.89"))).isEqualTo("¥123.46万");
        assertThat(fmt.wan(d("99994999"))).isEqualTo("¥9,999.50万");
        assertThat(fmt.wan(d("99999949"))).isEqualTo("¥9,999.99万");
        assertThat(fmt.wan(d("99999950"))).isEqualTo("¥1.00亿");
        assertThat(fmt.wan(d("100000000"))).isEqualTo("¥1.00亿");
        assertThat(fmt.wan(d("123456789012"))).isEqualTo("¥1,234.57亿");
        assertThat(fmt.wan(d("-12345"))).isEqualTo("-¥1.23万");
        assertThat(fmt.wan(d("-9999"))).isEqualTo("-¥9,999");
        assertThat(fmt.wan(null)).isEqualTo("—");
    }

    @Test
    void englishReportFiguresUseThousandsMillionsBillionsFromTheSameBoundary() {
        assertThat(fmt.wan(d("9999"), Locale.ENGLISH)).isEqualTo("¥9,999");
        assertThat(fmt.wan(d("10000"), Locale.ENGLISH)).isEqualTo("¥10.00K");
        assertThat(fmt.wan(d("999995"), Locale.ENGLISH)).isEqualTo("¥1.00M");
        assertThat(fmt.wan(d("1234567890"), Locale.ENGLISH)).isEqualTo("¥1.23B");
        assertThat(fmt.wan(BigDecimal.ZERO, Locale.ENGLISH)).isEqualTo("¥0");
    }

    @Test
    void aChartAxisTakesTheUnitOfItsLargestValue() {
        assertThat(fmt.axisScale(d("9999"), ZH).from()).isEqualByComparingTo("1");
        assertThat(fmt.axisScale(d("9999"), ZH).axisUnit()).isEqualTo("元");
        assertThat(fmt.axisScale(d("500000"), ZH).axisUnit()).isEqualTo("万元");
        assertThat(fmt.axisScale(d("500000"), ZH).from()).isEqualByComparingTo("10000");
        assertThat(fmt.axisScale(d("250000000"), ZH).axisUnit()).isEqualTo("亿元");
        assertThat(fmt.axisScale(null, ZH).axisUnit()).isEqualTo("元");
        assertThat(fmt.axisScale(d("2500000"), Locale.ENGLISH).axisUnit()).isEqualTo("¥ million");
    }

    @Test
    void aCoverageIsAMultipleWithTwoDecimalsAndThousandsSeparators() {
        assertThat(fmt.multiple(d("3.2"))).isEqualTo("3.20×");
        assertThat(fmt.multiple(d("0.125"))).isEqualTo("0.13×");
        assertThat(fmt.multiple(d("6870.6495"))).isEqualTo("6,870.65×");
        assertThat(fmt.multiple(BigDecimal.ZERO)).isEqualTo("0.00×");
        assertThat(fmt.multiple(d("0.0049"))).isEqualTo("<0.01×");
        assertThat(fmt.multiple(d("0.005"))).isEqualTo("0.01×");
        assertThat(fmt.multiple(null)).isEqualTo("—");
    }

    @Test
    void ratesAndProbabilitiesArePercentagesWithOneDecimalHalfUp() {
        assertThat(fmt.percent(d("0.355"))).isEqualTo("35.5%");
        assertThat(fmt.percent(d("0.3555"))).isEqualTo("35.6%");
        assertThat(fmt.percent(d("0.35"))).isEqualTo("35.0%");
        assertThat(fmt.percent(BigDecimal.ZERO)).isEqualTo("0.0%");
        assertThat(fmt.percent(d("-1"))).isEqualTo("-100.0%");
        assertThat(fmt.percent(d("3.8125"))).isEqualTo("381.3%");
        assertThat(fmt.percent(null)).isEqualTo("—");
        assertThat(fmt.points(35)).isEqualTo("35%");
        assertThat(fmt.points(0)).isEqualTo("0%");
        assertThat(fmt.points(d("12.50"))).isEqualTo("12.5%");
        assertThat(fmt.points(d("12.55"))).isEqualTo("12.6%");
        assertThat(fmt.points(null)).isEqualTo("—");
        assertThat(fmt.exactPercent(d("0.00125"))).isEqualTo("0.125%");
        assertThat(fmt.exactPercent(d("0.00800"))).isEqualTo("0.8%");
        assertThat(fmt.exactPercent(d("0.10000"))).isEqualTo("10%");
        assertThat(fmt.exactPercent(BigDecimal.ZERO)).isEqualTo("0%");
        assertThat(fmt.exactPercent(null)).isEqualTo("—");
    }

    @Test
    void countsAndThresholdsHaveSeparators() {
        assertThat(fmt.count(0)).isEqualTo("0");
        assertThat(fmt.count(9999)).isEqualTo("9,999");
        assertThat(fmt.count(217_609L)).isEqualTo("217,609");
        assertThat(fmt.count(-1200)).isEqualTo("-1,200");
        assertThat(fmt.count(null)).isEqualTo("—");
        assertThat(fmt.number(d("1000000.00"))).isEqualTo("1,000,000");
        assertThat(fmt.number(d("0.5"))).isEqualTo("0.5");
        assertThat(fmt.number(d("12345.675"))).isEqualTo("12,345.68");
        assertThat(fmt.number(30)).isEqualTo("30");
        assertThat(fmt.ratio(0.72345)).isEqualTo("0.723");
        assertThat(fmt.ratio(0.4995)).isEqualTo("0.500");
        assertThat(fmt.ratio(null)).isEqualTo("—");
        assertThat(fmt.fieldValue("amount", "120000.00")).isEqualTo("¥120,000.00");
        assertThat(fmt.fieldValue("expectedCloseDate", "2026-12-31")).isEqualTo("2026-12-31");
        assertThat(fmt.fieldValue("amount", null)).isEqualTo("—");
    }

    @Test
    void datesAreIsoAndTimesAreInTheBanksZoneToTheMinute() {
        assertThat(fmt.date(LocalDate.of(2026, 3, 5))).isEqualTo("2026-03-05");
        assertThat(fmt.date(null)).isEqualTo("—");
        // 2026-12-02 23:59:59 UTC is the next morning in Shanghai.
        assertThat(fmt.dateTime(Instant.parse("2026-12-02T23:59:59Z"))).isEqualTo("2026-12-03 07:59");
        assertThat(fmt.dateTime(null)).isEqualTo("—");
        LocalDate today = LocalDate.of(2026, 12, 3);
        assertThat(fmt.relative(today)).isEqualTo("今天");
        assertThat(fmt.relative(today.minusDays(1))).isEqualTo("昨天");
        assertThat(fmt.relative(today.minusDays(3))).isEqualTo("3 天前");
        assertThat(fmt.relative(today.plusDays(2))).isEqualTo("2 天后");
        assertThat(fmt.relative(today.minusDays(3), Locale.ENGLISH)).isEqualTo("3 days ago");
        assertThat(fmt.relative(today.plusDays(1), Locale.ENGLISH)).isEqualTo("in 1 day");
        assertThat(fmt.relative((LocalDate) null)).isEqualTo("—");
        // A moment counts by its day in Shanghai: 00:30 there on the 3rd is today, 23:59 on the 2nd yesterday.
        assertThat(fmt.relative(Instant.parse("2026-12-02T16:30:00Z"))).isEqualTo("今天");
        assertThat(fmt.relative(Instant.parse("2026-12-02T15:59:00Z"))).isEqualTo("昨天");
        assertThat(fmt.relative((Instant) null)).isEqualTo("—");
    }

    @Test
    void anAverageCycleReadsWithOneDecimalAsTheExportWritesIt() {
        var messages = bundles();
        assertThat(messages.getMessage("dashboard.days", new Object[] {d("34.0")}, ZH)).isEqualTo("34.0 天");
        assertThat(messages.getMessage("dashboard.days", new Object[] {d("0.0")}, ZH)).isEqualTo("0.0 天");
        assertThat(messages.getMessage("dashboard.days", new Object[] {d("1234.5")}, Locale.ENGLISH))
                .isEqualTo("1,234.5 days");
    }
}
