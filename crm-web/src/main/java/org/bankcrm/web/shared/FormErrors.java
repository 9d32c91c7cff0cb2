package org.bankcrm.web.shared;

import org.bankcrm.domain.shared.InvalidInputException;
import org.springframework.validation.BindingResult;

/** Puts a service's field errors onto the form they came from, so the page shows them beside each field. */
public final class FormErrors {

    private FormErrors() {
    }

    public static void apply(InvalidInputException e, BindingResult binding) {
        for (InvalidInputException.FieldError f : e.errors()) {
            if (f.field() != null && binding.getTarget() != null && hasField(binding, f.field())) {
                binding.rejectValue(f.field(), f.messageKey(), f.args(), f.messageKey());
            } else {
                binding.reject(f.messageKey(), f.args(), f.messageKey());
            }
        }
    }

    private static boolean hasField(BindingResult binding, String field) {
        try {
            return binding.getFieldType(field) != null;
        } catch (RuntimeException ex) {
            return false;
        }
    }
}
