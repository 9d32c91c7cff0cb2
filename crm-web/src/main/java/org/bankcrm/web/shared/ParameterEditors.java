package org.bankcrm.web.shared;

import java.beans.PropertyEditorSupport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
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
        binder.registerCustomEditor(LocalDate.class, new Editor<>(LocalDate.class, ParameterEditors::date,
                date -> date.format(DateTimeFormatter.ISO_LOCAL_DATE)));
        binder.registerCustomEditor(BigDecimal.class, new Editor<>(BigDecimal.class, Decimals::parse,
                BigDecimal::toPlainString));
    }

    /** An ISO date ({@code 2026-12-06}) as the format annotations read it, within the years above. */
    private static LocalDate date(String text) {
        try {
            return IsoDates.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not an ISO date in the years 1 to 9999");
        }
    }

    /**
     * A value read from its text, or nothing when the text is blank; what it cannot read is an
     * {@link IllegalArgumentException} (a {@code NumberFormatException} is one), which Spring answers as an
     * unreadable value.
     */
    static final class Editor<T> extends PropertyEditorSupport {

        private final Class<T> type;
        private final Function<String, T> parse;
        private final Function<T, String> print;

        Editor(Class<T> type, Function<String, T> parse, Function<T, String> print) {
            this.type = type;
            this.parse = parse;
            this.print = print;
        }

        @Override
        public void setAsText(String text) {
            setValue(text == null || text.isBlank() ? null : parse.apply(text.strip()));
        }

        @Override
        public String getAsText() {
            return type.isInstance(getValue()) ? print.apply(type.cast(getValue())) : "";
        }
    }
}
