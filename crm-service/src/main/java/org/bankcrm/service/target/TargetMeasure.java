package org.bankcrm.service.target;

import java.util.Locale;

/**
 * What a target measures (D48). Each measure has an amount target, a count target or both; only {@link #WON} may be
 * narrowed to a product category, only {@link #ACTIVITY} is a rate (follow-ups per week) and for RMs only.
 */
public enum TargetMeasure {
    /** Won business: won amount and/or number of won deals closed in the period. */
    WON(true, true),
    /** Customers registered (created) in the period that have an owner: the RM's own, or the branch subtree's. */
    NEW_CUSTOMERS(false, true),
    /** Σ over the book's customers of AUM in the period's last month with history − AUM of the month before. */
    AUM_GROWTH(true, false),
    /** Follow-ups logged in the period against a weekly quota (the count) × the weeks of the period. */
    ACTIVITY(false, true);

    private final boolean amount;
    private final boolean count;

    TargetMeasure(boolean amount, boolean count) {
        this.amount = amount;
        this.count = count;
    }

    /** Whether the target may carry an amount. */
    public boolean hasAmount() {
        return amount;
    }

    /** Whether the target may carry a count. */
    public boolean hasCount() {
        return count;
    }

    /** Whether an annual branch plan may be set on the measure: not on a weekly rate. */
    public boolean plannable() {
        return this != ACTIVITY;
    }

    /** The measure named {@code name}; {@link #WON} when blank (targets made before measures); null if unknown. */
    public static TargetMeasure parse(String name) {
        if (name == null || name.isBlank()) {
            return WON;
        }
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
