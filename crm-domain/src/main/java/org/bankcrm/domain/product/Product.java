package org.bankcrm.domain.product;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** What an opportunity sells. Its revenue rate turns an amount into an expected annual revenue. */
@Entity
@Table(name = "product")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Product {

    @Id
    private String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ProductCategory category;

    @Column(name = "name_zh", nullable = false)
    private String nameZh;

    @Column(name = "name_en", nullable = false)
    private String nameEn;

    @Column(name = "revenue_rate", nullable = false, precision = 7, scale = 5)
    private BigDecimal revenueRate;

    private boolean enabled = true;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    @Version
    private int version;

    public Product(String code, ProductCategory category, String nameZh, String nameEn, BigDecimal revenueRate,
                   int sortOrder) {
        this.code = code;
        this.category = category;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.revenueRate = revenueRate;
        this.sortOrder = sortOrder;
    }

    /** A new expected revenue rate (a fraction of the amount, 0 to 1); open opportunities take it on their next edit. */
    public void changeRevenueRate(BigDecimal rate) {
        if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("revenue rate out of range");
        }
        this.revenueRate = rate;
    }

    public void switchTo(boolean on) {
        this.enabled = on;
    }

    /** Expected annual revenue of {@code amount}, in CNY rounded half-up to the fen. */
    public BigDecimal expectedRevenue(BigDecimal amount) {
        return revenue(amount, revenueRate);
    }

    /** {@code amount} × {@code rate} in CNY rounded half-up to the fen: a product's revenue at that rate. */
    public static BigDecimal revenue(BigDecimal amount, BigDecimal rate) {
        return amount.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }

    public String name(Locale locale) {
        return name(locale, nameZh, nameEn);
    }

    /** Of a product's two names, the one for {@code locale}: the Chinese for Chinese, the English for any other. */
    public static String name(Locale locale, String nameZh, String nameEn) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
