package org.bankcrm.domain.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bankcrm.domain.customer.Tier;

/**
 * The evaluation model's arithmetic (商机评估模型), free of Spring and the database. Each factor maps its data
 * to 0–100, higher being better for the bank, and every mapping is monotone:
 * <ul>
 *   <li>REVENUE: expected revenue on a log scale, 0 at or below {@code revenueFloor}, 100 at or above
 *       {@code revenueCeiling};</li>
 *   <li>RISK: LOW 100, MEDIUM 60, HIGH 20. COMPETITION: NONE 100, SOME 60, STRONG 20;</li>
 *   <li>DEMAND: need strength 1–5 → 0, 25, 50, 75, 100;</li>
 *   <li>CUSTOMER_VALUE: the tier's rank within its ladder, the top tier 100 (retail 20/40/60/80/100,
 *       corporate 25/50/75/100);</li>
 *   <li>RELATIONSHIP: distinct products held 0, 1, 2, 3, 4+ → 0, 25, 50, 80, 100 (three products is where
 *       customers stop leaving);</li>
 *   <li>URGENCY: 100 when the close date is within 7 days (or past), falling linearly to 0 at 180 days;</li>
 *   <li>ENGAGEMENT: 60 % recency (100 for a follow-up today, 0 at 30 days or none) and 40 % volume
 *       (20 per follow-up in the last 30 days, at most 5).</li>
 * </ul>
 * The score is Σ weight × value ÷ 100 rounded to one decimal; each factor's contribution is rounded so that
 * the contributions add up to the score exactly (largest remainder).
 */
public final class ScoringRules {

    /** One factor's part: its 0–100 value, its weight and what it contributed to the score. */
    public record Part(Factor factor, BigDecimal value, int weight, BigDecimal contribution) {
    }

    /** A score, its band and the parts that make it. */
    public record Result(BigDecimal score, String band, List<Part> breakdown) {
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Map<Factor, Integer> weights;
    private final int bandA;
    private final int bandB;
    private final int bandC;
    private final double revenueFloor;
    private final double revenueCeiling;

    public ScoringRules(Map<Factor, Integer> weights, int bandA, int bandB, int bandC, BigDecimal revenueFloor,
                        BigDecimal revenueCeiling) {
        validateWeights(weights);
        if (!(100 >= bandA && bandA > bandB && bandB > bandC && bandC > 0)) {
            throw new IllegalArgumentException("band thresholds must fall: 100 >= A > B > C > 0");
        }
        if (revenueFloor.signum() <= 0 || revenueCeiling.compareTo(revenueFloor) <= 0) {
            throw new IllegalArgumentException("revenue bounds must be positive and rising");
        }
        this.weights = new EnumMap<>(weights);
        this.bandA = bandA;
        this.bandB = bandB;
        this.bandC = bandC;
        this.revenueFloor = revenueFloor.doubleValue();
        this.revenueCeiling = revenueCeiling.doubleValue();
    }

    /** Weights for exactly the eight factors, each ≥ 0, summing to 100. */
    public static void validateWeights(Map<Factor, Integer> weights) {
        if (weights.size() != Factor.values().length || !weights.keySet().containsAll(List.of(Factor.values()))) {
            throw new IllegalArgumentException("weights are needed for exactly the eight factors");
        }
        if (weights.values().stream().anyMatch(w -> w == null || w < 0)) {
            throw new IllegalArgumentException("weights must be integers of at least 0");
        }
        if (weights.values().stream().mapToInt(Integer::intValue).sum() != 100) {
            throw new IllegalArgumentException("weights must add up to 100");
        }
    }

