package org.bankcrm.domain.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** A customer's daily average AUM over one month (the {@code aum_history} feed). */
@Entity
@Table(name = "aum_monthly")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class MonthlyAum {

    /** Customer and the month's first day. */
    @Embeddable
    public record Key(@Column(name = "customer_id") Long customerId, @Column(name = "month") LocalDate month)
            implements Serializable {
    }

    @EmbeddedId
    private Key key;

    @Column(name = "avg_aum", nullable = false, precision = 18, scale = 2)
    private BigDecimal avgAum;

    public MonthlyAum(long customerId, YearMonth month, BigDecimal avgAum) {
        this.key = new Key(customerId, month.atDay(1));
        this.avgAum = avgAum;
    }

    public YearMonth month() {
        return YearMonth.from(key.month());
    }
}
