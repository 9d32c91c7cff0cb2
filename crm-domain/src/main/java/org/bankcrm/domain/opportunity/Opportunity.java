package org.bankcrm.domain.opportunity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.org.Branch;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.product.Product;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.ForbiddenException;
import org.bankcrm.domain.shared.IdentityEntity;
import org.bankcrm.domain.shared.InvalidInputException;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An opportunity (商机): a customer, a product, an amount, moving through the pipeline to won or lost.
 * Every change goes through a method here that checks the rules and appends to the history; there is
 * no public setter of the stage, the owner or any field a user edits.
 *
 * <p>Over 250 lines: the aggregate's mapped state and each guarded change (edit, move, win, lose, reopen,
 * reassign) with the history line it appends; spreading them over classes would need the setters this class
 * exists to withhold.
 *
 * <p>Updates write only the columns a change touched ({@link DynamicUpdate}): set-based writes of other columns
 * (a product's new rate repricing the open opportunities' expected revenue) that commit while a user's change holds
 * the opportunity loaded are not written back with the values it loaded (issue 18).
 */
@Entity
@DynamicUpdate
@Table(name = "opportunity")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Opportunity extends IdentityEntity {

    public static final int MAX_NEED_STRENGTH = 5;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id", updatable = false)
    private Customer customer;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "product_code", updatable = false)
    private Product product;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false, precision = 18, scale = 2)
    private BigDecimal amount;

    @Column(name = "expected_revenue", nullable = false, precision = 18, scale = 2)
    private BigDecimal expectedRevenue;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Stage stage;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Source source;

    @Column(name = "source_detail")
    private String sourceDetail;

    @Column(name = "discovery_rule", updatable = false)
    private String discoveryRule;

    // Written only by the discovery engine in SQL, like the score.
    /** What the discovery rules saw, as JSON: [{"rule": "MATURITY", "args": {...}}]; null for other sources. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(insertable = false, updatable = false)
    private String evidence;

    @Column(name = "discovery_run_id", insertable = false, updatable = false)
    private Long discoveryRunId;

    /** The campaign (名单制营销) whose target's interest opened it, or null. */
    @Column(name = "campaign_id", updatable = false)
    private Long campaignId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "owner_id")
    private StaffUser owner;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "branch_id")
    private Branch branch;

    @Column(name = "expected_close_date", nullable = false)
    private LocalDate expectedCloseDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_level", nullable = false)
    private RiskLevel riskLevel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Competition competition;

    @Column(name = "need_strength", nullable = false)
    private int needStrength;

    // The score is derived data, written only by the scoring service in SQL: it never bumps the version, so
    // re-scoring cannot make a user's form stale, and saving the entity never writes an old score back.
    @Column(precision = 4, scale = 1, insertable = false, updatable = false)
    private BigDecimal score;

    @Column(insertable = false, updatable = false)
    private String band;

    @Column(name = "score_model_version", insertable = false, updatable = false)
    private Integer scoreModelVersion;

    /** The score's breakdown as JSON: [{"factor", "value", "weight", "contribution"}]. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "score_breakdown", insertable = false, updatable = false)
    private String scoreBreakdown;

    @Column(name = "scored_at", insertable = false, updatable = false)
    private Instant scoredAt;

    @Column(name = "won_amount", precision = 18, scale = 2)
    private BigDecimal wonAmount;

    @Column(name = "lost_reason")
    private String lostReason;

    @Column(name = "request_key", updatable = false)
    private String requestKey;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "created_by", updatable = false)
    private StaffUser createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Version
    private int version;

    @OneToMany(mappedBy = "opportunity", cascade = {CascadeType.PERSIST, CascadeType.MERGE})
    private List<OpportunityHistory> history = new ArrayList<>();

    /**
     * Opens an opportunity in {@link Stage#IDENTIFIED}. The branch is the customer's; the expected revenue
     * follows from the product's rate.
     *
     * @param by who created it, or null for the system
     */
    public static Opportunity open(OpportunityDraft d, StaffUser by, Instant now) {
        Opportunity o = new Opportunity();
        o.customer = Objects.requireNonNull(d.customer());
        o.product = Objects.requireNonNull(d.product());
        o.branch = d.customer().getBranch();
        o.title = d.title();
        o.setAmount(d.amount());
        o.expectedCloseDate = Objects.requireNonNull(d.expectedCloseDate());
        o.source = Objects.requireNonNull(d.source());
        o.sourceDetail = d.sourceDetail();
        o.discoveryRule = d.discoveryRule();
        o.campaignId = d.campaignId();
        o.riskLevel = Objects.requireNonNull(d.riskLevel());
        o.competition = Objects.requireNonNull(d.competition());
        o.setNeedStrength(d.needStrength());
        o.owner = d.owner();
        o.requestKey = d.requestKey();
        o.stage = Stage.IDENTIFIED;
        o.status = Status.OPEN;
        o.createdBy = by;
        o.createdAt = now;
        o.updatedAt = now;
        o.record(now, by, HistoryEvent.CREATED, null, Stage.IDENTIFIED.name(), null);
        return o;
    }

    /**
     * Moves the opportunity to another stage, enforcing the transition table and what each target needs.
     *
     * @throws ConflictException     the table does not allow this move
     * @throws ForbiddenException    reopening by someone who does not supervise
     * @throws InvalidInputException a won amount, lost reason or reopening comment is missing
     */
    public void moveTo(Transition t, StaffUser by, Instant now) {
        Stage to = Objects.requireNonNull(t.to());
        if (!stage.canMoveTo(to)) {
            throw new ConflictException("opportunity.transition.notAllowed", stage.name(), to.name());
        }
        String comment = blankToNull(t.comment());
        boolean reopening = stage.isClosed();
        if (reopening) {
            if (by == null || !by.getRole().supervises()) {
                throw new ForbiddenException("opportunity.reopen.forbidden");
            }
            if (comment == null) {
                throw new InvalidInputException("comment", "opportunity.reopen.commentRequired");
            }
        }
        if (to == Stage.WON && (t.wonAmount() == null || t.wonAmount().signum() <= 0)) {
            throw new InvalidInputException("wonAmount", "opportunity.won.amountRequired");
        }
        if (to == Stage.LOST && blankToNull(t.lostReason()) == null) {
            throw new InvalidInputException("lostReason", "opportunity.lost.reasonRequired");
        }
        Stage from = stage;
        stage = to;
        status = to.status();
        updatedAt = now;
        if (to == Stage.WON) {
            wonAmount = t.wonAmount();
            lostReason = null;
            closedAt = now;
        } else if (to == Stage.LOST) {
            lostReason = t.lostReason();
            wonAmount = null;
            closedAt = now;
        } else {
            wonAmount = null;
            lostReason = null;
            closedAt = null;
        }
        if (reopening) {
            // Open again: its expected revenue follows the product's current rate, like every open one's.
            expectedRevenue = product.expectedRevenue(amount);
        }
        record(now, by, reopening ? HistoryEvent.REOPENED : HistoryEvent.STAGE, from.name(), to.name(), comment);
    }

    /** Applies the edits that differ from the current values, one history entry per changed field. */
    public void edit(OpportunityEdit e, StaffUser by, Instant now) {
        if (stage.isClosed()) {
            throw new ConflictException("opportunity.closed.readOnly");
        }
        if (e.title() != null && !e.title().equals(title)) {
            record(now, by, HistoryEvent.field("title"), title, e.title(), null);
            title = e.title();
        }
        if (e.amount() != null && e.amount().compareTo(amount) != 0) {
            record(now, by, HistoryEvent.field("amount"), amount.toPlainString(), e.amount().toPlainString(), null);
            setAmount(e.amount());
        }
        if (e.expectedCloseDate() != null && !e.expectedCloseDate().equals(expectedCloseDate)) {
            record(now, by, HistoryEvent.field("expectedCloseDate"), expectedCloseDate.toString(),
                    e.expectedCloseDate().toString(), null);
            expectedCloseDate = e.expectedCloseDate();
        }
        if (e.riskLevel() != null && e.riskLevel() != riskLevel) {
            record(now, by, HistoryEvent.field("riskLevel"), riskLevel.name(), e.riskLevel().name(), null);
            riskLevel = e.riskLevel();
        }
        if (e.competition() != null && e.competition() != competition) {
            record(now, by, HistoryEvent.field("competition"), competition.name(), e.competition().name(), null);
            competition = e.competition();
        }
        if (e.needStrength() != null && e.needStrength() != needStrength) {
            record(now, by, HistoryEvent.field("needStrength"), String.valueOf(needStrength),
                    String.valueOf(e.needStrength()), null);
            setNeedStrength(e.needStrength());
        }
        updatedAt = now;
    }

    /** Gives the opportunity to another RM; closed opportunities keep the owner they closed with. */
    public void reassign(StaffUser newOwner, StaffUser by, Instant now) {
        Objects.requireNonNull(newOwner);
        if (stage.isClosed()) {
            throw new ConflictException("opportunity.closed.readOnly");
        }
        if (owner != null && owner.getUsername().equals(newOwner.getUsername())) {
            return;
        }
        record(now, by, HistoryEvent.OWNER, owner == null ? null : owner.getUsername(), newOwner.getUsername(), null);
        owner = newOwner;
        updatedAt = now;
    }

    public boolean isOpen() {
        return stage.isOpen();
    }

    private void setAmount(BigDecimal value) {
        if (value == null || value.signum() < 0) {
            throw new InvalidInputException("amount", "validation.amount.nonNegative");
        }
        this.amount = value;
        this.expectedRevenue = product.expectedRevenue(value);
    }

    private void setNeedStrength(int value) {
        if (value < 1 || value > MAX_NEED_STRENGTH) {
            throw new InvalidInputException("needStrength", "validation.needStrength.range");
        }
        this.needStrength = value;
    }

    private void record(Instant at, StaffUser by, String event, String from, String to, String comment) {
        history.add(new OpportunityHistory(this, at, by, event, from, to, comment));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
