package org.bankcrm.service.approval;

import java.math.BigDecimal;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.approval.ApprovalStatus;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.shared.ConflictException;
import org.springframework.stereotype.Component;

/**
 * The gate before WON (D45): an opportunity matching an approval rule (its product's category, its amount or the
 * amount it is won at ≥ the rule's minimum) moves to WON only with an approval whose latest decision is APPROVED at
 * an amount ≥ the won amount. Asked by {@code OpportunityLifecycle} before every stage move (page, API, board, undo),
 * the one place stage moves happen; the rules are read at that moment.
 */
@Component
@RequiredArgsConstructor
public class ApprovalGate {

    /** What the gate says of an opportunity about to be won at an amount. */
    public enum Verdict {
        /** No rule matches: it may be won. */
        NOT_NEEDED,
        /** A rule matches and an approval covers the amount. */
        APPROVED,
        /** A rule matches and nothing approved covers it. */
        NEEDED,
        /** Approved, but at less than the amount it is being won at: a new approval is needed. */
        ABOVE_APPROVED
    }

    private final ApprovalRuleStore rules;
    private final ApprovalQueries approvals;

    /**
     * Refuses (409, nothing changed) a move to WON the gate does not let through. A move without a won amount
     * passes here; the domain asks for the amount.
     */
    public void require(Opportunity o, Stage to, BigDecimal wonAmount) {
        if (to != Stage.WON || o.getStage() == Stage.WON || wonAmount == null || wonAmount.signum() <= 0) {
            return;
        }
        switch (verdict(o, wonAmount)) {
            case NEEDED -> throw new ConflictException("approval.required", String.valueOf(o.getId()));
            case ABOVE_APPROVED ->
                    throw new ConflictException("approval.required.aboveApproved", String.valueOf(o.getId()));
            default -> {
            }
        }
    }

    /**
     * The verdict for winning the opportunity at {@code wonAmount} (null: at its amount now), for the pages that
     * say approval is needed before anyone tries.
     */
    public Verdict verdict(Opportunity o, BigDecimal wonAmount) {
        return verdict(o, wonAmount, minAmount(o));
    }

    /** {@link #verdict(Opportunity, BigDecimal)} for a caller that has read the rule's minimum ({@link #minAmount}). */
    public Verdict verdict(Opportunity o, BigDecimal wonAmount, Optional<BigDecimal> min) {
        BigDecimal at = wonAmount == null ? o.getAmount() : wonAmount;
        if (min.isEmpty() || o.getAmount().compareTo(min.get()) < 0 && at.compareTo(min.get()) < 0) {
            return Verdict.NOT_NEEDED;
        }
        Optional<ApprovalView> latest = approvals.latestDecided(o.getId());
        if (latest.isEmpty() || latest.get().status() != ApprovalStatus.APPROVED) {
            return Verdict.NEEDED;
        }
        return latest.get().amount().compareTo(at) >= 0 ? Verdict.APPROVED : Verdict.ABOVE_APPROVED;
    }

    /** The minimum amount of the rule of the opportunity's product category, if one exists now. */
    public Optional<BigDecimal> minAmount(Opportunity o) {
        return rules.minAmount(o.getProduct().getCategory());
    }
}
