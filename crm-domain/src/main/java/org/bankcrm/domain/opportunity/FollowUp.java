package org.bankcrm.domain.opportunity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.shared.IdentityEntity;

/** A visit, call, meeting, message or salon (跟进记录), with an outcome and optionally the next action. */
@Entity
@Table(name = "follow_up")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class FollowUp extends IdentityEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id", updatable = false)
    private Customer customer;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "opportunity_id", updatable = false)
    private Opportunity opportunity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private FollowUpType type;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(nullable = false)
    private String summary;

    private String outcome;

    @Column(name = "next_action")
    private String nextAction;

    @Column(name = "next_action_date")
    private LocalDate nextActionDate;

    @Column(name = "next_action_done", nullable = false)
    private boolean nextActionDone;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "created_by", updatable = false)
    private StaffUser createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** The customer's rating of this contact, 1–5, or null (D46). */
    private Integer satisfaction;

    @Version
    private int version;

    /** A follow-up on an opportunity (its customer's) or, with {@code opportunity} null, on a customer. */
    public FollowUp(Customer customer, Opportunity opportunity, FollowUpType type, Instant occurredAt, String summary,
                    String outcome, String nextAction, LocalDate nextActionDate, StaffUser by, Instant now) {
        if (opportunity != null && !opportunity.getCustomer().getId().equals(customer.getId())) {
            throw new IllegalArgumentException("follow-up customer differs from the opportunity's");
        }
        if (nextActionDate != null && (nextAction == null || nextAction.isBlank())) {
            throw new IllegalArgumentException("a next action date needs a next action");
        }
        this.customer = customer;
        this.opportunity = opportunity;
        this.type = Objects.requireNonNull(type);
        this.occurredAt = Objects.requireNonNull(occurredAt);
        this.summary = Objects.requireNonNull(summary);
        this.outcome = outcome;
        this.nextAction = nextAction;
        this.nextActionDate = nextActionDate;
        this.createdBy = Objects.requireNonNull(by);
        this.createdAt = now;
    }
}
