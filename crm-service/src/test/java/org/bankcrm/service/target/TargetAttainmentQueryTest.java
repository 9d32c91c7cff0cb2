package org.bankcrm.service.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.ReadModelFixture;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.target.TargetAttainmentQuery.Attainment;
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
 * Target attainment on PostgreSQL: a deal counts in the target period its close falls in, in the bank's zone;
 * an RM's target counts their wins, a branch's its subtree's, a category target only that category. A slice: the
 * migrated schema, JDBC and the query, not the application.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(TargetAttainmentQuery.class)
class TargetAttainmentQueryTest {

    @Autowired JdbcClient jdbc;
    @Autowired TargetAttainmentQuery query;

    private ReadModelFixture fx;

    @BeforeEach
    void rows() {
        fx = new ReadModelFixture(jdbc, "TAQ");
    }

    private void target(String type, LocalDate start, Long rmId, Long branchId, String category, String amount,
                        Integer count) {
        jdbc.sql("""
                        insert into target (period_type, period_start, rm_id, branch_id, product_category,
                                            target_amount, target_count)
                        values (:type, :start, :rm, :branch, :category, cast(:amount as numeric), :count)""")
                .param("type", type).param("start", start).param("rm", rmId).param("branch", branchId)
                .param("category", category).param("amount", amount).param("count", count).update();
    }

    private List<Attainment> attainment(LocalDate from, LocalDate to) {
        ScopeSql scope = ScopeSql.of(new Scope(Scope.Kind.SUBTREE, 0, fx.branchPath),
                TargetAttainmentQuery.OWNER_COLUMN, TargetAttainmentQuery.PATH_COLUMN);
        return query.attainment(scope, from, to);
    }

    @Test
    void aMonthTargetCountsTheWinsClosedWithinTheMonthInTheBankZone() {
        target("MONTH", LocalDate.of(2025, 3, 1), fx.rmId, null, null, "3000.00", 2);
        fx.won("WEALTH", new BigDecimal("500.00"), OffsetDateTime.parse("2025-03-01T00:00:00+08:00"));
        fx.won("DEP_TIME", new BigDecimal("1000.00"), OffsetDateTime.parse("2025-03-31T23:30:00+08:00"));
        // 1 April in Shanghai, still 31 March in UTC: April's
        fx.won("WEALTH", new BigDecimal("5000.00"), OffsetDateTime.parse("2025-04-01T00:10:00+08:00"));
        fx.won("WEALTH", new BigDecimal("7000.00"), OffsetDateTime.parse("2025-02-28T23:59:00+08:00"));

        assertThat(attainment(LocalDate.of(2025, 3, 10), LocalDate.of(2025, 3, 20))).singleElement()
                .satisfies(a -> {
                    assertThat(a.rm()).isEqualTo("TAQrm");
                    assertThat(a.actualCount()).isEqualTo(2);
                    assertThat(a.actualAmount()).isEqualByComparingTo("1500.00");
                    assertThat(a.amountRate()).isEqualByComparingTo("0.5000");
                    assertThat(a.countRate()).isEqualByComparingTo("1.0000");
                    assertThat(a.bar()).isEqualTo(50);
                });
        assertThat(attainment(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 30))).isEmpty();
    }

    @Test
    void aQuarterTargetOfABranchCountsItsSubtreeInItsCategoryOverTheWholeQuarter() {
        target("QUARTER", LocalDate.of(2025, 1, 1), null, fx.branchId, "WEALTH", null, 4);
        fx.won("WEALTH", new BigDecimal("100.00"), OffsetDateTime.parse("2025-01-01T00:00:00+08:00"));
        fx.won("FUND", new BigDecimal("200.00"), OffsetDateTime.parse("2025-02-15T12:00:00+08:00"));
        fx.won("DEP_TIME", new BigDecimal("300.00"), OffsetDateTime.parse("2025-03-15T12:00:00+08:00"));
        fx.won("WEALTH", new BigDecimal("400.00"), OffsetDateTime.parse("2025-04-01T00:00:00+08:00"));

        assertThat(attainment(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31))).singleElement()
                .satisfies(a -> {
                    assertThat(a.rm()).isNull();
                    assertThat(a.category()).isEqualTo(ProductCategory.WEALTH);
                    assertThat(a.actualCount()).isEqualTo(2);
                    assertThat(a.actualAmount()).isEqualByComparingTo("300.00");
                    assertThat(a.amountRate()).isNull();
                    assertThat(a.countRate()).isEqualByComparingTo("0.5000");
                });
    }

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource({"MONTH, 2024-02-01", "MONTH, 2025-12-01", "QUARTER, 2025-10-01", "QUARTER, 2024-01-01"})
    void theSqlOfAPeriodsEndIsTheDomainsEnd(Period.Type type, LocalDate start) {
        LocalDate end = jdbc.sql("select " + TargetQueries.PERIOD_END
                        + " from (select cast(:start as date) as period_start, :type as period_type) t")
                .param("start", start).param("type", type.name()).query(LocalDate.class).single();
        assertThat(end).isEqualTo(new Period(type, start).endExclusive());
    }
}
