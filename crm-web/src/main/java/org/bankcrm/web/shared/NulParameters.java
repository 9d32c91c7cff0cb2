package org.bankcrm.web.shared;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.shared.Texts;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A query or form parameter whose value holds a NUL character (byte 0, {@code %00}) is refused before the handler
 * runs: no record can hold one (PostgreSQL refuses it in text, in a search as in a write), so the answer is a 400
 * naming each such parameter, in the reader's language, and nothing reaches the database. One line in the log, without
 * the value. (A NUL in a parameter's name is refused earlier, by Spring Security's firewall.) Only requests for the
 * product's handlers are checked: a static file or an error page answers as it would. JSON bodies are checked as they
 * are read ({@code JsonConfig}); the sign-in's user name by {@code ThrottledAuthentication}, which runs before any
 * handler.
 */
@Slf4j
public final class NulParameters implements HandlerInterceptor {

    public static final String MESSAGE = "validation.nul";

    @Override
    public boolean preHandle(HttpServletRequest req, HttpServletResponse res, Object handler) {
        if (req.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod)) {
            return true;
        }
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, String[]> p : req.getParameterMap().entrySet()) {
            for (String value : p.getValue()) {
                if (hasNul(value)) {
                    errors.add(new FieldError(Texts.firstCodePoints(p.getKey(), FieldError.NAME_SHOWN), MESSAGE));
                    break;
                }
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
