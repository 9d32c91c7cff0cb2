package org.bankcrm.service.customer;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.bankcrm.domain.customer.Tier;
import org.springframework.stereotype.Component;

/**
 * The "high" tiers whose customers must each have an owner RM (名单制管理, 全面建档、有人维护): the tiers with a
 * service standard. Until the {@code service_standard} table exists, the default of reference-data.md
 * ("Service standards": every tier but MASS and LONG_TAIL); this class is the one place to point at the table
 * later ({@code select tier from service_standard where contact_days is not null}).
 */
@Component
public class HighTiers {

    private static final Set<Tier> DEFAULT = EnumSet.complementOf(EnumSet.of(Tier.MASS, Tier.LONG_TAIL));

    /** The high tiers now. */
    public Set<Tier> tiers() {
        return DEFAULT;
    }

    /**
     * A tier's rank from the top of its type (1 for PRIVATE and STRATEGIC, 2 for DIAMOND and KEY, …), so retail
     * and corporate tiers of the same height sort together.
     */
    public static int rankFromTop(Tier tier) {
        return (int) Arrays.stream(Tier.values())
                .filter(t -> t.type() == tier.type() && t.ordinal() >= tier.ordinal()).count();
    }

    /** A SQL expression of {@link #rankFromTop} over a tier column: a CASE over the enum's own names. */
    static String rankSql(String tierColumn) {
        return Arrays.stream(Tier.values())
                .map(t -> "when '" + t.name() + "' then " + rankFromTop(t))
                .collect(Collectors.joining(" ", "case " + tierColumn + " ", " end"));
    }
}
