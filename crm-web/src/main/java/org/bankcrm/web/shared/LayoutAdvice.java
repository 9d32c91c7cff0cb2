package org.bankcrm.web.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.bankcrm.service.org.CrmUserDetailsService.CrmUserDetails;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the signed-in user ({@code me}) for the navigation, null on the login page, and which of the
 * navigation's entries the page belongs to ({@code currentNav}), which the navigation marks as the current page.
 */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    /** The navigation's entries; a page belongs to the longest one its path starts with. */
    static final List<String> NAV = List.of("/customers", "/opportunities", "/opportunities/board", "/visits",
            "/dashboard", "/coverage", "/campaigns", "/alerts", "/segments", "/customers/unowned", "/handover",
            "/tiers/migration", "/tiers/structure", "/referrals", "/admin/branches", "/admin/users", "/admin/scoring",
            "/admin/discovery", "/admin/settings", "/admin/service-standards", "/admin/alerts", "/admin/imports",
            "/admin/audit", "/incentives", "/scorecards", "/admin/incentive-rates", "/approvals",
            "/admin/approval-rules");

    @ModelAttribute("currentNav")
    String currentNav(HttpServletRequest request) {
        return section(request.getRequestURI().substring(request.getContextPath().length()));
    }

    static String section(String path) {
        if (path.isEmpty() || "/".equals(path)) {
            return "/";
        }
        return NAV.stream().filter(p -> path.equals(p) || path.startsWith(p + "/"))
                .max(Comparator.comparingInt(String::length)).orElse(null);
    }

    @ModelAttribute("me")
    CurrentUser me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof CrmUserDetails d ? d.user() : null;
    }
}
