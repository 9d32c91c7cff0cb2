package org.bankcrm.domain.complaint;

import java.time.LocalDate;

/**
 * The complaint time limit (reference-data.md "Complaints"): due {@link #TIME_LIMIT_DAYS} bank days (calendar days in
 * Asia/Shanghai) after it was received; overdue on day D while open and its due day is before D (due today is not
 * overdue yet).
 */
public final class ComplaintRules {

    /** Days from {@code receivedOn} to {@code dueOn}. */
    public static final int TIME_LIMIT_DAYS = 15;

    /** The longest complaint text and resolution kept. */
    public static final int TEXT_MAX = 2000;

    private ComplaintRules() {
    }

    public static LocalDate dueOn(LocalDate receivedOn) {
        return receivedOn.plusDays(TIME_LIMIT_DAYS);
    }

    public static boolean overdue(boolean open, LocalDate dueOn, LocalDate today) {
        return open && dueOn.isBefore(today);
    }
}
