package org.bankcrm.domain.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.bankcrm.domain.shared.IdentityEntity;

/** A product a customer holds (持有产品), as the nightly holdings feed delivers it. */
@Entity
@Table(name = "holding")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Holding extends IdentityEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id", updatable = false)
    private Customer customer;

    @Column(name = "product_code", nullable = false, updatable = false)
    private String productCode;

    @Column(nullable = false, precision = 18, scale = 2)
    private BigDecimal balance;

    @Column(name = "opened_on", nullable = false, updatable = false)
    private LocalDate openedOn;

    @Column(name = "maturity_date")
    private LocalDate maturityDate;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    public Holding(Customer customer, String productCode, BigDecimal balance, LocalDate openedOn, LocalDate maturityDate) {
        if (balance.signum() < 0) {
            throw new IllegalArgumentException("balance must not be negative");
        }
        if (maturityDate != null && maturityDate.isBefore(openedOn)) {
            throw new IllegalArgumentException("maturity before opening");
        }
        this.customer = customer;
        this.productCode = productCode;
        this.balance = balance;
        this.openedOn = openedOn;
        this.maturityDate = maturityDate;
        this.updatedAt = Instant.now();
    }
}
