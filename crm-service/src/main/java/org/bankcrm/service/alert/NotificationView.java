package org.bankcrm.service.alert;

import java.time.Instant;
import java.util.List;

/**
 * A notification as its reader gets it: the title as a message key with its arguments (rendered in the reader's
 * language by the web layer) or a stored text; {@code visible} whether the reader may still open the record the
 * link names (decided now, in their scope).
 */
public record NotificationView(long id, String kind, Long alertId, String titleKey, List<String> titleArgs,
                               String titleText, String link, Instant createdAt, Instant readAt, boolean visible) {

    public boolean unread() {
        return readAt == null;
    }
}
