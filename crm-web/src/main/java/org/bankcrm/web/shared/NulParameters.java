package org.bankcrm.web.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.shared.InvalidInputException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A query or form parameter holding a NUL character (byte 0, {@code %00}) is refused before any handler runs: no
 * record can hold one (PostgreSQL refuses it in text, in a search as in a write), so the answer is a 400 naming each
 * such parameter, in the reader's language, and nothing reaches the database. One line in the log, without the
 * value. JSON bodies are checked as they are read ({@code JsonConfig}); the sign-in's user name by
 * {@code ThrottledAuthentication}, which runs before any handler.
 */
@Slf4j
public final class NulParameters implements HandlerInterceptor {

    public static final String MESSAGE = "validation.nul";

    @Override
    public boolean preHandle(HttpServletRequest req, HttpServletResponse res, Object handler) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, String[]> p : req.getParameterMap().entrySet()) {
            boolean nul = hasNul(p.getKey());
            for (String value : p.getValue()) {
                nul |= hasNul(value);
            }
            if (nul) {
                errors.add(new InvalidInputException.FieldError(p.getKey().replace('\0', '\uFFFD'), MESSAGE));
            }
        }
        if (errors.isEmpty()) {
            return true;
        }
        log.info("Refused parameters holding a NUL character: {} {}", req.getMethod(), req.getRequestURI());
        throw new InvalidInputException(errors);
    }

    /** Whether the text holds a NUL character, which no stored text can. */
    public static boolean hasNul(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }
}
