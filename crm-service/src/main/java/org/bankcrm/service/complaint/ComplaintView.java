package org.bankcrm.service.complaint;

import java.time.LocalDate;
import org.bankcrm.domain.complaint.ComplaintCategory;

/**
 * A complaint as read, its texts already masked ({@code Masking.inText}). {@code ownerRm} is the customer's owner now
 * (null: unowned, the heads of its branch handle it); for a referrer who registered it, {@code ownerRm},
 * {@code ownerName} and {@code resolution} are null (a referrer sees what they registered, no more).
 *
 * @param customerName the customer's name, masked ({@code Masking.name}) for a referrer
 */
public record ComplaintView(long id, String customerNo, String customerName, ComplaintCategory category, String text,
                            String status, LocalDate receivedOn, LocalDate dueOn, LocalDate resolvedOn,
                            String resolution, String ownerRm, String ownerName, String registeredBy,
                            String registeredByName, boolean overdue, int version) {

    public boolean open() {
        return "OPEN".equals(status);
    }
}
