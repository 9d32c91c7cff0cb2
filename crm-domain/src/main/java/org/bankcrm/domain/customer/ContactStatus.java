package org.bankcrm.domain.customer;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A customer's standing against its tier's service standard (分层服务标准) on a bank day, as the contract defines it:
 * covered on D when the tier has a standard and the last contact is on or after D − contactDays + 1; due on the last
 * contact + contactDays; a customer never contacted is due at once (no due day, no overdue days).
 * {@code CoverageQuery} says the same in SQL for lists and counts; its tests hold the two together.
 *
 * @param contactDays   the tier's standard, null when the tier has none
 * @param lastContactOn the bank day of the last contact of a counting type on or before {@code asOf}, or null
 * @param asOf          the day the standing is taken on
 */
public record ContactStatus(Integer contactDays, LocalDate lastContactOn, LocalDate asOf) {

    /** Whether the tier has a standard at all; without one nothing is covered, due or overdue. */
    public boolean hasStandard() {
        return contactDays != null;
    }

    public boolean covered() {
        return hasStandard() && lastContactOn != null && !lastContactOn.isBefore(asOf.minusDays(contactDays - 1L));
    }

    /** The day the next contact is due; null when never contacted (due at once) or without a standard. */
    public LocalDate dueOn() {
        return hasStandard() && lastContactOn != null ? lastContactOn.plusDays(contactDays) : null;
    }

    /** Days past the due day on {@code asOf}, 0 when not yet due; null when never contacted or without a standard. */
    public Long overdueDays() {
        LocalDate due = dueOn();
        return due == null ? null : Math.max(0, ChronoUnit.DAYS.between(due, asOf));
    }

    /** Never contacted though the tier has a standard. */
    public boolean neverContacted() {
        return hasStandard() && lastContactOn == null;
    }
}
