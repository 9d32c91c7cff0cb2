package org.bankcrm.service.approval;

import java.math.BigDecimal;
import java.time.Instant;
import org.bankcrm.domain.approval.ApprovalStatus;

/**
 * An approval as the inbox, the opportunity page and the API show it; the customer's name masked (a risk officer
 * needs the deal, not the person's identity).
 *
 * @param requestComment  what the requester wrote, if anything
 * @param decisionComment what the approver wrote with the decision (always with a rejection)
 */
public record ApprovalView(long id, long opportunityId, String opportunityTitle, String customerNo,
                           String customerNameMasked, String productCode, String branchCode, BigDecimal amount,
                           BigDecimal opportunityAmount, String opportunityStage, ApprovalStatus status,
                           String requestedBy, String requestedByName, Instant requestedAt, String requestComment,
                           String decidedBy, String decidedByName, Instant decidedAt, String decisionComment,
                           int version) {

    /** The contract's one {@code comment}: the decision's once decided, else the request's. */
    public String comment() {
        return decidedAt != null ? decisionComment : requestComment;
    }

    public boolean pending() {
        return status == ApprovalStatus.PENDING;
    }
}
