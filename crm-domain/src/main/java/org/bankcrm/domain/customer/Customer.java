package org.bankcrm.domain.customer;

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
import java.time.LocalDate;
import java.util.Objects;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.bankcrm.domain.org.Branch;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.shared.IdentityEntity;
import org.bankcrm.domain.shared.Masking;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A retail (个人) or corporate (对公) customer of a branch, identified by the bank's customer number.
 * ID number and phone are kept as delivered and only ever leave through {@link #maskedIdNo()} and
 * {@link #maskedPhone()}.
 *
 * <p>Updates write only the columns a change touched ({@link DynamicUpdate}): a set-based write of another column
 * (the admin's new tier thresholds re-tiering every customer) that commits while a user's change holds the customer
 * loaded (a reassignment, a handover) is not written back with the tier it loaded.
 */
@Entity
@DynamicUpdate
@Table(name = "customer")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Customer extends IdentityEntity {

    @Column(name = "customer_no", nullable = false, unique = true, updatable = false)
    private String customerNo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private CustomerType type;

    @Column(nullable = false)
    private String name;

    @Getter(AccessLevel.NONE)
    @Column(name = "id_no")
    private String idNo;

    @Getter(AccessLevel.NONE)
    private String phone;

    @Column(name = "birth_date")
    private LocalDate birthDate;

    @Column(name = "employer_no")
    private String employerNo;

    private String industry;

    @Enumerated(EnumType.STRING)
    @Column(name = "company_size")
    private CompanySize companySize;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "branch_id")
    private Branch branch;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "owner_id")
    private StaffUser owner;

    @Column(nullable = false, precision = 18, scale = 2)
    private BigDecimal aum;

    @Column(name = "annual_contribution", nullable = false, precision = 18, scale = 2)
    private BigDecimal annualContribution;

    @Column(name = "last_txn_on")
    private LocalDate lastTxnOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Tier tier;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private int version;

    private Customer(String customerNo, CustomerType type, Branch branch) {
        this.customerNo = Objects.requireNonNull(customerNo);
        this.type = Objects.requireNonNull(type);
        this.branch = Objects.requireNonNull(branch);
        this.createdAt = Instant.now();
    }

    /** A new customer of {@code branch}, tiered by {@code tiers}; {@code owner} may be null (unassigned). */
    public static Customer register(String customerNo, CustomerType type, CustomerFacts facts, Branch branch,
                                    StaffUser owner, TierPolicy tiers) {
        Customer c = new Customer(customerNo, type, branch);
        c.owner = owner;
        c.apply(facts, tiers);
        return c;
    }

    /** Replaces the facts and recomputes the tier. Fields that do not apply to the type must be empty. */
    public void apply(CustomerFacts facts, TierPolicy tiers) {
        if (type == CustomerType.CORPORATE && (facts.birthDate() != null || facts.employerNo() != null)) {
            throw new IllegalArgumentException("birth date and employer are for retail customers");
        }
        if (type == CustomerType.RETAIL && (facts.industry() != null || facts.companySize() != null)) {
            throw new IllegalArgumentException("industry and company size are for corporate customers");
        }
        this.name = Objects.requireNonNull(facts.name());
        this.idNo = facts.idNo();
        this.phone = facts.phone();
        this.birthDate = facts.birthDate();
        this.employerNo = facts.employerNo();
        this.industry = facts.industry();
        this.companySize = facts.companySize();
        this.aum = Objects.requireNonNull(facts.aum());
        this.annualContribution = facts.annualContribution() == null ? BigDecimal.ZERO : facts.annualContribution();
        this.lastTxnOn = facts.lastTxnOn();
        this.updatedAt = Instant.now();
        retier(tiers);
    }

    /** Recomputes the tier, e.g. after the admin changed the thresholds. Returns whether it changed. */
    public boolean retier(TierPolicy tiers) {
        Tier newTier = tiers.tierFor(type, aum, annualContribution);
        boolean changed = newTier != tier;
        this.tier = newTier;
        return changed;
    }

    public void assignOwner(StaffUser newOwner) {
        this.owner = newOwner;
        this.updatedAt = Instant.now();
    }

    /** The ID number as delivered, for carrying it over unchanged; never for display. */
    public String idNo() {
        return idNo;
    }

    /** The phone as delivered, for carrying it over unchanged; never for display. */
    public String phone() {
        return phone;
    }

    public String maskedIdNo() {
        return Masking.idNo(idNo);
    }

    public String maskedPhone() {
        return Masking.phone(phone);
    }
}
