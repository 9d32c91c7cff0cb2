package org.bankcrm.web.alert;

import java.time.Instant;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.alert.NotificationService;
import org.bankcrm.service.alert.NotificationView;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own notifications: list, unread count, mark read (one or all). */
@RestController
@RequestMapping("/api/v1/notifications")
@RequiredArgsConstructor
class NotificationApiController {

    /**
     * A notification as the contract has it; {@code link} null when the reader may no longer open the record
     * ({@code recordVisible} false).
     */
    record NotificationJson(long id, String kind, Long alertId, String title, String link, Instant createdAt,
                            Instant readAt, boolean recordVisible) {
    }

    private final NotificationService notifications;
    private final NotificationText text;

    @GetMapping
    Paged<NotificationJson> list(CurrentUser user, @RequestParam(required = false) String unread,
                                 @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        Paged<NotificationView> p = notifications.list(user, unread, page, size);
        return p.map(this::json);
    }

    @GetMapping("/unread-count")
    Map<String, Long> unreadCount(CurrentUser user) {
        return Map.of("count", notifications.unreadCount(user));
    }

    @PostMapping("/{id}/read")
    NotificationJson read(CurrentUser user, @PathVariable long id) {
        return json(notifications.markRead(user, id));
    }

    @PostMapping("/read-all")
    Map<String, Integer> readAll(CurrentUser user) {
        return Map.of("marked", notifications.markAllRead(user));
    }

    private NotificationJson json(NotificationView n) {
        return new NotificationJson(n.id(), n.kind(), n.alertId(), text.title(n), n.visible() ? n.link() : null,
                n.createdAt(), n.readAt(), n.visible());
    }
}
