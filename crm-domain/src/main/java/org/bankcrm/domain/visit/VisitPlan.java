package org.bankcrm.domain.visit;

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
import org.bankcrm.domain.opportunity.FollowUp;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.IdentityEntity;

/** A planned customer visit (客户拜访日计划); doing it records the follow-up. */
@Entity
@Table(name = "visit_plan")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class VisitPlan extends IdentityEntity {

    /** PLANNED until done or cancelled. */
    public enum Status { PLANNED, DONE, CANCELLED }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "rm_id")
    private StaffUser rm;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id")
    private Customer customer;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "opportunity_id")
    private Opportunity opportunity;

    @Column(name = "planned_on", nullable = false)
    private LocalDate plannedOn;

    @Column(nullable = false)
    private String purpose;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status = Status.PLANNED;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "follow_up_id")
    private FollowUp followUp;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private int version;

    public VisitPlan(StaffUser rm, Customer customer, Opportunity opportunity, LocalDate plannedOn, String purpose) {
        this.rm = Objects.requireNonNull(rm);
        this.customer = Objects.requireNonNull(customer);
        this.opportunity = opportunity;
        this.plannedOn = Objects.requireNonNull(plannedOn);
        this.purpose = Objects.requireNonNull(purpose);
        this.createdAt = Instant.now();
    }

    /** Marks the visit done with the follow-up that records it. */
    public void done(FollowUp record) {
        if (status != Status.PLANNED) {
            throw new ConflictException("visit.notPlanned");
        }
        this.status = Status.DONE;
        this.followUp = Objects.requireNonNull(record);
    }

    /** Gives a planned visit to another RM (a customer changing hands); done and cancelled visits keep theirs. */
    public void handTo(StaffUser newRm) {
        if (status != Status.PLANNED) {
            throw new ConflictException("visit.notPlanned");
        }
        this.rm = Objects.requireNonNull(newRm);
    }

    public void cancel() {
        if (status != Status.PLANNED) {
            throw new ConflictException("visit.notPlanned");
        }
        this.status = Status.CANCELLED;
    }
}
