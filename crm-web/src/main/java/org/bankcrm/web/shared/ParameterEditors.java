package org.bankcrm.web.shared;

import java.beans.PropertyEditorSupport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.bankcrm.domain.shared.Decimals;
import org.bankcrm.domain.shared.IsoDates;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * How every binder reads query and form parameters that are dates or decimals (editors registered once, for all
 * controllers). Dates by {@link IsoDates} (years 1 to 9999 only), whatever format annotation the parameter carries;
 * decimals by {@link Decimals} (at most {@value Decimals#MAX_DIGITS} digits either side of the point). A value outside
 * is refused like any unreadable value, 400 naming the field. JSON bodies are read the same way by
 * {@code JsonConfig}; texts the services or controllers read themselves by {@link IsoDates#parse} and
 * {@link Decimals#parse}.
 */
@ControllerAdvice
public class ParameterEditors {

    @InitBinder
    void datesAndDecimals(WebDataBinder binder) {
        binder.registerCustomEditor(LocalDate.class, new LocalDateEditor());
        binder.registerCustomEditor(BigDecimal.class, new DecimalEditor());
    }

    /** A decimal number or nothing, within {@link Decimals#withinDigits}. */
    static final class DecimalEditor extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            if (text == null || text.isBlank()) {
                setValue(null);
                return;
            }
            setValue(Decimals.parse(text.strip()));   // a NumberFormatException is an unreadable value, as Spring's
        }

        @Override
        public String getAsText() {
            return getValue() instanceof BigDecimal d ? d.toPlainString() : "";
        }
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
