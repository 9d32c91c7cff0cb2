package org.bankcrm.web.shared;

import java.beans.PropertyEditorSupport;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.bankcrm.domain.shared.IsoDates;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Query and form parameters that are dates are read by {@link IsoDates} (years 1 to 9999 only), whatever format
 * annotation the parameter carries: an editor every binder uses. A date outside is refused like any unreadable value,
 * 400 naming the field. JSON bodies are read the same way by {@code JsonConfig}; texts the services read as dates by
 * {@link IsoDates#parse} itself.
 */
@ControllerAdvice
public class DateInput {

    @InitBinder
    void datesWithinYears(WebDataBinder binder) {
        binder.registerCustomEditor(LocalDate.class, new LocalDateEditor());
    }

    /** An ISO date ({@code 2026-12-06}) or nothing; as the format annotations read it, within the years above. */
    static final class LocalDateEditor extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            if (text == null || text.isBlank()) {
                setValue(null);
                return;
            }
            try {
                setValue(IsoDates.parse(text.strip()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Not an ISO date in the years 1 to 9999");
            }
        }

        @Override
        public String getAsText() {
            return getValue() instanceof LocalDate date ? date.format(DateTimeFormatter.ISO_LOCAL_DATE) : "";
        }
    }
}
