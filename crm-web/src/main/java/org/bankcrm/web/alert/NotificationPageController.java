package org.bankcrm.web.alert;

import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.alert.NotificationService;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The notification centre: the caller's notifications, unread first, each linking to its record unless the
 * reader may no longer see it (the page says so instead of a link to a 404); marked read one by one or all at
 * once (and by the evaluation that resolves their alert). The bell's fragment is what htmx polls to keep the
 * header's count current.
 */
@Controller
@RequestMapping("/notifications")
@RequiredArgsConstructor
class NotificationPageController {

    private final NotificationService notifications;

    @GetMapping
    String page(CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
        try {
            model.addAttribute("notifications", notifications.list(user, null, page, 20));
        } catch (InvalidInputException e) {
            model.addAttribute("notifications", notifications.list(user, null, 0, 20));
        }
        model.addAttribute("unreadAlerts", notifications.unreadAlerts(user));
        model.addAttribute("mayOpenAlerts", AccessPolicy.mayWorkOnRecords(user));
        return "notifications/list";
    }

    /** The bell alone, for htmx's polling. */
    @GetMapping("/bell")
    String bell(CurrentUser user, Model model) {
        model.addAttribute("unreadCount", notifications.bellCount(user));
        return "fragments/bell :: bell";
    }

    @PostMapping("/{id}/read")
    String read(CurrentUser user, @PathVariable long id) {
        notifications.markRead(user, id);
        return "redirect:/notifications";
    }

    @PostMapping("/read-all")
    String readAll(CurrentUser user, RedirectAttributes redirect) {
        notifications.markAllRead(user);
        redirect.addFlashAttribute("flash", "notification.allRead");
        return "redirect:/notifications";
    }
}
