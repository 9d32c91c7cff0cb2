package org.bankcrm.service.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.scoring.ScoreInputs;
import org.bankcrm.service.ReadModelFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What scoring reads and writes, on PostgreSQL: an open opportunity's inputs as they stand, which open ones a
 * re-scoring visits, scores written only to open ones, and a re-scoring's progress. Inside the test's transaction,
 * rolled back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ScoringQueries.class, ScoringStore.class})
class ScoringQueriesTest {

    private static final int VERSION = 9_999;

    @Autowired JdbcClient jdbc;
    @Autowired ScoringQueries queries;
    @Autowired ScoringStore store;

    @Test
    void anOpenOpportunitysInputsAreReadByColumnAndClosedOnesAreLeftOut() {
        ReadModelFixture fx = new ReadModelFixture(jdbc, "SQT");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        long open = fx.open("WEALTH", at.minusDays(10));
        long won = fx.won("WEALTH", new BigDecimal("5000"), at.minusDays(1));
        fx.followUp(open, at.minusDays(2), null, false);
        LocalDate today = LocalDate.of(2029, 12, 1);

        ScoringQueries.Scoring read = queries.openInputs(List.of(open, won), now, today);

        assertThat(read.model()).as("the active model, read with them").isEqualTo(queries.activeModel());
        assertThat(read.model()).isPresent();
        assertThat(read.open()).extracting(ScoringQueries.OpenInputs::id).containsExactly(open);
        ScoreInputs in = read.open().getFirst().inputs();
        assertThat(in.expectedRevenue()).isEqualByComparingTo("1000");
        assertThat(in.riskLevel()).isEqualTo(RiskLevel.LOW);
        assertThat(in.needStrength()).isEqualTo(3);
        assertThat(in.competition()).isEqualTo(Competition.NONE);
        assertThat(in.tier()).isEqualTo(Tier.MASS);
        assertThat(in.distinctProducts()).isZero();
        assertThat(in.daysToClose()).isEqualTo(31);
        assertThat(in.daysSinceFollowUp()).isEqualTo(2);
        assertThat(in.followUps30Days()).isEqualTo(1);
    }

    @Test
    void theActiveModelIsReadEvenWhenNoneOfTheOpportunitiesIsOpen() {
        ReadModelFixture fx = new ReadModelFixture(jdbc, "SQM");
        long won = fx.won("WEALTH", new BigDecimal("5000"), OffsetDateTime.now(ZoneOffset.UTC).minusDays(1));

        ScoringQueries.Scoring read = queries.openInputs(List.of(won), Instant.now(), LocalDate.now());

        assertThat(read.open()).isEmpty();
        assertThat(read.model()).isPresent().isEqualTo(queries.activeModel());
    }

    @Test
    void aRepriceGivesOpenOpportunitiesTheirProductsRateNowAndLeavesClosedOnes() {
        ReadModelFixture fx = new ReadModelFixture(jdbc, "SQR");
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        long open = fx.open("WEALTH", at.minusDays(3));
        long won = fx.won("WEALTH", new BigDecimal("100000"), at.minusDays(1));
        jdbc.sql("update product set revenue_rate = 0.01234 where code = 'WEALTH'").update();

        assertThat(store.reprice(List.of(open, won))).isEqualTo(1);
        assertThat(store.reprice(List.of(open, won))).as("nothing left to change").isZero();

        assertThat(revenue(open)).isEqualByComparingTo("1234.00");
        assertThat(revenue(won)).isEqualByComparingTo("1000");
    }

    private BigDecimal revenue(long opportunity) {
        return jdbc.sql("select expected_revenue from opportunity where id = :id").param("id", opportunity)
                .query(BigDecimal.class).single();
    }

    @Test
    void scoresAreWrittenToOpenOpportunitiesOnlyAndCountTowardsTheProgress() {
        ReadModelFixture fx = new ReadModelFixture(jdbc, "SQS");
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        long open = fx.open("WEALTH", at.minusDays(10));
        long won = fx.won("WEALTH", new BigDecimal("5000"), at.minusDays(1));

        assertThat(queries.openIdsOfCustomers(List.of(fx.customerId))).containsExactly(open);
        assertThat(queries.openIdsAfter(open - 1, 1)).containsExactly(open);
        assertThat(queries.openIdsOfProductAfter("WEALTH", open - 1, 10)).contains(open).doesNotContain(won);
        assertThat(queries.openIdsBehindActiveModelAfter(open - 1, 10)).contains(open);
        assertThat(queries.progress(VERSION).scored()).isZero();

        int written = store.write(VERSION, at.toInstant(), List.of(
                new ScoringStore.Scored(open, new BigDecimal("55.5"), "B", "[]"),
                new ScoringStore.Scored(won, new BigDecimal("66.6"), "A", "[]")));

        assertThat(written).as("the closed one keeps what it had").isEqualTo(1);
        assertThat(jdbc.sql("select band from opportunity where id = :id").param("id", open).query(String.class)
                .single()).isEqualTo("B");
        assertThat(jdbc.sql("select count(*) from opportunity where id = :id and score_model_version is null")
                .param("id", won).query(Long.class).single()).isEqualTo(1);
        ScoringModelService.Progress progress = queries.progress(VERSION);
        assertThat(progress.scored()).isEqualTo(1);
        assertThat(progress.open()).isGreaterThanOrEqualTo(1);
    }
}
