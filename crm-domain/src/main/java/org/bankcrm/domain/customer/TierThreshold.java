package org.bankcrm.domain.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.math.BigDecimal;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** The admin's lower bound (inclusive) of one tier. */
@Entity
@Table(name = "tier_threshold")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class TierThreshold {

    /** Composite key: customer type and tier. */
    @Embeddable
    public record Key(
            @Enumerated(EnumType.STRING) @Column(name = "customer_type") CustomerType customerType,
            @Enumerated(EnumType.STRING) @Column(name = "tier") Tier tier) implements Serializable {
    }

    @EmbeddedId
    private Key key;

    @Column(name = "lower_bound", nullable = false, precision = 18, scale = 2)
    private BigDecimal lowerBound;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    @Version
    private int version;

    public Tier tier() {
        return key.tier();
    }

    public void changeLowerBound(BigDecimal bound) {
        this.lowerBound = bound;
    }
}
