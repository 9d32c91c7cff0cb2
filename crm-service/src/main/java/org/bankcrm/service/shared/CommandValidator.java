package org.bankcrm.service.shared;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Checks a service command's Bean Validation constraints and turns violations into an
 * {@link InvalidInputException}: the field's name and a message key with arguments, translated only when
 * shown. Pages and the API both hand commands to services, so this is the one place input rules run.
 * <p>
 * A constraint's message must be a key in braces ({@code "{validation.required}"}); its arguments are
 * the constraint's bounds, in the order {@link #ARGUMENTS} gives.
 */
@Component
@RequiredArgsConstructor
public class CommandValidator {

    private static final List<String> ARGUMENTS = List.of("min", "max", "integer", "fraction", "value");

    private final Validator validator;

    public void check(Object command) {
        List<InvalidInputException.FieldError> errors = errors(command);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** The violations as field errors, for services that add their own checks before refusing. */
    public List<InvalidInputException.FieldError> errors(Object command) {
        Set<ConstraintViolation<Object>> violations = validator.validate(command);
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> errors.add(new InvalidInputException.FieldError(field(v.getPropertyPath()),
                        key(v.getMessageTemplate()), args(v.getConstraintDescriptor().getAttributes()))));
        return errors;
    }

    private static String field(Path path) {
        String last = null;
        for (Path.Node node : path) {
            last = node.getName();
        }
        return last;
    }

    private static String key(String template) {
        return template.startsWith("{") && template.endsWith("}") ? template.substring(1, template.length() - 1)
                : "validation.invalid";
    }

    private static Object[] args(Map<String, Object> attributes) {
        return ARGUMENTS.stream().filter(attributes::containsKey).map(attributes::get).toArray();
    }
}
