package org.bankcrm.domain.shared;

import java.math.BigDecimal;

/**
 * Decimal numbers read from a client's text (a form, a JSON body): within the magnitudes a bank's figures have.
 * {@code new BigDecimal("1e999999999")} is a valid number with a scale of minus a billion; rounding it to cents, or
 * handing it to the database driver, overflowed (500s), and {@code 1e-999999999} read as a {@code double} became 0.
 * Every amount, rate and threshold here has at most 16 digits before the point and 5 after, so a number with more
 * than {@value #MAX_DIGITS} digits on either side (trailing zeros aside) is refused as a number that cannot be read.
 */
public final class Decimals {

    /** The most digits a number read may have before the point, and after it. */
    public static final int MAX_DIGITS = 30;

    private Decimals() {
    }

    /** Whether the number is within {@value #MAX_DIGITS} digits either side of the point (null is). */
    public static boolean withinDigits(BigDecimal v) {
        if (v == null) {
            return true;
        }
        // the scale first, cheaply: stripping or rounding a number with a scale of a billion is the harm itself
        if (Math.abs((long) v.scale()) > 10L * MAX_DIGITS + v.precision()) {
            return false;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.precision() - s.scale() <= MAX_DIGITS && s.scale() <= MAX_DIGITS;
    }

    /**
     * The number the text writes, as {@code new BigDecimal} reads it; {@link NumberFormatException} for a text that
     * is no number or one beyond {@link #withinDigits}, so that every caller's refusal of an unreadable number covers
     * it.
     */
    public static BigDecimal parse(String text) {
        BigDecimal v = new BigDecimal(text);
        if (!withinDigits(v)) {
            throw new NumberFormatException("More than " + MAX_DIGITS + " digits on a side of the point");
        }
        return v;
    }
}
