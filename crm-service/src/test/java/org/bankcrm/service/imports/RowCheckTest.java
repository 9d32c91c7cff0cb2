package org.bankcrm.service.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowCheckTest {

    private static RowCheck row(String... values) {
        return new RowCheck(Map.of("a", 0, "b", 1), List.of(values));
    }

    @Test
    void datesAreStrictlyYearMonthDay() {
        assertThat(RowCheck.parseDate("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(RowCheck.parseDate("2023-02-29")).isNull();
        assertThat(RowCheck.parseDate("1990-13-45")).isNull();
        assertThat(RowCheck.parseDate("2026-1-01")).isNull();
        assertThat(RowCheck.parseDate("2026/01/01")).isNull();
        assertThat(RowCheck.parseDate("２０２６-01-01")).isNull();
    }

    @Test
    void amountsArePlainDecimalsWithAtMostTwoDecimals() {
        assertThat(List.of("0", "12.5", "1234567.89", "9999999999999999.99")).allMatch(RowCheck::isAmount);
        assertThat(List.of("", "1,000.00", "12.5.0", "1.234", "1.", ".5", "-5.00", "1e3", "12345678901234567", "１"))
                .noneMatch(RowCheck::isAmount);
    }

    @Test
    void eachBadColumnIsReportedWithItsReason() {
        RowCheck r = row("-5.00", "");
        assertThat(r.amount("a", true)).isNull();
        assertThat(r.amount("b", true)).isNull();
        assertThat(r.problems()).extracting(RowCheck.Problem::key)
                .containsExactly("import.row.negative", "import.row.required");
        RowCheck ok = row(" 100.10 ", "x");
        assertThat(ok.amount("a", true)).isEqualByComparingTo(new BigDecimal("100.10"));
        assertThat(ok.text("missing")).isNull();
        assertThat(ok.ok()).isTrue();
    }
}
