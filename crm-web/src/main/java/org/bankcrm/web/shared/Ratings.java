package org.bankcrm.web.shared;

/**
 * A customer's rating of a contact (satisfaction 1–5, D46) as a form's optional select sends it. The field is text, so
 * that "x" is the service's field error rather than the binder's: blank is none; a whole number as typed (the service
 * checks 1–5); anything else 0, which the service refuses the same way.
 */
public final class Ratings {

    private Ratings() {
    }

    public static Integer of(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        return v.matches("[0-9]{1,2}") ? Integer.valueOf(v) : 0;
    }
}
