package org.bankcrm.web.shared;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import lombok.extern.slf4j.Slf4j;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outermost filter: when the database cannot be reached, whatever failed (Spring Session reading the session,
 * a sign-in, a controller), the user gets a translated 503 written here, directly. Error pages are not rendered
 * through the container's error dispatch, because that dispatch reads the session from the database again.
 */
@Slf4j
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseOutageFilter extends OncePerRequestFilter {

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final JsonMapper json;

    DatabaseOutageFilter(MessageSource messages, LocaleResolver locales, JsonMapper json) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(req, res);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseOutage.is(e) || res.isCommitted()) {
                throw e;
            }
            log.warn("Database unavailable on {} {}", req.getMethod(), req.getRequestURI());
            answer(req, res);
        }
    }

    private void answer(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Locale locale;
        try {
            locale = locales.resolveLocale(req);
        } catch (RuntimeException e) {
            locale = Locale.SIMPLIFIED_CHINESE;
        }
        String title = messages.getMessage("error.title.503", null, "Service unavailable", locale);
        String detail = messages.getMessage("error.unavailable", null, title, locale);
        res.resetBuffer();
        res.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        res.setHeader("Retry-After", "10");
        res.setHeader("Cache-Control", "no-store");
        if (req.getRequestURI().startsWith(req.getContextPath() + "/api/")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("title", title);
            body.put("status", 503);
            body.put("detail", detail);
            res.setContentType("application/problem+json;charset=UTF-8");
            res.getWriter().write(json.writeValueAsString(body));
            return;
        }
        res.setContentType("text/html;charset=UTF-8");
        String lang = locale.getLanguage().equals("en") ? "en" : "zh-CN";
        res.getWriter().write("<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + HtmlUtils.htmlEscape(title) + "</title>"
                + "<link rel=\"stylesheet\" href=\"" + req.getContextPath() + "/webjars/bootstrap/css/bootstrap.min.css\">"
                + "<link rel=\"stylesheet\" href=\"" + req.getContextPath() + "/css/app.css\"></head><body>"
                + "<main class=\"error-page text-center py-5\"><div class=\"display-4 text-muted\">503</div>"
                + "<h1 class=\"h4 mt-2\">" + HtmlUtils.htmlEscape(title) + "</h1><p class=\"text-muted\">"
                + HtmlUtils.htmlEscape(detail) + "</p></main></body></html>");
    }
}
