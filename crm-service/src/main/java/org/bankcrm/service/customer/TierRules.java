package org.bankcrm.service.customer;

import org.bankcrm.domain.customer.TierPolicy;

/**
 * The tier rule of {@link TierPolicy} as SQL, defined once: a customer of a type is in the tier whose band holds its
 * measure (AUM for retail, annual contribution for corporate), each band running from the tier's lower bound
 * (inclusive) to the next tier's (exclusive), the top one open-ended. The re-tiering after new thresholds and the
 * tier reports (migration, structure) all class a measure through these fragments, over the CURRENT thresholds. A
 * constant holder, not a query: it runs nothing.
 */
public final class TierRules {

    /**
     * The bands of every type, as a derived table: {@code customer_type}, {@code tier}, {@code rank} (1 = the lowest
     * tier of its type, rising with the bound), {@code lower_bound} and {@code upper_bound} (null at the top).
     */
    public static final String BANDS = """
            (select customer_type, tier, lower_bound,
                    lead(lower_bound) over (partition by customer_type order by lower_bound) as upper_bound,
                    row_number() over (partition by customer_type order by lower_bound) as rank
             from tier_threshold)""";

    private TierRules() {
    }

    /**
     * The condition that band {@code band} (an alias of {@link #BANDS}) is the tier of a customer of type
     * {@code type} whose measure is {@code measure} (both trusted SQL expressions).
     */
    public static String inBand(String band, String type, String measure) {
        return ("%1$s.customer_type = %2$s and %3$s >= %1$s.lower_bound"
                + " and (%1$s.upper_bound is null or %3$s < %1$s.upper_bound)").formatted(band, type, measure);
    }

    /** The measure that tiers a customer {@code c}: AUM for retail, annual contribution for corporate. */
    public static String measure(String c) {
        return "case %1$s.type when 'RETAIL' then %1$s.aum else %1$s.annual_contribution end".formatted(c);
    }
}
