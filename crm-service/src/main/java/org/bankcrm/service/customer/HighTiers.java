package org.bankcrm.service.customer;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.service.coverage.ServiceStandard;
import org.bankcrm.service.coverage.ServiceStandardStore;
import org.springframework.stereotype.Component;

/**
 * The "high" tiers whose customers must each have an owner RM (名单制管理, 全面建档、有人维护): the tiers with a
 * service standard, read from {@code service_standard} each time, so that an admin who gives MASS a standard (or
 * takes GOLD's away) changes the unowned list and the assignment filter with the next request, as coverage does.
 * By default (reference-data.md, "Service standards") every tier but MASS and LONG_TAIL.
 */
@Component
@RequiredArgsConstructor
public class HighTiers {

    private final ServiceStandardStore standards;

    /** The high tiers now, in the order of {@link Tier}. */
    public Set<Tier> tiers() {
        Set<Tier> tiers = EnumSet.noneOf(Tier.class);
        standards.all().stream().filter(ServiceStandard::hasStandard).forEach(s -> tiers.add(s.tier()));
        return tiers;
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
