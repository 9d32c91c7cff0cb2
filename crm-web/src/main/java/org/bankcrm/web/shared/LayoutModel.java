package org.bankcrm.web.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.service.alert.NotificationService;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.SmartView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * What the layout shows, added to a page's model just before it is rendered: the signed-in user ({@code me}, null on
 * the login page), the navigation's entry the page belongs to ({@code currentNav}), the user's navigation bar with
 * that entry marked ({@code nav}, {@link Navigation}), the bell's unread count
 * ({@code unreadCount}, counted up to 100 over an index, D38) and the query its language links keep
 * ({@code langQuery}). Only for views that render: API answers, downloads and
 * redirects get none of it, so they neither count the bell nor pay for the model (D62). A value the handler set
 * itself is kept. Error pages get it from {@link #addTo}.
 */
@Slf4j
@Component
@RequiredArgsConstructor
public class LayoutModel implements HandlerInterceptor {

    private final NotificationService notifications;
    private final MessageSource messages;

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           ModelAndView mav) {
        if (mav != null && renders(mav)) {
            addTo(request, mav);
        }
    }

    /**
     * Adds the layout's model to {@code mav}. {@link ErrorHandling} calls it for its error pages, as Spring runs no
     * {@link #postHandle} after a handler's exception (the container's {@code /error} is a handler and gets it from
     * {@link #postHandle}): a 4xx page (bad input, not found, forbidden, a conflict) is a page of the product, with
     * its navigation, so the user can go on or sign out from it; a 5xx page stays bare, querying nothing that may be
     * what failed.
     */
    public void addTo(HttpServletRequest request, ModelAndView mav) {
        if (mav.getStatus() != null && mav.getStatus().is5xxServerError()) {
            return;
        }
        Map<String, Object> model = mav.getModel();
        CurrentUser me = CurrentUserResolver.signedIn();
        model.putIfAbsent("me", me);
        model.putIfAbsent("currentNav",
                Navigation.section(request.getRequestURI().substring(request.getContextPath().length())));
        if (me != null) {
            Locale locale = RequestContextUtils.getLocale(request);
            model.putIfAbsent("nav", Navigation.bar(me.role(), (String) model.get("currentNav"), messages, locale));
        }
        model.putIfAbsent("langQuery", withoutLang(request.getQueryString()));
        // A fragment (htmx swaps a part of the page) has no header, so no bell: the bell's own fragment sets its count.
        if (me != null && !isFragment(mav) && !model.containsKey("unreadCount")) {
            model.put("unreadCount", bell(me, mav));
        }
    }

    /**
     * The bell's count. On an error page a count that fails leaves the bell without a figure (it polls again) rather
     * than turn the page's 4xx into a 500.
     */
    private Long bell(CurrentUser me, ModelAndView mav) {
        try {
            return notifications.bellCount(me);
        } catch (DataAccessException e) {
            if (mav.getStatus() == null) {
                throw e;
            }
            log.warn("The bell could not be counted for an error page: {}", e.getClass().getSimpleName());
            return null;
        }
    }

    private static boolean renders(ModelAndView mav) {
        if (mav.getView() instanceof SmartView view && view.isRedirectView()) {
            return false;
        }
        String name = mav.getViewName();
        return name == null || !(name.startsWith("redirect:") || name.startsWith("forward:"));
    }

    private static boolean isFragment(ModelAndView mav) {
        return mav.getViewName() != null && mav.getViewName().contains("::");
    }

    /**
     * The page's query without its {@code lang} parameter, as sent (still encoded): the language links keep the
     * page's filters and search ({@code ?q=李&lang=en}).
     */
    static String withoutLang(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        return Arrays.stream(query.split("&")).filter(p -> !p.isEmpty() && !p.equals("lang") && !p.startsWith("lang="))
                .collect(Collectors.joining("&"));
    }
}