    public Result score(ScoreInputs in) {
        Map<Factor, Double> values = new EnumMap<>(Factor.class);
        values.put(Factor.REVENUE, revenue(in.expectedRevenue()));
        values.put(Factor.RISK, switch (in.riskLevel()) {
            case LOW -> 100.0;
            case MEDIUM -> 60.0;
            case HIGH -> 20.0;
        });
        values.put(Factor.DEMAND, (Math.max(1, Math.min(5, in.needStrength())) - 1) * 25.0);
        values.put(Factor.COMPETITION, switch (in.competition()) {
            case NONE -> 100.0;
            case SOME -> 60.0;
            case STRONG -> 20.0;
        });
        values.put(Factor.CUSTOMER_VALUE, customerValue(in.tier()));
        values.put(Factor.RELATIONSHIP, relationship(in.distinctProducts()));
        values.put(Factor.URGENCY, urgency(in.daysToClose()));
        values.put(Factor.ENGAGEMENT, engagement(in.daysSinceFollowUp(), in.followUps30Days()));
        return combine(values);
    }

    /** The band of a score by this model's thresholds. */
    public String band(BigDecimal score) {
        double s = score.doubleValue();
        return s >= bandA ? "A" : s >= bandB ? "B" : s >= bandC ? "C" : "D";
    }

    double revenue(BigDecimal expectedRevenue) {
        double r = expectedRevenue == null ? 0 : expectedRevenue.doubleValue();
        if (r <= revenueFloor) {
            return 0;
        }
        if (r >= revenueCeiling) {
            return 100;
        }
        return 100 * (Math.log(r) - Math.log(revenueFloor)) / (Math.log(revenueCeiling) - Math.log(revenueFloor));
    }

    static double customerValue(Tier tier) {
        List<Tier> ladder = java.util.Arrays.stream(Tier.values()).filter(t -> t.type() == tier.type()).toList();
        int rank = ladder.indexOf(tier) + 1;
        return 100.0 * rank / ladder.size();
    }

    static double relationship(int distinctProducts) {
        return switch (Math.max(0, Math.min(4, distinctProducts))) {
            case 0 -> 0;
            case 1 -> 25;
            case 2 -> 50;
            case 3 -> 80;
            default -> 100;
        };
    }

    static double urgency(long daysToClose) {
        if (daysToClose <= 7) {
            return 100;
        }
        if (daysToClose >= 180) {
            return 0;
        }
        return 100.0 * (180 - daysToClose) / (180 - 7);
    }

    static double engagement(Integer daysSinceFollowUp, int followUps30Days) {
        double recency = daysSinceFollowUp == null ? 0 : Math.max(0, 30 - Math.max(0, daysSinceFollowUp)) * 100.0 / 30;
        double volume = Math.min(5, Math.max(0, followUps30Days)) * 20.0;
        return 0.6 * recency + 0.4 * volume;
    }

    private Result combine(Map<Factor, Double> values) {
        // Exact contributions in tenths, then rounded so that they add up to the rounded total.
        List<Part> parts = new ArrayList<>();
        double exactTotal = 0;
        double[] exact = new double[Factor.values().length];
        for (Factor f : Factor.values()) {
            exact[f.ordinal()] = weights.get(f) * values.get(f) / 100.0;
            exactTotal += exact[f.ordinal()];
        }
        long totalTenths = Math.round(exactTotal * 10);
        long[] tenths = new long[exact.length];
        long floorSum = 0;
        for (int i = 0; i < exact.length; i++) {
            tenths[i] = (long) Math.floor(exact[i] * 10 + 1e-9);
            floorSum += tenths[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < exact.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -(exact[i] * 10 - tenths[i])).thenComparing(i -> i));
        for (int k = 0; k < totalTenths - floorSum && k < order.size(); k++) {
            tenths[order.get(k)]++;
        }
        for (Factor f : Factor.values()) {
            parts.add(new Part(f, BigDecimal.valueOf(values.get(f)).setScale(1, RoundingMode.HALF_UP), weights.get(f),
                    BigDecimal.valueOf(tenths[f.ordinal()], 1)));
        }
        BigDecimal score = BigDecimal.valueOf(totalTenths, 1);
        return new Result(score, band(score), List.copyOf(parts));
    }

}
