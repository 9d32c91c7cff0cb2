package org.bankcrm.domain.opportunity;

import java.math.BigDecimal;

/**
 * A requested stage move and what the rules may ask for with it.
 *
 * @param to         the target stage
 * @param comment    required when reopening, optional otherwise
 * @param wonAmount  required (&gt; 0) when moving to {@link Stage#WON}
 * @param lostReason a lost reason code, required when moving to {@link Stage#LOST}; the caller checks it
 *                   exists in the admin's list
 */
public record Transition(Stage to, String comment, BigDecimal wonAmount, String lostReason) {

    public static Transition to(Stage stage) {
        return new Transition(stage, null, null, null);
    }
}
