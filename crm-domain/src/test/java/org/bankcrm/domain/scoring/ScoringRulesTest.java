package org.bankcrm.domain.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoringRulesTest {

    static Map<Factor, Integer> defaults() {
        Map<Factor, Integer> w = new EnumMap<>(Factor.class);
        w.put(Factor.REVENUE, 30);
        w.put(Factor.RISK, 15);
        w.put(Factor.DEMAND, 15);
        w.put(Factor.COMPETITION, 10);
        w.put(Factor.CUSTOMER_VALUE, 15);
        w.put(Factor.RELATIONSHIP, 5);
        w.put(Factor.URGENCY, 5);
        w.put(Factor.ENGAGEMENT, 5);
        return w;
    }

    private final ScoringRules rules = new ScoringRules(defaults(), 80, 60, 40, new BigDecimal("100"),
            new BigDecimal("1000000"));

    private static ScoreInputs inputs(String revenue, RiskLevel risk, int need, Competition competition, Tier tier,
                                      int products, long days, Integer sinceFollowUp, int followUps) {
        return new ScoreInputs(new BigDecimal(revenue), risk, need, competition, tier, products, days, sinceFollowUp,
                followUps);
    }

    @Test
    void aHandComputedExample() {
        // revenue 10,000 on a log scale 100..1,000,000 → 50; LOW 100; need 4 → 75; SOME 60; PLATINUM 60;
        // 2 products 50; 97 days → 100 × 83 / 173 = 47.98; follow-up 6 days ago, 2 in 30 days → 0.6 × 80 + 0.4 × 40 = 64.
        var r = rules.score(inputs("10000", RiskLevel.LOW, 4, Competition.SOME, Tier.PLATINUM, 2, 97, 6, 2));
        // 30×50 + 15×100 + 15×75 + 10×60 + 15×60 + 5×50 + 5×47.98 + 5×64 = 15+15+11.25+6+9+2.5+2.399+3.2 = 64.349
        assertThat(r.score()).isEqualByComparingTo("64.3");
        assertThat(r.band()).isEqualTo("B");
        assertThat(r.breakdown()).extracting(ScoringRules.Part::factor).containsExactly(Factor.values());
        assertThat(r.breakdown().get(0).value()).isEqualByComparingTo("50.0");
        assertThat(r.breakdown().get(6).value()).isEqualByComparingTo("48.0");
        assertThat(r.breakdown().stream().map(ScoringRules.Part::contribution).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(r.score());
    }

    @Test
    void contributionsAlwaysAddUpToTheScore() {
        Random rnd = new Random(7);
        for (int i = 0; i < 2000; i++) {
            var r = rules.score(inputs(String.valueOf(rnd.nextInt(3_000_000)), RiskLevel.values()[rnd.nextInt(3)],
                    1 + rnd.nextInt(5), Competition.values()[rnd.nextInt(3)], Tier.values()[rnd.nextInt(9)],
                    rnd.nextInt(6), rnd.nextInt(400) - 30, rnd.nextBoolean() ? null : rnd.nextInt(60), rnd.nextInt(8)));
            BigDecimal sum = r.breakdown().stream().map(ScoringRules.Part::contribution)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).isEqualByComparingTo(r.score());
            assertThat(r.score().doubleValue()).isBetween(0.0, 100.0);
        }
    }

    @Test
    void theBestAndTheWorstOpportunity() {
        assertThat(rules.score(inputs("5000000", RiskLevel.LOW, 5, Competition.NONE, Tier.PRIVATE, 5, 3, 0, 5))
                .score()).isEqualByComparingTo("100.0");
        assertThat(rules.score(inputs("0", RiskLevel.HIGH, 1, Competition.STRONG, Tier.MASS, 0, 365, null, 0))
                .score()).isEqualByComparingTo("8.0");
    }

    @Test
    void everyMappingIsMonotone() {
        double last = -1;
        for (int r : new int[]{0, 50, 100, 101, 1000, 10_000, 99_999, 1_000_000, 5_000_000}) {
            double v = rules.revenue(BigDecimal.valueOf(r));
            assertThat(v).isGreaterThanOrEqualTo(last).isBetween(0.0, 100.0);
            last = v;
        }
        last = 101;
        for (long days = -10; days <= 400; days++) {
            double v = ScoringRules.urgency(days);
            assertThat(v).isLessThanOrEqualTo(last);
            last = v;
        }
        last = -1;
        for (int p = 0; p <= 8; p++) {
            double v = ScoringRules.relationship(p);
            assertThat(v).isGreaterThanOrEqualTo(last);
            last = v;
        }
        for (int count = 0; count <= 6; count++) {
            last = 101;
            for (int since = 0; since <= 40; since++) {
                double v = ScoringRules.engagement(since, count);
                assertThat(v).isLessThanOrEqualTo(last);
                assertThat(v).isGreaterThanOrEqualTo(ScoringRules.engagement(null, count));
                last = v;
            }
        }
        assertThat(ScoringRules.customerValue(Tier.MASS)).isLessThan(ScoringRules.customerValue(Tier.GOLD));
        assertThat(ScoringRules.customerValue(Tier.PRIVATE)).isEqualTo(100);
        assertThat(ScoringRules.customerValue(Tier.STRATEGIC)).isEqualTo(100);
        assertThat(ScoringRules.customerValue(Tier.LONG_TAIL)).isEqualTo(25);
    }

    @ParameterizedTest
    @CsvSource({"80.0, A", "79.9, B", "60.0, B", "59.9, C", "40.0, C", "39.9, D", "0.0, D", "100.0, A"})
    void bandsFollowTheThresholdsInclusive(String score, String band) {
        assertThat(rules.band(new BigDecimal(score))).isEqualTo(band);
    }

    @Test
    void weightsMustBeTheEightFactorsAtLeastZeroSummingToHundred() {
        Map<Factor, Integer> w = defaults();
        w.put(Factor.REVENUE, 31);
        assertThatThrownBy(() -> ScoringRules.validateWeights(w)).hasMessageContaining("100");
        Map<Factor, Integer> negative = defaults();
        negative.put(Factor.REVENUE, 40);
        negative.put(Factor.RISK, -10);
        negative.put(Factor.DEMAND, 30);
        assertThatThrownBy(() -> ScoringRules.validateWeights(negative)).hasMessageContaining("at least 0");
        Map<Factor, Integer> missing = defaults();
        missing.remove(Factor.ENGAGEMENT);
        assertThatThrownBy(() -> ScoringRules.validateWeights(missing)).hasMessageContaining("eight");
        assertThatThrownBy(() -> new ScoringRules(defaults(), 60, 80, 40, BigDecimal.ONE, BigDecimal.TEN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
