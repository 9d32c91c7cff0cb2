package org.bankcrm.domain.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of the opportunity list page or one card of the board: what the list shows, and the version a card's move
 * is sent with (D78). The JSON API, the customer page's list and the opportunity's own page read the whole
 * {@link OpportunityRow}.
 *
 * @param ownerName the owner's display name, null for an unassigned opportunity
 * @param score     null until the opportunity is scored (as {@code band})
 */
public record OpportunityBrief(
        long id,
        String title,
        String customerName,
        String productCode,
        Stage stage,
        BigDecimal amount,
        LocalDate expectedCloseDate,
        String ownerName,
        BigDecimal score,
        String band,
        int version) {
}
