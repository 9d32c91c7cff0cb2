package org.bankcrm.domain.incentive;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * The contract's arithmetic of an incentive statement (api.md "Sales management"), each figure rounded once, half
 * up to the cent: a line's revenue = won amount × the product's revenue rate; its amount = revenue × credit share
 * ÷ 100 × the category's rate, computed exactly from the rounded revenue and rounded once. A share is a whole
 * percent 0–100 (the owner's 100 until the opportunity has a team; a 60/40 split gives each member their part).
 */
public final class IncentiveArithmetic {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private IncentiveArithmetic() {
    }

    /** Won amount × product rate, half up to the cent. */
    public static BigDecimal revenue(BigDecimal wonAmount, BigDecimal productRate) {
        return wonAmount.multiply(productRate).setScale(2, RoundingMode.HALF_UP);
    }

    /** Revenue × share ÷ 100 × category rate, half up to the cent (the product is exact before the rounding). */
    public static BigDecimal amount(BigDecimal revenue, int creditShare, BigDecimal categoryRate) {
        if (creditShare < 0 || creditShare > 100) {
            throw new IllegalArgumentException("a credit share is a whole percent 0-100: " + creditShare);
        }
        return revenue.multiply(BigDecimal.valueOf(creditShare)).multiply(categoryRate)
                .divide(HUNDRED).setScale(2, RoundingMode.HALF_UP);
    }

    /** The sum of amounts already rounded to the cent. */
    public static BigDecimal sum(Collection<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
