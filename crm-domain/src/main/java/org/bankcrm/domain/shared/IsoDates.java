package org.bankcrm.domain.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Dates a client or a file sends are read as ISO 8601 with years 1 to 9999, its four digits. {@code java.time} also
 * reads {@code +999999999-12-31}, and a period ending there, a timestamp made of it or a day counted from it
 * overflowed (500s on the dashboards, coverage, scorecards, the league, alert runs and a follow-up's time); nearer the
 * edge PostgreSQL refused the value. A request's text that should be a date is read by {@link #parse}, which refuses
 * such a date the way {@code LocalDate.parse} refuses a text that is none, so every caller's refusal (a field error in
 * the user's language) covers it ({@code ArchitectureTest} keeps {@code LocalDate.parse} here). Feeds read their
 * dates by hand, four digits for the year ({@code RowCheck}); months ({@code YearMonth}) are read by patterns of four
 * digits and two.
 */
public final class IsoDates {

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private IsoDates() {
    }

    /** {@code 2026-12-06} as a date; anything else, a date outside the years 1 to 9999 included, is refused. */
    public static LocalDate parse(CharSequence text) {
        LocalDate date = LocalDate.parse(text);
        if (!withinYears(date)) {
            throw new DateTimeParseException("A date outside the years 1 to 9999", text, 0);
        }
        return date;
    }

    /** Whether a date or time lies in the years 1 to 9999 (true for what is neither). */
    public static boolean withinYears(Object value) {
        if (value instanceof Instant instant) {
            return !instant.isBefore(FIRST) && !instant.isAfter(LAST);
        }
        if (value instanceof TemporalAccessor t && t.isSupported(ChronoField.YEAR)) {
            int year = t.get(ChronoField.YEAR);
            return year >= 1 && year <= 9999;
        }
        return true;
    }
}
