package org.bankcrm.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.bankcrm.domain.shared.Period.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeriodTest {

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "MONTH, 2025-03-01, true", "MONTH, 2025-03-05, false", "MONTH, 2025-12-01, true",
            "QUARTER, 2025-01-01, true", "QUARTER, 2025-04-01, true", "QUARTER, 2025-07-01, true",
            "QUARTER, 2025-10-01, true", "QUARTER, 2025-02-01, false", "QUARTER, 2025-12-01, false",
            "MONTH, 1999-12-01, false", "MONTH, 2100-12-01, true", "MONTH, 2101-01-01, false"
    })
    void aPeriodStartsOnTheFirstOfAMonthOrOfAQuarterWithinTheYearsATargetMayHave(Type type, LocalDate day,
                                                                                  boolean valid) {
        assertThat(Period.isValidStart(type, day)).isEqualTo(valid);
    }

    @Test
    void aMonthEndsBeforeTheFirstOfTheNextAndAQuarterThreeMonthsLater() {
        assertThat(new Period(Type.MONTH, LocalDate.of(2024, 2, 1)).lastDay()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(new Period(Type.MONTH, LocalDate.of(2025, 12, 1)).endExclusive())
                .isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(new Period(Type.QUARTER, LocalDate.of(2025, 10, 1)).lastDay())
                .isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(Period.quarterOf(LocalDate.of(2025, 5, 17)))
                .isEqualTo(new Period(Type.QUARTER, LocalDate.of(2025, 4, 1)));
        assertThat(Period.monthOf(LocalDate.of(2025, 5, 17)))
                .isEqualTo(new Period(Type.MONTH, LocalDate.of(2025, 5, 1)));
        assertThatThrownBy(() -> new Period(Type.QUARTER, LocalDate.of(2025, 5, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itsInstantsAreThoseOfTheBankZoneEightHoursAheadOfUtc() {
        Period march = new Period(Type.MONTH, LocalDate.of(2025, 3, 1));
        assertThat(march.startInstant()).isEqualTo(Instant.parse("2025-02-28T16:00:00Z"));
        assertThat(march.endInstant()).isEqualTo(Instant.parse("2025-03-31T16:00:00Z"));
        // 23:30 on 31 March in Shanghai is March; 00:10 on 1 April is not, though both are 31 March in UTC.
        assertThat(march.contains(Instant.parse("2025-03-31T15:30:00Z"))).isTrue();
        assertThat(march.contains(Instant.parse("2025-03-31T16:10:00Z"))).isFalse();
        assertThat(march.contains(Instant.parse("2025-02-28T16:00:00Z"))).isTrue();
    }

    @Test
    void aPeriodOverlapsARangeItSharesADayWith() {
        Period q2 = new Period(Type.QUARTER, LocalDate.of(2025, 4, 1));
        assertThat(q2.overlaps(LocalDate.of(2025, 6, 30), LocalDate.of(2025, 7, 31))).isTrue();
        assertThat(q2.overlaps(LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 31))).isFalse();
        assertThat(q2.overlaps(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 4, 1))).isTrue();
        assertThat(q2.overlaps(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31))).isFalse();
    }

    @Test
    void typesAreParsedByTheirStoredName() {
        assertThat(Period.Type.parse("QUARTER")).isEqualTo(Type.QUARTER);
        assertThat(Period.Type.parse("quarter")).isNull();
        assertThat(Period.Type.parse(null)).isNull();
    }
}
