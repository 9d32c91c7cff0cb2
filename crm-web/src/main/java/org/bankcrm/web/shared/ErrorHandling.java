package org.bankcrm.web.shared;

import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.ForbiddenException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.web.shared.Problems.FieldProblem;
import org.springframework.beans.AbstractNestablePropertyAccessor;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.boot.jackson.autoconfigure.JacksonProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one place that turns failures into answers: {@code problem+json} under {@code /api/}, a translated
 * error page elsewhere. Not found and out of scope look the same (404); a stale version or a forbidden
 * transition is 409; bad input is 400 with the field; anything unexpected is a 500 with an incident id
 * in the log and nothing of the exception in the response.
 */
@Slf4j
@ControllerAdvice
@RequiredArgsConstructor
public class ErrorHandling {

    private final Problems problems;
    private final JacksonProperties jackson;
    private final LayoutModel layout;

    @ExceptionHandler(NotFoundException.class)
    Object notFound(NotFoundException e, HttpServletRequest req, HttpServletResponse res) {
        return answer(req, res, HttpStatus.NOT_FOUND, e.messageKey(), e.args(), List.of());
    }

    @ExceptionHandler(ForbiddenException.class)
    Object forbidden(ForbiddenException e, HttpServletRequest req, HttpServletResponse res) {
        return answer(req, res, HttpStatus.FORBIDDEN, e.messageKey(), e.args(), List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    Object accessDenied(HttpServletRequest req, HttpServletResponse res) {
        return answer(req, res, HttpStatus.FORBIDDEN, "error.forbidden", new Object[0], List.of());
    }

    @ExceptionHandler(ConflictException.class)
    Object conflict(ConflictException e, HttpServletRequest req, HttpServletResponse res) {
        return answer(req, res, HttpStatus.CONFLICT, e.messageKey(), e.args(), List.of());
    }

    @ExceptionHandler({OptimisticLockingFailureException.class, OptimisticLockException.class})
    Object stale(HttpServletRequest req, HttpServletResponse res) {
        return answer(req, res, HttpStatus.CONFLICT, "error.stale", new Object[0], List.of());
    }

    /**
     * A transaction the database chose to end so that another could go on (a deadlock's victim, a lock not had in
     * time): nothing was saved, and the same request again normally succeeds. A 503 with {@code Retry-After}, one
     * line in the log; not an incident.
     */
    @ExceptionHandler(PessimisticLockingFailureException.class)
    Object busy(PessimisticLockingFailureException e, HttpServletRequest req, HttpServletResponse res) {
        log.warn("Transaction ended by the database on {} {} (lock or deadlock): {}", req.getMethod(),
                req.getRequestURI(), rootName(e));
        res.setHeader("Retry-After", "1");
        return answer(req, res, HttpStatus.SERVICE_UNAVAILABLE, "error.busy", new Object[0], List.of());
    }

    /**
     * The firewall checks a header's value when the application first reads it (a non-ASCII {@code Idempotency-Key},
     * say): a 400 naming nothing of the value, which is never logged either.
     */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    Object rejected(HttpServletRequest req, HttpServletResponse res) {
        log.info("Refused a request with a header value the firewall rejects: {} {}", req.getMethod(),
                req.getRequestURI());
        return answer(req, res, HttpStatus.BAD_REQUEST, "error.badHeader", new Object[0], List.of());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    Object integrity(DataIntegrityViolationException e, HttpServletRequest req, HttpServletResponse res) {
        if (isBadValue(e)) {
            // A value the database cannot take (a NUL byte, out of its type's range): the input, not a conflict.
            log.info("Refused input the database cannot take as a value: {}", rootName(e));
            return answer(req, res, HttpStatus.BAD_REQUEST, "error.badCharacters", new Object[0], List.of());
        }
        log.info("Refused a write that breaks a database constraint: {}", rootName(e));
        return answer(req, res, HttpStatus.CONFLICT, "error.constraint", new Object[0], List.of());
    }

    /**
     * The SQLSTATEs of class 22 that only a value from outside can cause: a character the database cannot hold (a
     * NUL), a value too long or out of its type's range, an unreadable number or date, a bad LIKE escape. Others of
     * the class (a division by zero) are the product's own bugs and stay 500s.
     */
    private static final java.util.Set<String> BAD_VALUE_STATES = java.util.Set.of("22021", "22P05", "22001", "22003",
            "22007", "22008", "22P02", "22025", "22019");

    private static boolean isBadValue(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && BAD_VALUE_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(InvalidInputException.class)
    Object invalid(InvalidInputException e, HttpServletRequest req, HttpServletResponse res) {
        List<FieldProblem> errors = e.errors().stream()
                .map(f -> new FieldProblem(f.field(), problems.text(f.messageKey(), f.args(), null)))
                .toList();
        return answer(req, res, HttpStatus.BAD_REQUEST, e.messageKey(), e.args(), errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object unreadable(HttpMessageNotReadableException e, HttpServletRequest req, HttpServletResponse res) {
        if (e.getCause() instanceof StreamConstraintsException) {
            return bodyBeyondLimits(req, res);
        }
        String field = null;
        String message = "validation.typeMismatch";
        if (e.getCause() instanceof JacksonException je && !je.getPath().isEmpty()) {
            field = fieldPath(je.getPath());
            if (je instanceof MismatchedInputException mismatch && isWhole(mismatch.getTargetType())) {
                message = "validation.wholeNumber";
            } else if (je instanceof RefusedValue refused) {
                message = refused.messageKey();   // a value refused as it was read (JsonConfig)
            }
        }
        List<FieldProblem> errors = field == null ? List.of()
                : List.of(new FieldProblem(field, problems.text(message, new Object[0], null)));
        return answer(req, res, HttpStatus.BAD_REQUEST, "error.unreadable", new Object[0], errors);
    }

    /**
     * A JSON body beyond the limits its reader keeps ({@code spring.jackson.factory.constraints.read.*}: its length, a
     * text's, a number's, its nesting), which bound the memory one request can take: 413 saying the limits. Jackson
     * stops reading at the limit, so the rest of the body never reaches memory.
     */
    private Object bodyBeyondLimits(HttpServletRequest req, HttpServletResponse res) {
        var read = jackson.getFactory().getConstraints().getRead();
        log.info("Refused a JSON body beyond the reader's limits: {} {}", req.getMethod(), req.getRequestURI());
        return answer(req, res, HttpStatus.CONTENT_TOO_LARGE, "error.bodyTooLarge",
                new Object[] {read.getMaxDocumentLength() / (1024 * 1024), read.getMaxStringLength(),
                        read.getMaxNameLength(), read.getMaxNumberLength(), read.getMaxNestingDepth()}, List.of());
    }

    /** The field as the client wrote it: {@code amount}, {@code weights.REVENUE}, {@code rules[1]}. */
    static String fieldPath(List<JacksonException.Reference> path) {
        StringBuilder b = new StringBuilder();
        for (JacksonException.Reference r : path) {
            if (r.getPropertyName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? null : b.toString();
    }

    private static boolean isWhole(Class<?> type) {
        return type != null && (type == int.class || type == long.class || type == short.class
                || type == Integer.class || type == Long.class || type == Short.class
                || type == java.math.BigInteger.class);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest req, HttpServletResponse res) {
        return answer(req, res, HttpStatus.BAD_REQUEST, "error.invalid", new Object[0],
                List.of(new FieldProblem(e.getName(), problems.text("validation.typeMismatch", new Object[0], null))));
    }

    @ExceptionHandler(BindException.class)
    Object bind(BindException e, HttpServletRequest req, HttpServletResponse res) {
        List<FieldProblem> errors = e.getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), problems.text("validation.typeMismatch", new Object[0], null)))
                .toList();
        return answer(req, res, HttpStatus.BAD_REQUEST, "error.invalid", new Object[0], errors);
    }

    /**
     * Bad requests without a field to blame; among them a form or filter parameter whose name is a path the form
     * object cannot follow ({@code status.x}, {@code closeFrom.x}, {@code q[0]}): the binder's
     * {@link InvalidPropertyException}.
     */
    @ExceptionHandler({MissingServletRequestParameterException.class, HandlerMethodValidationException.class,
            MultipartException.class, InvalidPropertyException.class})
    Object badRequest(Exception e, HttpServletRequest req, HttpServletResponse res) {
        if (e instanceof MaxUploadSizeExceededException) {
            return answer(req, res, HttpStatus.CONTENT_TOO_LARGE, "error.tooLarge", new Object[0], List.of());
        }
        return answer(req, res, HttpStatus.BAD_REQUEST, "error.invalid", new Object[0], List.of());
    }

    /**
     * A list index in a parameter's name that is no number ({@code quarters[x]}, {@code lines[0].quarters[x]}) or is
     * negative ({@code quarters[-1]}): the binder's property accessor parses it with {@code Integer.parseInt}, or reads
     * the list at it, and lets the exception through, so it is a bad request only when the binder threw it; anywhere
     * else it is the application's fault.
     */
    @ExceptionHandler({NumberFormatException.class, IndexOutOfBoundsException.class})
    Object badIndex(RuntimeException e, HttpServletRequest req, HttpServletResponse res) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().equals(AbstractNestablePropertyAccessor.class.getName())) {
                return badRequest(e, req, res);
            }
        }
        return unexpected(e, req, res);
    }

    /**
     * A query string or form Tomcat cannot read: bytes that are no UTF-8 ({@code ?q=%C3%28}), a broken escape
     * ({@code %ZZ}, a lone {@code %}) or more parameters than its limit. Tomcat 11 throws when the parameters are first
     * read, with the client's name and value in its message. A bad request, logged in one line without either.
     */
    @ExceptionHandler(InvalidParameterException.class)
    Object undecodableParameters(InvalidParameterException e, HttpServletRequest req, HttpServletResponse res) {
        log.info("Refused parameters Tomcat could not read: {} {}", req.getMethod(), req.getRequestURI());
        return answer(req, res, HttpStatus.BAD_REQUEST, "error.invalid", new Object[0], List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object method(HttpServletRequest req, HttpServletResponse res) {
        return answer(req, res, HttpStatus.METHOD_NOT_ALLOWED, "error.method", new Object[0], List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    Object mediaType(HttpServletRequest req, HttpServletResponse res) {
        return answer(req, res, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "error.mediaType", new Object[0], List.of());
    }

    /** The client accepts none of the types the answer comes in; the problem itself still comes as JSON. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    Object notAcceptable(HttpServletRequest req, HttpServletResponse res) {
        return answer(req, res, HttpStatus.NOT_ACCEPTABLE, "error.notAcceptable", new Object[0], List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    Object noResource(HttpServletRequest req, HttpServletResponse res) {
        return answer(req, res, HttpStatus.NOT_FOUND, "error.pageNotFound", new Object[0], List.of());
    }

    @ExceptionHandler(Exception.class)
    Object unexpected(Exception e, HttpServletRequest req, HttpServletResponse res) {
        if (DatabaseOutage.is(e)) {
            log.warn("Database unavailable on {} {}: {}", req.getMethod(), req.getRequestURI(), rootName(e));
            res.setHeader("Retry-After", "10");
            return answer(req, res, HttpStatus.SERVICE_UNAVAILABLE, "error.unavailable", new Object[0], List.of());
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        log.error("Incident {} on {} {}", incident, req.getMethod(), req.getRequestURI(), e);
        return answer(req, res, HttpStatus.INTERNAL_SERVER_ERROR, "error.unexpected", new Object[]{incident},
                List.of());
    }

    private Object answer(HttpServletRequest req, HttpServletResponse res, HttpStatus status, String key,
                          Object[] args, List<FieldProblem> errors) {
        if (Problems.isApi(req)) {
            return problems.of(status, key, args, errors);
        }
        res.setStatus(status.value());
        ModelAndView mav = new ModelAndView(viewFor(status));
        mav.setStatus(status);
        mav.addObject("status", status.value());
        mav.addObject("message", problems.text(key, args, null));
        layout.addTo(req, mav);
        return mav;
    }

    static String viewFor(HttpStatus status) {
        return switch (status.value()) {
            case 403, 404, 409, 503 -> "error/" + status.value();
            default -> status.is5xxServerError() ? "error/5xx" : "error/4xx";
        };
    }

    private static String rootName(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    /** Exposed for the error controller: the same views for errors raised outside controllers. */
    static String viewForStatus(int status) {
        HttpStatus s = HttpStatus.resolve(status);
        return s == null ? "error/4xx" : viewFor(s);
    }

}
