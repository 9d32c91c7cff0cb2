package org.bankcrm.web.customer;

import java.time.LocalDate;
import lombok.Data;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.service.opportunity.FollowUpService.NewFollowUp;
import org.springframework.format.annotation.DateTimeFormat;

/** The customer page's quick contact: a visit now by default, a summary, and optionally what comes next. */
@Data
class CustomerFollowUpForm {
    private FollowUpType type = FollowUpType.VISIT;
    private String summary;
    private String outcome;
    private String nextAction;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate nextActionDate;

    NewFollowUp toCommand() {
        return new NewFollowUp(type, null, summary, outcome, nextAction, nextActionDate);
    }
}
