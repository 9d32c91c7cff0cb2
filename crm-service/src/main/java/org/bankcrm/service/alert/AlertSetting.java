package org.bankcrm.service.alert;

/**
 * One code's settings. {@code days}: the threshold in bank days (STALLED: null follows the pipeline's stalled
 * days; OVERDUE_ACTION, CLOSE_DATE_PASSED, CONTACT_OVERDUE,
 * COMPLAINT_OVERDUE: days of grace past the due day; UNWORKED_DISCOVERY:
 * days since created). An alert still open {@code escalateAfterDays} after it was raised is escalated once.
 */
public record AlertSetting(AlertCode code, boolean enabled, Integer days, int escalateAfterDays, int version) {
}
