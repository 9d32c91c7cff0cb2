package org.bankcrm.service.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.service.ReadModelFixture;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.tiers.TierQueries.CellRow;
import org.bankcrm.service.tiers.TierReports.Inversion;
import org.bankcrm.service.tiers.TierReports.TierCount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tier migration and structure on PostgreSQL, over hand-built AUM history in a branch of the test's own (the
 * reference thresholds: GOLD from 50,000, PLATINUM 500,000, DIAMOND 2,000,000, PRIVATE 6,000,000):
 * <pre>
 * customer      2031-01        2031-02        migration
 * A   retail    2,500,000.00   1,800,000.00   DIAMOND → PLATINUM
 * A2  retail    2,000,000.00   1,999,999.99   DIAMOND → PLATINUM (both bounds inclusive below)
 * B   retail       40,000.00      50,000.00   MASS → GOLD
 * C   retail      600,000.00     700,000.50   PLATINUM → PLATINUM
 * D   retail       10,000.00   -              excluded: one month only
 * E   corporate 3,000,000.00   3,000,000.00   excluded: corporate (MEDIUM)
 * F   retail    2,500,000.00   1,800,000.00   excluded: another branch
 * </pre>
 * Inside the test's transaction, rolled back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(TierQueries.class)
class TierQueriesTest {

    static final LocalDate DEC = LocalDate.of(2030, 12, 1);
    static final LocalDate JAN = LocalDate.of(2031, 1, 1);
    static final LocalDate FEB = LocalDate.of(2031, 2, 1);
    static final LocalDate MAR = LocalDate.of(2031, 3, 1);

    @Autowired JdbcClient jdbc;
    @Autowired TierQueries queries;

    ReadModelFixture fx;
    ScopeSql head;

