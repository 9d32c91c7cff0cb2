package org.bankcrm.web.customer;

import java.time.LocalDate;
import lombok.Data;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.service.opportunity.FollowUpService.NewFollowUp;
import org.bankcrm.web.shared.Ratings;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The customer page's quick contact: a visit now by default, a summary, and optionally what comes next and the
 * customer's rating of the contact.
 */
@Data
class CustomerFollowUpForm {
    private FollowUpType type = FollowUpType.VISIT;
    private String summary;
    private String outcome;
    private String nextAction;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate nextActionDate;
    /** The customer's rating 1–5 from the optional select ({@link Ratings}). */
    private String satisfaction;

    NewFollowUp toCommand() {
        return new NewFollowUp(type, null, summary, outcome, nextAction, nextActionDate, Ratings.of(satisfaction));
    }
}
