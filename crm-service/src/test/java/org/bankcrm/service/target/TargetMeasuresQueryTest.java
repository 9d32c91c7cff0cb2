package org.bankcrm.service.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.ReadModelFixture;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.target.TargetAttainmentQuery.Attainment;
import org.bankcrm.service.target.TargetAttainmentQuery.Coverage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The measures beyond won business (D48) against hand-built rows on PostgreSQL: new customers, AUM growth of a book
 * (a customer without history in the end month or the month before counts 0; a period without any history has no
 * figure), follow-up activity against quota × weeks, and the pipeline coverage of a won-amount target.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(TargetAttainmentQuery.class)
class TargetMeasuresQueryTest {

    @Autowired JdbcClient jdbc;
    @Autowired TargetAttainmentQuery query;

    private ReadModelFixture fx;
    private long otherRm;

    @BeforeEach
    void rows() {
        fx = new ReadModelFixture(jdbc, "TMQ");
        otherRm = fx.staff("TMQrm2", "RM");
    }

    private void target(String measure, String type, LocalDate start, Long rmId, Long branchId, String amount,
                        Integer count) {
        jdbc.sql("""
                        insert into target (measure, period_type, period_start, rm_id, branch_id, target_amount,
                                            target_count)
                        values (:m, :type, :start, :rm, :branch, cast(:amount as numeric), :count)""")
                .param("m", measure).param("type", type).param("start", start).param("rm", rmId)
                .param("branch", branchId).param("amount", amount).param("count", count).update();
    }

    private long customer(String no, Long owner, String createdAt) {
        return jdbc.sql("""
                        insert into customer (customer_no, type, name, branch_id, tier, owner_id, created_at)
                        values (:no, 'RETAIL', :no, :b, 'MASS', :o, cast(:at as timestamptz)) returning id""")
                .param("no", no).param("b", fx.branchId).param("o", owner).param("at", createdAt)
                .query(Long.class).single();
    }

    private void aum(long customer, String month, String amount) {
        jdbc.sql("insert into aum_monthly (customer_id, month, avg_aum) values (:c, cast(:m as date), "
                        + "cast(:a as numeric))")
                .param("c", customer).param("m", month).param("a", amount).update();
    }

    private List<Attainment> attainment(LocalDate from, LocalDate to) {
        ScopeSql scope = ScopeSql.of(new Scope(Scope.Kind.SUBTREE, 0, fx.branchPath),
                TargetAttainmentQuery.OWNER_COLUMN, TargetAttainmentQuery.PATH_COLUMN);
        return query.attainment(scope, from, to);
    }

