package org.bankcrm.service.alert;

import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.PageRequestParams;
import org.bankcrm.service.shared.Paged;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The caller's own notifications: every user has them, whatever their role; nobody reads another's. */
@Service
@RequiredArgsConstructor
public class NotificationService {

    private final NotificationStore store;

    /** What the bell shows past its figure: "99+". */
    public static final int BELL_CAP = 100;

    /**
     * The bell's count: the exact unread count up to {@link #BELL_CAP}, which then reads as "99+" (a count that
     * stops there reads at most that many index entries on every page).
     */
    public long bellCount(CurrentUser user) {
        // One statement on every page, asked after the page's handler (LayoutModel), so no transaction: one round
        // trip in autocommit instead of a BEGIN, the count and a COMMIT (D71).
        return store.unreadUpTo(user.id(), BELL_CAP);
    }

    @Transactional(readOnly = true)
    public long unreadCount(CurrentUser user) {
        return store.unreadCount(user.id());
    }

    /**
     * The caller's unread notifications of open alerts in their scope, by code, most first: an evaluation notifies
     * once per record (D38), so eighty overdue contacts are eighty notifications, and the notification centre sums
     * them up before the list.
     */
    @Transactional(readOnly = true)
    public List<NotificationStore.UnreadAlerts> unreadAlerts(CurrentUser user) {
        return store.unreadOpenAlerts(user.id(), user.scope());
    }

    /** {@code unread}: "true", "false" or blank for all; anything else is refused. */
    @Transactional(readOnly = true)
    public Paged<NotificationView> list(CurrentUser user, String unread, Integer page, Integer size) {
        Boolean u = null;
        if (unread != null && !unread.isBlank()) {
            if (!unread.equals("true") && !unread.equals("false")) {
                throw new InvalidInputException("unread", "notification.unread.invalid", unread);
            }
            u = Boolean.valueOf(unread);
        }
        PageRequest p = PageRequestParams.of(page, size, 20, Sort.unsorted());
        return store.list(user.id(), user.scope(), u, p.getPageNumber(), p.getPageSize());
    }

    @Transactional(readOnly = true)
    public NotificationView get(CurrentUser user, long id) {
        return store.find(user.id(), user.scope(), id)
                .orElseThrow(() -> new NotFoundException("notification.notFound", String.valueOf(id)));
    }

    /** Marks one of the caller's notifications read and answers it; another's is not found. */
    @Transactional
    public NotificationView markRead(CurrentUser user, long id) {
        if (!store.markRead(user.id(), id)) {
            throw new NotFoundException("notification.notFound", String.valueOf(id));
        }
        return get(user, id);
    }

    @Transactional
    public int markAllRead(CurrentUser user) {
        return store.markAllRead(user.id());
    }
}
