package org.bankcrm.service.alert;

import java.time.LocalDate;

/**
 * An alert as lists show it, its record as it is now: {@code ownerRm} the record's current owner (username, null
 * when none) and {@code ownerName} their display name; {@code label} the opportunity's title or the customer's name.
 */
public record AlertView(long id, AlertCode code, Long opportunityId, String customerNo, String ownerRm,
                        String ownerName, String label, LocalDate raisedOn, LocalDate escalatedOn,
                        LocalDate resolvedOn, String status) {
}
