package org.bankcrm.web.incentive;

import java.math.BigDecimal;
import java.util.List;
import org.bankcrm.domain.shared.Decimals;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;

/** Reads a rate or an amount a client typed or sent: a number, or a field error naming it. */
final class RatesInput {

    private RatesInput() {
    }

    /** A JSON value: a number (not a string, not a boolean); null stays null. */
    static BigDecimal json(Object value, String field, String key, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))
                && !(value instanceof Float f && (f.isNaN() || f.isInfinite()))) {
            try {
                return Decimals.parse(n.toString());
            } catch (NumberFormatException e) {
                errors.add(new FieldError(field, key));
                return null;
            }
        }
        errors.add(new FieldError(field, key));
        return null;
    }

    /** A form value: blank is none, else a plain decimal number. */
    static BigDecimal text(String value, String field, String key, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String t = value.strip();
        if (!t.matches("-?\\d{1,12}(\\.\\d{1,12})?")) {
            errors.add(new FieldError(field, key));
            return null;
        }
        return new BigDecimal(t);
    }
}
