package org.bankcrm.web.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 {@code application/problem+json} answers with translated titles and details. Nothing
 * from an exception's message or stack ever reaches the body: only message keys the product wrote.
 */
@Component
@RequiredArgsConstructor
public class Problems {

    /** One invalid field, as the contract has it. */
    public record FieldProblem(String field, String message) {
    }

    private final MessageSource messages;
    private final LocaleResolver localeResolver;
    private final JsonMapper json;

    public ResponseEntity<ProblemDetail> of(HttpStatus status, String detailKey, Object[] args,
                                            List<FieldProblem> errors) {
        ProblemDetail body = ProblemDetail.forStatus(status);
        body.setTitle(text("problem.title." + status.value(), new Object[0], status.getReasonPhrase()));
        body.setDetail(text(detailKey, args, null));
        body.setType(URI.create("about:blank"));
        if (errors != null && !errors.isEmpty()) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("errors", errors);
            body.setProperties(props);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /**
     * A problem+json body for an answer written outside Spring MVC (Tomcat's own refusals): the status, its title and
     * a detail (a 400 is a request line or path Tomcat cannot take), in the language the request asks for.
     */
    public String json(HttpServletRequest request, HttpStatus status) {
        Locale locale = localeResolver.resolveLocale(request);
        String detail = switch (status) {
            case BAD_REQUEST -> "error.badPath";
            case NOT_IMPLEMENTED -> "error.notImplemented";   // CONNECT, a transfer coding Tomcat does not know
            case HTTP_VERSION_NOT_SUPPORTED -> "error.httpVersion";
            default -> status.is4xxClientError() ? "error.invalid" : "error.title.5xx";
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", messages.getMessage("problem.title." + status.value(), null, status.getReasonPhrase(),
                locale));
        body.put("status", status.value());
        body.put("detail", messages.getMessage(detail, null, status.getReasonPhrase(), locale));
        return json.writeValueAsString(body);
    }

    public String text(String key, Object[] args, String fallback) {
        Locale locale = locale();
        String resolved = messages.getMessage(key, args, null, locale);
        if (resolved == null) {
            resolved = fallback != null ? fallback : messages.getMessage("error.invalid", null, "?", locale);
        }
        return resolved;
    }

    /**
     * The request's language by the product's own rule (cookie, else the default), also for answers written
     * by security filters before Spring MVC has set the locale.
     */
    private Locale locale() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            return localeResolver.resolveLocale(attrs.getRequest());
        }
        return LocaleContextHolder.getLocale();
    }

    public static boolean isApi(HttpServletRequest request) {
        String uri = (String) request.getAttribute("jakarta.servlet.error.request_uri");
        if (uri == null) {
            uri = request.getRequestURI();
        }
        String context = request.getContextPath();
        return uri != null && uri.startsWith(context + "/api/");
    }
}
