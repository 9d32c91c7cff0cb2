package org.bankcrm.service.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.bankcrm.domain.scoring.Factor;
import org.bankcrm.domain.scoring.ScoringRules;
import org.junit.jupiter.api.Test;

/** When a score is the one stored, so that a re-scoring need not write it again (D79). */
class ScoringServiceTest {

    private static final ScoringRules.Result RESULT = new ScoringRules.Result(new BigDecimal("56.7"), "C", List.of(
            new ScoringRules.Part(Factor.REVENUE, new BigDecimal("83.1"), 30, new BigDecimal("24.9")),
            new ScoringRules.Part(Factor.ENGAGEMENT, new BigDecimal("100.0"), 5, new BigDecimal("5.0"))));

    /** As PostgreSQL gives a jsonb value back: keys by length, a space after each colon. */
    private static String stored(String engagementValue, int engagementWeight) {
        return "[{\"value\": 83.1, \"factor\": \"REVENUE\", \"weight\": 30, \"contribution\": 24.9}, "
                + "{\"value\": " + engagementValue + ", \"factor\": \"ENGAGEMENT\", \"weight\": " + engagementWeight
                + ", \"contribution\": 5.0}]";
    }

    @Test
    void theSameValuesAreStoredWhateverTheirScaleOrKeyOrder() {
        var stored = new ScoringQueries.Stored(new BigDecimal("56.70"), "C", 3, stored("100", 5));
        assertThat(ScoringService.isStored(stored, 3, RESULT)).isTrue();
    }

    @Test
    void anotherValueBandModelOrPartIsNotStored() {
        assertThat(ScoringService.isStored(new ScoringQueries.Stored(new BigDecimal("56.8"), "C", 3, stored("100", 5)),
                3, RESULT)).as("value").isFalse();
        assertThat(ScoringService.isStored(new ScoringQueries.Stored(new BigDecimal("56.7"), "B", 3, stored("100", 5)),
                3, RESULT)).as("band").isFalse();
        assertThat(ScoringService.isStored(new ScoringQueries.Stored(new BigDecimal("56.7"), "C", 2, stored("100", 5)),
                3, RESULT)).as("model").isFalse();
        assertThat(ScoringService.isStored(new ScoringQueries.Stored(new BigDecimal("56.7"), "C", 3, stored("80", 5)),
                3, RESULT)).as("a part's value").isFalse();
        assertThat(ScoringService.isStored(new ScoringQueries.Stored(new BigDecimal("56.7"), "C", 3, stored("100", 6)),
                3, RESULT)).as("a part's weight").isFalse();
        assertThat(ScoringService.isStored(new ScoringQueries.Stored(null, null, null, null), 3, RESULT))
                .as("never scored").isFalse();
    }

    @Test
    void anotherContributionFactorOrNumberOfPartsIsNotStored() {
        String contribution = stored("100", 5).replace("\"contribution\": 5.0", "\"contribution\": 5.1");
        String factor = stored("100", 5).replace("ENGAGEMENT", "URGENCY");
        String fewer = stored("100", 5).substring(0, stored("100", 5).indexOf("}, {") + 1) + "]";
        for (String breakdown : List.of(contribution, factor, fewer)) {
            assertThat(ScoringService.isStored(new ScoringQueries.Stored(new BigDecimal("56.7"), "C", 3, breakdown),
                    3, RESULT)).as(breakdown).isFalse();
        }
    }

    @Test
    void aBreakdownMissingOrUnreadableIsWrittenAgain() {
        for (String breakdown : new String[] {null, "", "not json", "[{\"factor\": \"REVENUE\"}]"}) {
            assertThat(ScoringService.isStored(new ScoringQueries.Stored(new BigDecimal("56.7"), "C", 3, breakdown),
                    3, RESULT)).as(String.valueOf(breakdown)).isFalse();
        }
    }
}
