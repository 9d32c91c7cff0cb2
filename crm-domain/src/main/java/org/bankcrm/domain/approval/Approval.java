package org.bankcrm.domain.approval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;

/**
 * A request for the risk approval of one opportunity at the amount it had when asked (D45). Decided once: a second
 * decision, or one racing the first ({@code @Version}), is a conflict, never an overwrite.
 */
@Entity
@Table(name = "approval")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Approval extends org.bankcrm.domain.shared.IdentityEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "opportunity_id", updatable = false)
    private Opportunity opportunity;

    @Column(nullable = false, updatable = false)
    private BigDecimal amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ApprovalStatus status = ApprovalStatus.PENDING;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "requested_by", updatable = false)
    private StaffUser requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "request_comment", updatable = false)
    private String requestComment;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "decided_by")
    private StaffUser decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decision_comment")
    private String decisionComment;

    @Version
    private int version;

    public Approval(Opportunity opportunity, StaffUser requestedBy, String comment, Instant now) {
        this.opportunity = Objects.requireNonNull(opportunity);
        this.amount = opportunity.getAmount();
        this.requestedBy = Objects.requireNonNull(requestedBy);
        this.requestComment = comment;
        this.requestedAt = now;
    }

    /**
     * Decides the request.
     *
     * @throws ConflictException     it is already decided
     * @throws InvalidInputException a rejection without a comment, or no decision
     */
    public void decide(ApprovalStatus decision, StaffUser by, String comment, Instant now) {
        if (decision == null || decision == ApprovalStatus.PENDING) {
            throw new InvalidInputException("decision", "approval.decision.required");
        }
        if (decision == ApprovalStatus.REJECTED && comment == null) {
            throw new InvalidInputException("comment", "approval.reject.commentRequired");
        }
        if (status != ApprovalStatus.PENDING) {
            throw new ConflictException("approval.alreadyDecided");
        }
        this.status = decision;
        this.decidedBy = Objects.requireNonNull(by);
        this.decisionComment = comment;
        this.decidedAt = now;
    }

    public boolean isPending() {
        return status == ApprovalStatus.PENDING;
    }
}
