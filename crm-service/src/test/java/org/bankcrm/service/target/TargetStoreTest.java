package org.bankcrm.service.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.ReadModelFixture;
import org.bankcrm.service.target.TargetQueries.TargetView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writing targets with their version (D11) on PostgreSQL: one target per RM or branch, period and category; a
 * second insert of the same key and an update at a stale version both change nothing.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({TargetQueries.class, TargetStore.class})
class TargetStoreTest {

    @Autowired JdbcClient jdbc;
    @Autowired TargetQueries queries;
    @Autowired TargetStore store;

    @Test
    void aTargetIsWrittenOncePerKeyAndChangedOnlyAtTheVersionRead() {
        ReadModelFixture fx = new ReadModelFixture(jdbc, "TST");
        Period q3 = new Period(Period.Type.QUARTER, LocalDate.of(2025, 7, 1));
        assertThat(queries.byKey(TargetMeasure.WON, q3, null, fx.rmId, ProductCategory.WEALTH)).isEmpty();

        Long id = store.insert(TargetMeasure.WON, q3, null, fx.rmId, ProductCategory.WEALTH,
                new BigDecimal("100.00"), null, fx.rmId);
        assertThat(id).isNotNull();
        assertThat(store.insert(TargetMeasure.WON, q3, null, fx.rmId, ProductCategory.WEALTH,
                new BigDecimal("200.00"), null, fx.rmId)).as("the same key again").isNull();
        // another measure is another target
        assertThat(store.insert(TargetMeasure.NEW_CUSTOMERS, q3, null, fx.rmId, null, null, 4, fx.rmId)).isNotNull();
        // another category is another target
        assertThat(store.insert(TargetMeasure.WON, q3, null, fx.rmId, null, null, 3, fx.rmId)).isNotNull();

        TargetView read = queries.byKey(TargetMeasure.WON, q3, null, fx.rmId, ProductCategory.WEALTH).orElseThrow();
        assertThat(read.id()).isEqualTo(id);
        assertThat(read.version()).isZero();
        assertThat(read.amount()).isEqualByComparingTo("100.00");

        assertThat(store.update(id, 0, new BigDecimal("300.00"), 5, fx.rmId)).isTrue();
        assertThat(store.update(id, 0, new BigDecimal("400.00"), 6, fx.rmId)).as("stale").isFalse();
        TargetView now = queries.byKey(TargetMeasure.WON, q3, null, fx.rmId, ProductCategory.WEALTH).orElseThrow();
        assertThat(now.version()).isEqualTo(1);
        assertThat(now.amount()).isEqualByComparingTo("300.00");
        assertThat(now.count()).isEqualTo(5);
    }
}