    @Test
    void newCustomersAreThoseCreatedInThePeriodWithAnOwnerTheRmsOrTheSubtrees() {
        target("NEW_CUSTOMERS", "MONTH", LocalDate.of(2025, 3, 1), fx.rmId, null, null, 4);
        target("NEW_CUSTOMERS", "MONTH", LocalDate.of(2025, 3, 1), null, fx.branchId, null, 6);
        customer("TMQn1", fx.rmId, "2025-03-01T00:00:00+08:00");
        customer("TMQn2", fx.rmId, "2025-03-31T23:59:00+08:00");
        customer("TMQn3", fx.rmId, "2025-04-01T00:00:00+08:00");   // April in the bank's zone
        customer("TMQn4", fx.rmId, "2025-02-28T23:59:00+08:00");
        customer("TMQn5", otherRm, "2025-03-15T10:00:00+08:00");  // the branch's, not the RM's
        customer("TMQn6", null, "2025-03-15T10:00:00+08:00");     // no owner: not counted

        List<Attainment> rows = attainment(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31));
        assertThat(rows).hasSize(2);
        Attainment branch = rows.get(0);
        assertThat(branch.measure()).isEqualTo(TargetMeasure.NEW_CUSTOMERS);
        assertThat(branch.rm()).isNull();
        assertThat(branch.actualCount()).isEqualTo(3);
        assertThat(branch.countRate()).isEqualByComparingTo("0.5000");
        assertThat(branch.coverageState()).isNull();
        Attainment rm = rows.get(1);
        assertThat(rm.rm()).isEqualTo("TMQrm");
        assertThat(rm.actualCount()).isEqualTo(2);
        assertThat(rm.expectedCount()).isEqualTo(4);
        assertThat(rm.countRate()).isEqualByComparingTo("0.5000");
    }

    @Test
    void aumGrowthCountsACustomerWithoutHistoryInAMonthAsZero() {
        target("AUM_GROWTH", "QUARTER", LocalDate.of(2025, 1, 1), fx.rmId, null, "1000.00", null);
        long a = customer("TMQa", fx.rmId, "2024-01-01T00:00:00+08:00");
        long b = customer("TMQb", fx.rmId, "2024-01-01T00:00:00+08:00");
        long c = customer("TMQc", fx.rmId, "2024-01-01T00:00:00+08:00");
        long other = customer("TMQd", otherRm, "2024-01-01T00:00:00+08:00");
        aum(a, "2024-12-01", "100.00");
        aum(a, "2025-03-01", "150.00");     // +50
        aum(b, "2025-03-01", "200.00");     // no December: +200
        aum(c, "2024-12-01", "300.00");
        aum(c, "2025-01-01", "10.00");      // no March: -300
        aum(other, "2024-12-01", "0.00");
        aum(other, "2025-03-01", "9999.00"); // another RM's book
        aum(a, "2025-04-01", "7777.00");    // after the quarter

        Attainment g = attainment(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31)).get(0);
        assertThat(g.measure()).isEqualTo(TargetMeasure.AUM_GROWTH);
        assertThat(g.aumMonth()).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(g.actualAmount()).isEqualByComparingTo("-50.00");
        assertThat(g.amountRate()).isEqualByComparingTo("-0.0500");
        assertThat(g.bar()).isZero();
    }

    @Test
    void aumGrowthEndsAtThePeriodsLastMonthWithHistoryAndHasNoFigureWithoutAny() {
        target("AUM_GROWTH", "QUARTER", LocalDate.of(2025, 1, 1), null, fx.branchId, "500.00", null);
        target("AUM_GROWTH", "QUARTER", LocalDate.of(2025, 4, 1), null, fx.branchId, "500.00", null);
        long a = customer("TMQa", fx.rmId, "2024-01-01T00:00:00+08:00");
        long u = customer("TMQu", null, "2024-01-01T00:00:00+08:00");   // the branch's book has unowned ones
        aum(a, "2024-12-01", "1000.00");
        aum(a, "2025-02-01", "1250.00");    // the last month of Q1 with history: February
        aum(u, "2025-02-01", "125.50");     // no December: +125.50

        List<Attainment> rows = attainment(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 30));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).periodStart()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(rows.get(0).aumMonth()).isEqualTo(LocalDate.of(2025, 2, 1));
        assertThat(rows.get(0).actualAmount()).isEqualByComparingTo("375.50");
        assertThat(rows.get(0).amountRate()).isEqualByComparingTo("0.7510");
        // Q2: no month of the quarter has history: no figure, no rate (not a growth of 0 nor of −1250)
        assertThat(rows.get(1).periodStart()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(rows.get(1).aumMonth()).isNull();
        assertThat(rows.get(1).actualAmount()).isNull();
        assertThat(rows.get(1).amountRate()).isNull();
    }

    @Test
    void activityIsFollowUpsAgainstTheWeeklyQuotaTimesTheWeeksBeginningInThePeriod() {
        target("ACTIVITY", "MONTH", LocalDate.of(2026, 2, 1), fx.rmId, null, null, 3);
        for (int d = 2; d <= 6; d++) {
            fx.followUp(null, OffsetDateTime.parse("2026-02-0" + d + "T10:00:00+08:00"), null, false);
        }
        fx.followUp(null, OffsetDateTime.parse("2026-02-28T23:30:00+08:00"), null, false);
        fx.followUp(null, OffsetDateTime.parse("2026-03-01T00:05:00+08:00"), null, false);   // March
        fx.followUp(null, OffsetDateTime.parse("2026-01-31T23:59:00+08:00"), null, false);   // January

        Attainment a = attainment(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)).get(0);
        assertThat(a.measure()).isEqualTo(TargetMeasure.ACTIVITY);
        assertThat(a.weeks()).isEqualTo(4);
        assertThat(a.targetCount()).isEqualTo(3);
        assertThat(a.expectedCount()).isEqualTo(12);
        assertThat(a.actualCount()).isEqualTo(6);
        assertThat(a.countRate()).isEqualByComparingTo("0.5000");
    }

    @ParameterizedTest(name = "{0} from {1}: {2} weeks")
    @CsvSource({"MONTH, 2026-02-01, 4", "MONTH, 2026-03-01, 5", "MONTH, 2026-06-01, 5", "QUARTER, 2026-01-01, 13",
            "QUARTER, 2025-10-01, 13", "QUARTER, 2026-04-01, 13", "QUARTER, 2024-07-01, 14"})
    void aWeekIsOneWhoseMondayFallsInThePeriod(Period.Type type, LocalDate start, int weeks) {
        assertThat(TargetAttainmentQuery.weeks(new Period(type, start))).isEqualTo(weeks);
    }

    @Test
    void coverageIsTheWeightedPipelineOverWhatIsLeftMetWhenNothingIsLeftAndNothingWithoutAnAmount() {
        target("WON", "MONTH", LocalDate.of(2025, 3, 1), fx.rmId, null, "1000.00", null);
        target("WON", "MONTH", LocalDate.of(2025, 4, 1), fx.rmId, null, "300.00", null);
        target("WON", "MONTH", LocalDate.of(2025, 5, 1), fx.rmId, null, null, 2);
        fx.won("WEALTH", new BigDecimal("400.00"), OffsetDateTime.parse("2025-03-10T10:00:00+08:00"));
        fx.won("WEALTH", new BigDecimal("300.00"), OffsetDateTime.parse("2025-04-10T10:00:00+08:00"));
        fx.open("WEALTH", OffsetDateTime.parse("2025-03-01T10:00:00+08:00"));
        fx.open("DEP_TIME", OffsetDateTime.parse("2025-03-01T10:00:00+08:00"));
        int p = jdbc.sql("select probability from stage_setting where stage = 'IDENTIFIED'").query(Integer.class)
                .single();
        BigDecimal weighted = new BigDecimal("200000.00").multiply(BigDecimal.valueOf(p)).movePointLeft(2)
                .setScale(2, RoundingMode.HALF_UP);

        List<Attainment> rows = attainment(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 5, 31));
        assertThat(rows).hasSize(3);
        Attainment march = rows.get(0);
        assertThat(march.weightedPipeline()).isEqualByComparingTo(weighted);
        assertThat(march.remaining()).isEqualByComparingTo("600.00");
        assertThat(march.coverageState()).isEqualTo(Coverage.RATIO);
        assertThat(march.coverage()).isEqualByComparingTo(weighted.divide(new BigDecimal("600.00"), 4,
                RoundingMode.HALF_UP));
        Attainment april = rows.get(1);
        assertThat(april.remaining()).isEqualByComparingTo("0.00");
        assertThat(april.coverageState()).isEqualTo(Coverage.MET);
        assertThat(april.coverage()).isNull();
        Attainment may = rows.get(2);
        assertThat(may.coverageState()).isEqualTo(Coverage.NO_AMOUNT);
        assertThat(may.coverage()).isNull();
        assertThat(may.weightedPipeline()).isNull();
    }
}
