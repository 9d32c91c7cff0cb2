package org.bankcrm.domain.opportunity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.shared.IdentityEntity;

/** One change of an opportunity: who, when, what, from and to. Written only by {@link Opportunity}. */
@Entity
@Table(name = "opportunity_history")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class OpportunityHistory extends IdentityEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "opportunity_id", updatable = false)
    private Opportunity opportunity;

    @Column(nullable = false, updatable = false)
    private Instant at;

    /** Null when the system made the change. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "by_user_id", updatable = false)
    private StaffUser by;

    @Column(nullable = false, updatable = false)
    private String event;

    @Column(name = "from_value", updatable = false)
    private String fromValue;

    @Column(name = "to_value", updatable = false)
    private String toValue;

    @Column(updatable = false)
    private String comment;

    OpportunityHistory(Opportunity opportunity, Instant at, StaffUser by, String event, String fromValue,
                       String toValue, String comment) {
        this.opportunity = opportunity;
        this.at = at;
        this.by = by;
        this.event = event;
        this.fromValue = fromValue;
        this.toValue = toValue;
        this.comment = comment;
    }

    /**
     * A line of an approval (request or decision, {@link HistoryEvent#APPROVAL}) on the opportunity: written beside
     * the opportunity, not through it, since asking for or deciding an approval changes nothing of the deal itself
     * (its version stays, so its owner's open page is not made stale by a risk officer's decision).
     *
     * @param from the approval's amount (plain, as {@code FIELD:amount} lines store amounts)
     * @param to   its status after: PENDING for a request, APPROVED or REJECTED for a decision
     */
    public static OpportunityHistory approval(Opportunity opportunity, Instant at, StaffUser by, String from, String to,
                                              String comment) {
        return new OpportunityHistory(opportunity, at, by, HistoryEvent.APPROVAL, from, to, comment);
    }
}
