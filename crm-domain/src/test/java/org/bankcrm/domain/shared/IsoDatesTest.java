package org.bankcrm.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class IsoDatesTest {

    @Test
    void fourDigitYearsAreDates() {
        assertThat(IsoDates.parse("2026-12-06")).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(IsoDates.parse("0001-01-01")).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(IsoDates.parse("9999-12-31")).isEqualTo(LocalDate.of(9999, 12, 31));
    }

    @Test
    void whatJavaTimeReadsBeyondThemIsRefusedLikeAnyUnreadableText() {
        for (String text : new String[] {"+999999999-12-31", "-999999999-01-01", "+10000-01-01", "0000-12-31",
                "2026-02-30", "2026-1-1", ""}) {
            assertThatThrownBy(() -> IsoDates.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void timesAreCheckedByTheirInstantOrTheirYear() {
        assertThat(IsoDates.withinYears(Instant.parse("9999-12-31T23:59:59Z"))).isTrue();
        assertThat(IsoDates.withinYears(Instant.parse("+10000-01-01T00:00:00Z"))).isFalse();
        assertThat(IsoDates.withinYears(Instant.parse("0000-12-31T23:59:59Z"))).isFalse();
        assertThat(IsoDates.withinYears(OffsetDateTime.parse("-999999999-01-01T00:00:00Z"))).isFalse();
        assertThat(IsoDates.withinYears(OffsetDateTime.parse("2026-12-06T08:00:00+08:00"))).isTrue();
        assertThat(IsoDates.withinYears("not a date")).isTrue();
    }
}
