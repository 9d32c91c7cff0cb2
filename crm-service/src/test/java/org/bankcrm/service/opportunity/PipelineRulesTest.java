package org.bankcrm.service.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.bankcrm.service.ReadModelFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pipeline's named rules, each run as SQL on PostgreSQL over rows made for it: stalled, overdue and reached a
 * stage. A slice: the migrated schema and JDBC, not the application.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class PipelineRulesTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2025-03-20T10:00:00+08:00");
    private static final LocalDate TODAY = NOW.toLocalDate();

    @Autowired JdbcClient jdbc;

    private ReadModelFixture fx;

    @BeforeEach
    void rows() {
        fx = new ReadModelFixture(jdbc, "PRT");
    }

    private List<Long> stalled(OffsetDateTime before) {
        return jdbc.sql("select o.id" + PipelineRules.FROM_OPPORTUNITY + "where " + PipelineRules.STALLED
                        + " and b.id = :b order by o.id")
                .param("before", before).param("b", fx.branchId).query(Long.class).list();
    }

    @Test
    void anOpenOpportunityUntouchedSinceTheStalledDaysIsStalled() {
        long untouched = fx.open("WEALTH", NOW.minusDays(30));
        long touchedLongAgo = fx.open("WEALTH", NOW.minusDays(30));
        fx.followUp(touchedLongAgo, NOW.minusDays(20), null, false);
        long touchedLately = fx.open("WEALTH", NOW.minusDays(30));
        fx.followUp(touchedLately, NOW.minusDays(3), null, false);
        long young = fx.open("WEALTH", NOW.minusDays(5));
        fx.won("WEALTH", new java.math.BigDecimal("1000.00"), NOW.minusDays(25));

        OffsetDateTime before = PipelineRules.stalledBefore(java.time.Clock.fixed(NOW.toInstant(),
                java.time.ZoneOffset.UTC), 14);
        assertThat(stalled(before)).containsExactly(untouched, touchedLongAgo);
        assertThat(stalled(before)).doesNotContain(touchedLately, young);
    }

    @Test
    void aNextActionIsOverdueWhenPastDueNotDoneAndOnACustomerOrAnOpenOpportunity() {
        long open = fx.open("WEALTH", NOW.minusDays(30));
        long won = fx.won("WEALTH", new java.math.BigDecimal("1000.00"), NOW.minusDays(2));
        long onCustomer = fx.followUp(null, NOW.minusDays(5), TODAY.minusDays(1), false);
        long onOpen = fx.followUp(open, NOW.minusDays(5), TODAY.minusDays(3), false);
        fx.followUp(won, NOW.minusDays(5), TODAY.minusDays(3), false);
        fx.followUp(open, NOW.minusDays(5), TODAY.minusDays(3), true);
        fx.followUp(open, NOW.minusDays(5), TODAY, false);

        List<Long> overdue = jdbc.sql("select f.id" + PipelineRules.FROM_ACTION + "where " + PipelineRules.OVERDUE
                        + " and b.id = :b order by f.id")
                .param("today", TODAY).param("b", fx.branchId).query(Long.class).list();
        assertThat(overdue).containsExactly(onCustomer, onOpen);
    }

    @Test
    void anOpportunityReachedTheFurthestStageItsHistoryOrItsStageShows() {
        long identified = fx.open("WEALTH", NOW.minusDays(30));
        long movedBack = fx.open("WEALTH", NOW.minusDays(30));
        jdbc.sql("""
                        insert into opportunity_history (opportunity_id, event, from_value, to_value)
                        values (:o, 'STAGE', 'IDENTIFIED', 'PROPOSAL')""")
                .param("o", movedBack).update();
        long won = fx.won("WEALTH", new java.math.BigDecimal("1000.00"), NOW.minusDays(2));

        assertThat(rank(identified)).isEqualTo(1);
        assertThat(rank(movedBack)).isEqualTo(4);
        assertThat(rank(won)).isEqualTo(6);
        assertThat(jdbc.sql("select o.id from opportunity o where o.branch_id = :b and "
                        + PipelineRules.reachedAtLeast("stage") + " order by o.id")
                .param("b", fx.branchId).param("stage", "QUALIFIED").query(Long.class).list())
                .containsExactly(movedBack, won);
    }

    private int rank(long id) {
        return jdbc.sql("select " + PipelineRules.REACHED_RANK + " from opportunity o where o.id = :id")
                .param("id", id).query(Integer.class).single();
    }
}
