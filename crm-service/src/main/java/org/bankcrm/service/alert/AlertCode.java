package org.bankcrm.service.alert;

/**
 * The alert codes an evaluation knows (reference-data.md "Alert codes"), each on one kind of record.
 * {@code COMPLAINT_OVERDUE} is on the complaint's customer: one alert per customer with open overdue complaints (D46).
 */
public enum AlertCode {
    STALLED(RecordKind.OPPORTUNITY),
    OVERDUE_ACTION(RecordKind.OPPORTUNITY),
    CLOSE_DATE_PASSED(RecordKind.OPPORTUNITY),
    UNWORKED_DISCOVERY(RecordKind.OPPORTUNITY),
    CONTACT_OVERDUE(RecordKind.CUSTOMER),
    COMPLAINT_OVERDUE(RecordKind.CUSTOMER);

    /** What an alert is about. */
    public enum RecordKind { OPPORTUNITY, CUSTOMER }

    private final RecordKind recordKind;

    AlertCode(RecordKind recordKind) {
        this.recordKind = recordKind;
    }

    public RecordKind recordKind() {
        return recordKind;
    }

    /** The code named {@code name}, or null when there is none. */
    public static AlertCode parse(String name) {
        for (AlertCode c : values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
