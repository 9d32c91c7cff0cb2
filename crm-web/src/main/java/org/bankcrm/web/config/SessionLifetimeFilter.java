package org.bankcrm.web.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import org.bankcrm.service.security.SecuritySettings;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session once it is older than {@link SecuritySettings#absoluteSessionTimeout()} (12 hours unless set),
 * however active it has been (ASVS 3.3.2); the idle timeout is Spring Session's own. It runs after Spring Session
 * has loaded the session and before Spring Security reads it, so the request goes on as anonymous: a page asks to
 * sign in again, the API answers 401.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1)
class SessionLifetimeFilter extends OncePerRequestFilter {

    private final SecuritySettings settings;
    private final Clock clock;

    SessionLifetimeFilter(SecuritySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null
                && clock.millis() - session.getCreationTime() > settings.absoluteSessionTimeout().toMillis()) {
            session.invalidate();
        }
        chain.doFilter(request, response);
    }
}
