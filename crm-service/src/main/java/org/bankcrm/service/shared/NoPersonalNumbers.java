package org.bankcrm.service.shared;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.bankcrm.domain.shared.Masking;

/**
 * A text shown in lists to everyone who sees its record (an opportunity's title: the board, My day, dashboards,
 * exports, notifications, the approval inbox) holds no phone, ID, card or account number: what free text would have
 * masked ({@link Masking#inText}) is refused instead, so that no list has to mask it. Such numbers belong in the
 * customer's record, shown by permission, or in a follow-up, masked for those who may not see them.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NoPersonalNumbers.Check.class)
public @interface NoPersonalNumbers {

    String message() default "{validation.personalNumbers}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Valid when masking would leave the text as it is (null included). */
    final class Check implements ConstraintValidator<NoPersonalNumbers, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Masking.inText(value).equals(value);
        }
    }
}
