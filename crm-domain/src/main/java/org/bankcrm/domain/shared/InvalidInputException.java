package org.bankcrm.domain.shared;

import java.util.List;

/** Input that breaks a rule; each error names the field it belongs to (or none for the whole request). */
public class InvalidInputException extends CrmException {

    /**
     * One broken rule: the field (request property name) or {@code null}, and a message key with arguments.
     * Serializable, so that a page can carry it across a redirect in the (database-kept) session.
     */
    public record FieldError(String field, String messageKey, Object... args) implements java.io.Serializable {

        /** The most characters of a field name the client made up (an unknown field) that an error repeats. */
        public static final int NAME_SHOWN = 100;
    }

    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.isEmpty() ? "error.invalid" : errors.getFirst().messageKey(),
                errors.isEmpty() ? new Object[0] : errors.getFirst().args());
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String messageKey, Object... args) {
        this(List.of(new FieldError(field, messageKey, args)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
