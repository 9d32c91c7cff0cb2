package org.bankcrm.domain.customer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which tier a customer is in: retail by AUM, corporate by annual contribution; lower bounds inclusive.
 * Immutable and free of Spring, so the rule is tested on its own.
 */
public final class TierPolicy {

    /** A tier and its inclusive lower bound. */
    public record Threshold(Tier tier, BigDecimal lowerBound) {
    }

    private final Map<CustomerType, List<Threshold>> byType = new EnumMap<>(CustomerType.class);

    private TierPolicy(List<Threshold> thresholds) {
        for (CustomerType type : CustomerType.values()) {
            List<Threshold> list = new ArrayList<>(thresholds.stream().filter(t -> t.tier().type() == type).toList());
            list.sort(Comparator.comparing(t -> t.tier().ordinal()));
            validate(type, list);
            byType.put(type, List.copyOf(list));
        }
    }

    /**
     * @throws IllegalArgumentException unless every tier of each type has a bound, the lowest tier's
     *     bound is 0 and the bounds rise strictly with the tier
     */
    public static TierPolicy of(List<Threshold> thresholds) {
        return new TierPolicy(thresholds);
    }

    private static void validate(CustomerType type, List<Threshold> list) {
        long expected = java.util.Arrays.stream(Tier.values()).filter(t -> t.type() == type).count();
        if (list.size() != expected) {
            throw new IllegalArgumentException("every " + type + " tier needs exactly one threshold");
        }
        if (list.getFirst().lowerBound().signum() != 0) {
            throw new IllegalArgumentException("the lowest " + type + " tier must start at 0");
        }
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i).lowerBound().compareTo(list.get(i - 1).lowerBound()) <= 0) {
                throw new IllegalArgumentException("tier thresholds must rise strictly: " + list.get(i).tier());
            }
        }
    }

    /** The tier of a customer of {@code type} whose measure (AUM or contribution) is {@code value}. */
    public Tier tierFor(CustomerType type, BigDecimal value) {
        Tier result = null;
        for (Threshold t : byType.get(type)) {
            if (value.compareTo(t.lowerBound()) >= 0) {
                result = t.tier();
            }
        }
        return result == null ? byType.get(type).getFirst().tier() : result;
    }

    /** The tier of a customer given both measures; the type picks the one that counts. */
    public Tier tierFor(CustomerType type, BigDecimal aum, BigDecimal annualContribution) {
        return tierFor(type, type == CustomerType.RETAIL ? aum : annualContribution);
    }

    /** The next tier up and its threshold, or empty at the top. */
    public Optional<Threshold> next(Tier tier) {
        List<Threshold> list = byType.get(tier.type());
        for (int i = 0; i < list.size() - 1; i++) {
            if (list.get(i).tier() == tier) {
                return Optional.of(list.get(i + 1));
            }
        }
        return Optional.empty();
    }

    public List<Threshold> thresholds(CustomerType type) {
        return byType.get(type);
    }
}
