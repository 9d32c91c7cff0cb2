package org.bankcrm.domain.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A month or a quarter of bank days, the period of a target: it starts on the first day of a month (of January,
 * April, July or October for a quarter) and ends before the first day of the next one. Its instants are those of
 * the bank's zone, Asia/Shanghai: a deal closed at 23:30 Beijing time on the last day belongs to it.
 *
 * @param type  month or quarter
 * @param start its first day
 */
public record Period(Type type, LocalDate start) {

    /** The bank's zone, in which a day, and so a period, begins and ends. */
    public static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");

    /** The earliest and latest years a period may start in. */
    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2100;

    /** How long a period is. */
    public enum Type {
        MONTH(1), QUARTER(3);

        private final int months;

        Type(int months) {
            this.months = months;
        }

        public int months() {
            return months;
        }

        /** The type named {@code name} (as stored), or null when there is none. */
        public static Type parse(String name) {
            for (Type t : values()) {
                if (t.name().equals(name)) {
                    return t;
                }
            }
            return null;
        }
    }

    public Period {
        if (type == null || !isStart(type, start)) {
            throw new IllegalArgumentException("not the start of a " + type + ": " + start);
        }
    }

    /** Whether {@code day} may start a period of {@code type}: the first of a month (of a quarter's first month). */
    public static boolean isStart(Type type, LocalDate day) {
        return day != null && day.getDayOfMonth() == 1
                && (type != Type.QUARTER || (day.getMonthValue() - 1) % 3 == 0);
    }

    /** Whether a period may start on {@code day} at all: a start of its type, within the years a target may have. */
    public static boolean isValidStart(Type type, LocalDate day) {
        return isStart(type, day) && day.getYear() >= FIRST_YEAR && day.getYear() <= LAST_YEAR;
    }

    /** The month {@code day} falls in. */
    public static Period monthOf(LocalDate day) {
        return new Period(Type.MONTH, day.withDayOfMonth(1));
    }

    /** The quarter {@code day} falls in. */
    public static Period quarterOf(LocalDate day) {
        return new Period(Type.QUARTER, day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1));
    }

    /** The first day after the period. */
    public LocalDate endExclusive() {
        return start.plusMonths(type.months());
    }

    /** The last day of the period. */
    public LocalDate lastDay() {
        return endExclusive().minusDays(1);
    }

    /** The first instant of the period in the bank's zone. */
    public Instant startInstant() {
        return start.atStartOfDay(BANK_ZONE).toInstant();
    }

    /** The first instant after the period in the bank's zone. */
    public Instant endInstant() {
        return endExclusive().atStartOfDay(BANK_ZONE).toInstant();
    }

    /** Whether {@code instant} falls within the period. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(startInstant()) && instant.isBefore(endInstant());
    }

    /** Whether the period shares a day with [from, to], both ends inclusive. */
    public boolean overlaps(LocalDate from, LocalDate to) {
        return !start.isAfter(to) && endExclusive().isAfter(from);
    }
}
