package org.bankcrm.web.shared;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that happen outside a controller (a filter, the container) end here: {@code problem+json} for
 * the API, a translated page otherwise; never Boot's default body with its exception details.
 */
@Controller
@RequiredArgsConstructor
public class CrmErrorController implements ErrorController {

    private final Problems problems;

    @RequestMapping("/error")
    Object error(HttpServletRequest req, HttpServletResponse res) {
        Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : res.getStatus();
        HttpStatus resolved = HttpStatus.resolve(status);
        if (resolved == null || status < 400) {
            resolved = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (DatabaseOutage.is(req.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
            resolved = HttpStatus.SERVICE_UNAVAILABLE;   // e.g. the session filter could not reach the database
        }
        if (resolved == HttpStatus.SERVICE_UNAVAILABLE) {
            res.setHeader("Retry-After", "10");
        }
        String key = switch (resolved.value()) {
            case 401 -> "error.unauthenticated";
            case 403 -> "error.forbidden";
            case 404 -> "error.pageNotFound";
            case 405 -> "error.method";
            case 413 -> "error.tooLarge";
            case 503 -> "error.unavailable";
            default -> resolved.is5xxServerError() ? "error.unexpected" : "error.invalid";
        };
        Object[] args = resolved.is5xxServerError() && resolved != HttpStatus.SERVICE_UNAVAILABLE ? new Object[]{"-"}
                : new Object[0];
        if (Problems.isApi(req)) {
            return problems.of(resolved, key, args, List.of());
        }
        ModelAndView mav = new ModelAndView(ErrorHandling.viewForStatus(resolved.value()));
        mav.setStatus(resolved);
        mav.addObject("status", resolved.value());
        mav.addObject("message", problems.text(key, args, null));
        return mav;     // the layout's model comes from LayoutModel.postHandle: /error is a handler
    }
}
