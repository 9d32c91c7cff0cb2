package org.bankcrm.web.alert;

import lombok.RequiredArgsConstructor;
import org.bankcrm.service.alert.NotificationView;
import org.bankcrm.web.shared.Problems;
import org.springframework.stereotype.Component;

/** A notification's title in the reader's language (its key and arguments), or the text stored with it. */
@Component("notificationText")
@RequiredArgsConstructor
public class NotificationText {

    private final Problems problems;

    public String title(NotificationView n) {
        if (n.titleText() != null) {
            return n.titleText();
        }
        return problems.text(n.titleKey(), n.titleArgs().toArray(), n.titleKey());
    }
}
