package org.bankcrm.web.shared;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A body whose {@code Content-Type} is a pattern ({@code *}{@code /*}, {@code application/*}) names no type to read
 * it as: 415, like any type the endpoint does not take. Spring's request headers refuse such a type with an
 * {@code IllegalArgumentException} when a body is first read, which reached the catch-all as a 500.
 */
public final class WildcardContentType implements HandlerInterceptor {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @Override
    public boolean preHandle(HttpServletRequest req, HttpServletResponse res, Object handler)
            throws HttpMediaTypeNotSupportedException {
        String type = req.getContentType();
        if (type == null || !WITH_BODY.contains(req.getMethod()) || req.getDispatcherType() != DispatcherType.REQUEST
                || !(handler instanceof HandlerMethod)) {
            return true;
        }
        MediaType media;
        try {
            media = MediaType.parseMediaType(type);
        } catch (InvalidMediaTypeException e) {
            return true;   // Spring answers an unreadable type itself, with 415
        }
        if (media.isWildcardType() || media.isWildcardSubtype()) {
            throw new HttpMediaTypeNotSupportedException("A wildcard Content-Type");
        }
        return true;
    }
}