    @BeforeEach
    void history() {
        String p = "TQ" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36).toUpperCase();
        fx = new ReadModelFixture(jdbc, p);
        ReadModelFixture other = new ReadModelFixture(jdbc, p + "X");
        head = ScopeSql.of(new Scope(Scope.Kind.SUBTREE, 0, fx.branchPath), "c.owner_id", "b.path");
        aum(retail(fx, p + "A"), "2500000.00", "1800000.00");
        aum(retail(fx, p + "A2"), "2000000.00", "1999999.99");
        aum(retail(fx, p + "B"), "40000.00", "50000.00");
        aum(retail(fx, p + "C"), "600000.00", "700000.50");
        aum(retail(fx, p + "D"), "10000.00", null);
        long e = jdbc.sql("""
                        insert into customer (customer_no, type, name, branch_id, tier, company_size, owner_id)
                        values (:no, 'CORPORATE', :no, :b, 'KEY', 'MEDIUM', :rm) returning id""")
                .param("no", p + "E").param("b", fx.branchId).param("rm", fx.rmId).query(Long.class).single();
        aum(e, "3000000.00", "3000000.00");
        aum(retail(other, p + "F"), "2500000.00", "1800000.00");
    }

    private long retail(ReadModelFixture f, String no) {
        return f.customer(no);
    }

    private void aum(long customer, String jan, String feb) {
        for (var m : new Object[][] {{JAN, jan}, {FEB, feb}}) {
            if (m[1] != null) {
                jdbc.sql("insert into aum_monthly (customer_id, month, avg_aum) values (:c, :m, :a)")
                        .param("c", customer).param("m", m[0]).param("a", new BigDecimal((String) m[1])).update();
            }
        }
    }

    @Test
    void theMatrixCountsRetailCustomersOfTheScopeWithBothMonths() {
        List<CellRow> cells = queries.matrix(head, JAN, FEB);

        assertThat(cells).extracting(CellRow::fromTier, CellRow::toTier, CellRow::movement, CellRow::customers)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Tier.DIAMOND, Tier.PLATINUM, -1, 2L),
                        org.assertj.core.groups.Tuple.tuple(Tier.PLATINUM, Tier.PLATINUM, 0, 1L),
                        org.assertj.core.groups.Tuple.tuple(Tier.MASS, Tier.GOLD, 1, 1L));
        assertThat(cells.get(0).aumFrom()).isEqualByComparingTo("4500000.00");
        assertThat(cells.get(0).aumTo()).isEqualByComparingTo("3799999.99");
        assertThat(cells.get(1).aumFrom()).isEqualByComparingTo("600000.00");
        assertThat(cells.get(1).aumTo()).isEqualByComparingTo("700000.50");
        assertThat(cells.get(2).aumFrom()).isEqualByComparingTo("40000.00");
        assertThat(cells.get(2).aumTo()).isEqualByComparingTo("50000.00");
    }

    @Test
    void aCellListsItsCustomersLargestFirstAndCountsThem() {
        assertThat(queries.count(head, JAN, FEB, Tier.DIAMOND, Tier.PLATINUM)).isEqualTo(2);
        assertThat(queries.count(head, JAN, FEB, null, null)).isEqualTo(4);
        assertThat(queries.count(head, JAN, FEB, Tier.PRIVATE, null)).isZero();
        List<TierQueries.Line> lines = new ArrayList<>();
        queries.each(head, JAN, FEB, Tier.DIAMOND, Tier.PLATINUM, 10, 0, lines::add);
        assertThat(lines).extracting(TierQueries.Line::customerNo)
                .containsExactly(fx.prefix + "A", fx.prefix + "A2");
        assertThat(lines.get(0).ownerRm()).isEqualTo(fx.prefix + "rm");
        assertThat(lines.get(1).aumTo()).isEqualByComparingTo("1999999.99");
        lines.clear();
        queries.each(head, JAN, FEB, Tier.DIAMOND, Tier.PLATINUM, 1, 1, lines::add);
        assertThat(lines).extracting(TierQueries.Line::customerNo).containsExactly(fx.prefix + "A2");
    }

    @Test
    void theCurrentThresholdsClassEveryMonth() {
        jdbc.sql("update tier_threshold set lower_bound = 50000.01 where customer_type = 'RETAIL' and tier = 'GOLD'")
                .update();

        assertThat(queries.matrix(head, JAN, FEB)).extracting(CellRow::fromTier, CellRow::toTier)
                .contains(org.assertj.core.groups.Tuple.tuple(Tier.MASS, Tier.MASS))
                .doesNotContain(org.assertj.core.groups.Tuple.tuple(Tier.MASS, Tier.GOLD));
    }

    @Test
    void theStructureCountsEachMonthAndFlagsInvertedPairs() {
        Map<LocalDate, Map<Tier, TierQueries.TierMonth>> retail = queries.retailByMonth(head, DEC, MAR).stream()
                .collect(Collectors.groupingBy(TierQueries.TierMonth::month,
                        Collectors.toMap(TierQueries.TierMonth::tier, r -> r)));
        assertThat(retail).containsOnlyKeys(JAN, FEB);
        assertThat(retail.get(JAN)).containsOnlyKeys(Tier.MASS, Tier.PLATINUM, Tier.DIAMOND);
        assertThat(retail.get(JAN).get(Tier.MASS).customers()).isEqualTo(2);
        assertThat(retail.get(JAN).get(Tier.MASS).aum()).isEqualByComparingTo("50000.00");
        assertThat(retail.get(JAN).get(Tier.DIAMOND).aum()).isEqualByComparingTo("4500000.00");
        assertThat(retail.get(FEB)).containsOnlyKeys(Tier.GOLD, Tier.PLATINUM);
        assertThat(retail.get(FEB).get(Tier.PLATINUM).customers()).isEqualTo(3);
        assertThat(retail.get(FEB).get(Tier.PLATINUM).aum()).isEqualByComparingTo("4500000.49");
        assertThat(queries.corporateByMonth(head, DEC, MAR))
                .extracting(TierQueries.SizeMonth::month, TierQueries.SizeMonth::size, TierQueries.SizeMonth::customers)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(JAN, CompanySize.MEDIUM, 1L),
                        org.assertj.core.groups.Tuple.tuple(FEB, CompanySize.MEDIUM, 1L));

        List<Tier> tiers = queries.retailTiers();
        assertThat(tiers).containsExactly(Tier.MASS, Tier.GOLD, Tier.PLATINUM, Tier.DIAMOND, Tier.PRIVATE);
        List<TierCount> jan = tiers.stream().map(t -> {
            var r = retail.get(JAN).get(t);
            return new TierCount(t, r == null ? 0 : r.customers(), r == null ? BigDecimal.ZERO : r.aum());
        }).toList();
        assertThat(TierReports.inversions("2031-01", jan)).containsExactly(
                new Inversion("2031-01", Tier.PLATINUM, 1, Tier.GOLD, 0),
                new Inversion("2031-01", Tier.DIAMOND, 2, Tier.PLATINUM, 1));
        // The corporate pyramid: each size against the next smaller; equal counts are no inversion.
        assertThat(TierReports.sizeInversions("2031-01", List.of(new TierReports.SizeCount(CompanySize.LARGE, 3),
                new TierReports.SizeCount(CompanySize.MEDIUM, 2), new TierReports.SizeCount(CompanySize.SMALL, 5),
                new TierReports.SizeCount(CompanySize.MICRO, 5)))).containsExactly(
                new TierReports.SizeInversion("2031-01", CompanySize.LARGE, 3, CompanySize.MEDIUM, 2));
        assertThat(TierReports.sizeInversions("2031-01", List.of(new TierReports.SizeCount(CompanySize.LARGE, 1),
                new TierReports.SizeCount(CompanySize.MEDIUM, 2), new TierReports.SizeCount(CompanySize.SMALL, 3),
                new TierReports.SizeCount(CompanySize.MICRO, 4)))).isEmpty();
    }

    @Test
    void anRmSeesOnlyTheirOwnBook() {
        ScopeSql rm = ScopeSql.of(new Scope(Scope.Kind.OWN, fx.rmId, null), "c.owner_id", "b.path");
        assertThat(queries.count(rm, JAN, FEB, null, null)).isEqualTo(4);
        ScopeSql stranger = ScopeSql.of(new Scope(Scope.Kind.OWN, -1, null), "c.owner_id", "b.path");
        assertThat(queries.matrix(stranger, JAN, FEB)).isEmpty();
    }
}
