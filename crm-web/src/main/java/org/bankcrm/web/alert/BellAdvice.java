package org.bankcrm.web.alert;

import lombok.RequiredArgsConstructor;
import org.bankcrm.service.alert.NotificationService;
import org.bankcrm.service.org.CrmUserDetailsService.CrmUserDetails;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the signed-in user's unread count ({@code unreadCount}) for the bell in the header, counted up
 * to 100 ("99+") over an index (D38); null on the login page.
 */
@ControllerAdvice(annotations = Controller.class)
@RequiredArgsConstructor
class BellAdvice {

    private final NotificationService notifications;

    @ModelAttribute("unreadCount")
    Long unreadCount() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof CrmUserDetails d
                ? notifications.bellCount(d.user()) : null;
    }
}
