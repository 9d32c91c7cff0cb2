package org.bankcrm.service.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bankcrm.service.ReadModelFixture;
import org.bankcrm.service.org.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The criteria's SQL on PostgreSQL at fixed days: age in whole years around birthdays (a leap-day birthday too),
 * agreeing with PostgreSQL's own {@code age()}; the creator's scope.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class SegmentQueryTest {

    @Autowired
    JdbcClient jdbc;

    private ReadModelFixture fx;
    private SegmentQuery query;
    private Scope head;

    @BeforeEach
    void rows() {
        fx = new ReadModelFixture(jdbc, "SQT");
        query = new SegmentQuery(jdbc);
        head = new Scope(Scope.Kind.SUBTREE, fx.staff("SQThead", "BRANCH_HEAD"), fx.branchPath);
        // The fixture's own customer has no birth date.
        born("SQTleap", LocalDate.of(2000, 2, 29));
        born("SQTnewyear", LocalDate.of(2000, 1, 1));
        born("SQTeve", LocalDate.of(1999, 12, 31));
    }

    private void born(String no, LocalDate birth) {
        fx.customer(no);
        jdbc.sql("update customer set birth_date = :b where customer_no = :no").param("b", birth).param("no", no)
                .update();
    }

    private static SegmentCriteria ages(Integer min, Integer max) {
        return new SegmentCriteria(null, null, min, max, null, null, null, null, null, null, null, null);
    }

    private List<String> matching(SegmentCriteria c, LocalDate today) {
        List<Long> ids = new ArrayList<>();
        query.eachId(c, head, today, ids::add);
        return ids.stream().map(id -> jdbc.sql("select customer_no from customer where id = :id").param("id", id)
                .query(String.class).single()).sorted().toList();
    }

    @Test
    void aLeapDayBirthdayCountsOnTheFirstOfMarchInOtherYears() {
        assertThat(matching(ages(25, 25), LocalDate.of(2025, 2, 28))).containsExactly("SQTeve", "SQTnewyear");
        assertThat(matching(ages(25, 25), LocalDate.of(2025, 3, 1)))
                .containsExactly("SQTeve", "SQTleap", "SQTnewyear");
        assertThat(matching(ages(24, 24), LocalDate.of(2025, 2, 28))).containsExactly("SQTleap");
        assertThat(matching(ages(24, 24), LocalDate.of(2024, 2, 29))).containsExactly("SQTeve", "SQTleap",
                "SQTnewyear");
    }

    @Test
    void boundsAreInclusiveAroundTheNewYear() {
        LocalDate eveOf2025 = LocalDate.of(2024, 12, 31);
        // SQTeve turns 25 today; SQTnewyear turns 25 tomorrow.
        assertThat(matching(ages(25, null), eveOf2025)).containsExactly("SQTeve");
        assertThat(matching(ages(null, 24), eveOf2025)).containsExactly("SQTleap", "SQTnewyear");
        assertThat(matching(ages(0, 200), eveOf2025)).hasSize(3);
    }

    @Test
    void theAgeAgreesWithPostgresqlOnEveryDayOfAYear() {
        for (LocalDate d = LocalDate.of(2024, 12, 25); d.isBefore(LocalDate.of(2025, 3, 5)); d = d.plusDays(1)) {
            for (int age = 23; age <= 26; age++) {
                List<String> expected = jdbc.sql("""
                                select c.customer_no from customer c join branch b on b.id = c.branch_id
                                where b.path = :p and c.birth_date is not null
                                  and extract(year from age(cast(:d as date), c.birth_date)) = :a
                                order by c.customer_no""")
                        .param("p", fx.branchPath).param("d", d).param("a", age).query(String.class).list();
                assertThat(matching(ages(age, age), d)).as(d + " age " + age).isEqualTo(expected);
            }
        }
    }

    @Test
    void theCreatorsScopeBoundsTheCount() {
        Scope rm = new Scope(Scope.Kind.OWN, fx.rmId, null);
        assertThat(query.count(SegmentCriteria.none(), head, LocalDate.of(2025, 1, 1))).isEqualTo(4);
        jdbc.sql("update customer set owner_id = null where customer_no = 'SQTeve'").update();
        assertThat(query.count(SegmentCriteria.none(), rm, LocalDate.of(2025, 1, 1))).isEqualTo(3);
        assertThat(query.count(SegmentCriteria.none(), new Scope(Scope.Kind.NONE, 0, null),
                LocalDate.of(2025, 1, 1))).isZero();
    }
}
