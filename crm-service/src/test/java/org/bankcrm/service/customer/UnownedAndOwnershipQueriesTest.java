package org.bankcrm.service.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.service.ReadModelFixture;
import org.bankcrm.service.coverage.ServiceStandardStore;
import org.bankcrm.service.customer.CustomerAssignment.UnownedCustomer;
import org.bankcrm.service.org.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The unowned high-tier list (order, tiers, scope, paging) and the count of pending next actions that change hands,
 * on PostgreSQL over rows made for them (D32).
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class UnownedAndOwnershipQueriesTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2025-03-20T10:00:00+08:00");

    @Autowired JdbcClient jdbc;

    private ReadModelFixture fx;
    private UnownedCustomerQuery unowned;
    private OwnershipStore store;

    @BeforeEach
    void rows() {
        fx = new ReadModelFixture(jdbc, "UNQ");
        unowned = new UnownedCustomerQuery(jdbc);
        store = new OwnershipStore(jdbc);
    }

    private void customer(String no, String type, String tier, long aum, Long owner) {
        jdbc.sql("""
                        insert into customer (customer_no, type, name, branch_id, tier, aum, owner_id)
                        values (:no, :type, :no, :b, :tier, :aum, :owner)""")
                .param("no", no).param("type", type).param("b", fx.branchId).param("tier", tier).param("aum", aum)
                .param("owner", owner).update();
    }

    @Test
    void theHighestTierComesFirstThenTheLargestAumAndOnlyUnownedHighTiersInScope() {
        customer("UNQ-G", "RETAIL", "GOLD", 90_000, null);
        customer("UNQ-K", "CORPORATE", "KEY", 10, null);
        customer("UNQ-D", "RETAIL", "DIAMOND", 3_000_000, null);
        customer("UNQ-P1", "RETAIL", "PRIVATE", 6_500_000, null);
        customer("UNQ-S", "CORPORATE", "STRATEGIC", 7_000_000, null);
        customer("UNQ-M", "RETAIL", "MASS", 1_000, null);
        customer("UNQ-L", "CORPORATE", "LONG_TAIL", 1_000, null);
        customer("UNQ-OWNED", "RETAIL", "PRIVATE", 9_000_000, fx.rmId);
        Scope head = new Scope(Scope.Kind.SUBTREE, 1, fx.branchPath);
        List<Tier> high = List.copyOf(new HighTiers(new ServiceStandardStore(jdbc)).tiers());

        assertThat(unowned.page(head, high, null, 0, 50).stream().map(UnownedCustomer::customerNo))
                .containsExactly("UNQ-S", "UNQ-P1", "UNQ-D", "UNQ-K", "UNQ-G");
        assertThat(unowned.count(head, high, null)).isEqualTo(5);
        assertThat(unowned.page(head, high, null, 1, 2).stream().map(UnownedCustomer::customerNo))
                .containsExactly("UNQ-P1", "UNQ-D");
        assertThat(unowned.count(head, List.of(Tier.GOLD), null)).isEqualTo(1);
        Scope otherHead = new Scope(Scope.Kind.SUBTREE, 1, "/HQ/UNQX/");
        assertThat(unowned.count(otherHead, high, null)).isZero();
        Scope rm = new Scope(Scope.Kind.OWN, fx.rmId, null);
        assertThat(unowned.count(rm, high, null)).isZero();
        assertThat(unowned.count(head, high, Scope.subtreePattern("/HQ/UNQX/"))).isZero();
    }

    @Test
    void pendingActionsAreThoseNotDoneOnTheOpportunitiesOrOnTheCustomersAlone() {
        long open = fx.open("WEALTH", NOW.minusDays(5));
        long other = fx.open("WEALTH", NOW.minusDays(5));
        LocalDate due = NOW.toLocalDate().plusDays(1);
        fx.followUp(open, NOW, due, false);
        fx.followUp(open, NOW, due, true);
        fx.followUp(open, NOW, null, false);
        fx.followUp(other, NOW, due, false);
        fx.followUp(null, NOW, due, false);
        fx.followUp(null, NOW, due, true);

        assertThat(store.pendingActions(List.of(open), List.of(fx.customerId))).isEqualTo(2);
        assertThat(store.pendingActions(List.of(open, other), List.of())).isEqualTo(2);
        assertThat(store.pendingActions(List.of(), List.of(fx.customerId))).isEqualTo(1);
        assertThat(store.pendingActions(List.of(), List.of())).isZero();
    }
}
