package org.bankcrm.domain.referral;

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
import java.util.Objects;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.org.Branch;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.product.Product;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.IdentityEntity;

/**
 * A referral (转介): a teller or lobby manager passes a customer's need to an RM, who accepts it (an
 * opportunity with source REFERRAL, the referrer credited) or rejects it with a reason.
 */
@Entity
@Table(name = "referral")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Referral extends IdentityEntity {

    /** NEW until an RM decides. */
    public enum Status { NEW, ACCEPTED, REJECTED }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id", updatable = false)
    private Customer customer;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ReferralChannel channel;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "product_code")
    private Product product;

    @Column(nullable = false, updatable = false)
    private String need;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "referrer_id", updatable = false)
    private StaffUser referrer;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "suggested_rm_id")
    private StaffUser suggestedRm;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "branch_id")
    private Branch branch;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status = Status.NEW;

    @Column(name = "reject_reason")
    private String rejectReason;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "opportunity_id")
    private Opportunity opportunity;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "decided_by")
    private StaffUser decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private int version;

    public Referral(Customer customer, ReferralChannel channel, Product product, String need, StaffUser referrer,
                    StaffUser suggestedRm, Instant now) {
        this.customer = Objects.requireNonNull(customer);
        this.channel = Objects.requireNonNull(channel);
        this.product = product;
        this.need = Objects.requireNonNull(need);
        this.referrer = Objects.requireNonNull(referrer);
        this.suggestedRm = suggestedRm;
        this.branch = customer.getBranch();
        this.createdAt = now;
    }

    /** Routes the referral to another RM while it is still new. */
    public void route(StaffUser rm) {
        requireNew();
        this.suggestedRm = Objects.requireNonNull(rm);
    }

    /**
     * The source detail an opportunity opened from this referral keeps, the same for every path that opens one
     * (a decision in the inbox, the demo data): {@code referral:<id>:<referrer>:<channel>}. Pages and the API
     * say it in words from the referral itself, found by the opportunity's id.
     */
    public String sourceDetail() {
        return "referral:" + Objects.requireNonNull(getId(), "saved first") + ":" + referrer.getUsername() + ":"
                + channel;
    }

    public void accept(Opportunity created, StaffUser by, Instant now) {
        requireNew();
        this.status = Status.ACCEPTED;
        this.opportunity = Objects.requireNonNull(created);
        this.decidedBy = by;
        this.decidedAt = now;
    }

    public void reject(String reason, StaffUser by, Instant now) {
        requireNew();
        this.status = Status.REJECTED;
        this.rejectReason = Objects.requireNonNull(reason);
        this.decidedBy = by;
        this.decidedAt = now;
    }

    private void requireNew() {
        if (status != Status.NEW) {
            throw new ConflictException("referral.alreadyDecided");
        }
    }
}
