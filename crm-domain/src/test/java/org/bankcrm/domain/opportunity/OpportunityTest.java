package org.bankcrm.domain.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.customer.CustomerFacts;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.customer.TierPolicy;
import org.bankcrm.domain.org.Branch;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.product.Product;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.ForbiddenException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

class OpportunityTest {

    private static final Instant T0 = Instant.parse("2026-11-02T01:00:00Z");

    private final Branch hq = Branch.root("HQ", "总行");
    private final Branch br = Branch.under(hq, "BR001", "一支行");
    private final StaffUser rm = new StaffUser("rm1", "RM One", Role.RM, br, "x");
    private final StaffUser rm2 = new StaffUser("rm2", "RM Two", Role.RM, br, "x");
    private final StaffUser head = new StaffUser("head1", "Head", Role.BRANCH_HEAD, br, "x");
    private final Product wealth = new Product("WEALTH", ProductCategory.WEALTH, "理财产品", "Wealth",
            new BigDecimal("0.008"), 3);
    private final Customer customer = Customer.register("C1", CustomerType.RETAIL, new CustomerFacts("张三", null, null,
            LocalDate.of(1980, 1, 1), null, null, null, new BigDecimal("600000"), null, null), br, rm, tiers());

    private static TierPolicy tiers() {
        return TierPolicy.of(List.of(
                new TierPolicy.Threshold(Tier.MASS, BigDecimal.ZERO), new TierPolicy.Threshold(Tier.GOLD, new BigDecimal("50000")),
                new TierPolicy.Threshold(Tier.PLATINUM, new BigDecimal("500000")),
                new TierPolicy.Threshold(Tier.DIAMOND, new BigDecimal("2000000")),
                new TierPolicy.Threshold(Tier.PRIVATE, new BigDecimal("6000000")),
                new TierPolicy.Threshold(Tier.LONG_TAIL, BigDecimal.ZERO),
                new TierPolicy.Threshold(Tier.GENERAL, new BigDecimal("100000")),
                new TierPolicy.Threshold(Tier.KEY, new BigDecimal("1000000")),
                new TierPolicy.Threshold(Tier.STRATEGIC, new BigDecimal("5000000"))));
    }

    private Opportunity open() {
        return Opportunity.open(new OpportunityDraft(customer, wealth, "理财", new BigDecimal("200000.00"),
                LocalDate.of(2026, 12, 31), Source.RM_DISCOVERED, null, null, RiskLevel.MEDIUM, Competition.NONE, 3, rm,
                null), rm, T0);
    }

    @Test
    void aDefaultTitleNamesCustomerAndProductWithNoNumberOfTheCustomersUnmasked() {
        assertThat(OpportunityDraft.defaultTitle(customer, wealth)).isEqualTo("张三 · 理财产品");
        Customer numbered = Customer.register("C2", CustomerType.RETAIL, new CustomerFacts("李四13912345678", null,
                null, LocalDate.of(1980, 1, 1), null, null, null, BigDecimal.ZERO, null, null), br, rm, tiers());
        assertThat(OpportunityDraft.defaultTitle(numbered, wealth)).isEqualTo("李四139****5678 · 理财产品");
    }

    @Test
    void opensIdentifiedInTheCustomersBranchWithRevenueFromTheRate() {
        Opportunity o = open();
        assertThat(o.getStage()).isEqualTo(Stage.IDENTIFIED);
        assertThat(o.getStatus()).isEqualTo(Status.OPEN);
        assertThat(o.getBranch()).isSameAs(br);
        assertThat(o.getExpectedRevenue()).isEqualByComparingTo("1600.00");
        assertThat(o.getHistory()).singleElement().satisfies(h -> {
            assertThat(h.getEvent()).isEqualTo(HistoryEvent.CREATED);
            assertThat(h.getBy()).isSameAs(rm);
        });
    }

    @Test
    void winningNeedsAQualifiedStageAndAPositiveAmount() {
        Opportunity o = open();
        assertThatThrownBy(() -> o.moveTo(new Transition(Stage.WON, null, new BigDecimal("1"), null), rm, T0))
                .isInstanceOf(ConflictException.class);
        o.moveTo(Transition.to(Stage.QUALIFIED), rm, T0);
        assertThatThrownBy(() -> o.moveTo(Transition.to(Stage.WON), rm, T0))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> o.moveTo(new Transition(Stage.WON, null, BigDecimal.ZERO, null), rm, T0))
                .isInstanceOf(InvalidInputException.class);
        o.moveTo(new Transition(Stage.WON, null, new BigDecimal("180000"), null), rm, T0.plusSeconds(60));
        assertThat(o.getStatus()).isEqualTo(Status.WON);
        assertThat(o.getWonAmount()).isEqualByComparingTo("180000");
        assertThat(o.getClosedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void losingNeedsAReason() {
        Opportunity o = open();
        assertThatThrownBy(() -> o.moveTo(new Transition(Stage.LOST, null, null, " "), rm, T0))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors().getFirst().field()).isEqualTo("lostReason"));
        o.moveTo(new Transition(Stage.LOST, "客户选择他行", null, "COMPETITOR"), rm, T0);
        assertThat(o.getStatus()).isEqualTo(Status.LOST);
        assertThat(o.getLostReason()).isEqualTo("COMPETITOR");
    }

    @Test
    void onlyASupervisorReopensAndOnlyWithAComment() {
        Opportunity o = open();
        o.moveTo(new Transition(Stage.LOST, null, null, "PRICE"), rm, T0);
        assertThatThrownBy(() -> o.moveTo(new Transition(Stage.CONTACTED, "再试一次", null, null), rm, T0))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> o.moveTo(Transition.to(Stage.CONTACTED), head, T0))
                .isInstanceOf(InvalidInputException.class);
        o.moveTo(new Transition(Stage.CONTACTED, "客户回心转意", null, null), head, T0);
        assertThat(o.getStatus()).isEqualTo(Status.OPEN);
        assertThat(o.getLostReason()).isNull();
        assertThat(o.getClosedAt()).isNull();
        assertThat(o.getHistory()).extracting(OpportunityHistory::getEvent)
                .containsExactly(HistoryEvent.CREATED, HistoryEvent.STAGE, HistoryEvent.REOPENED);
    }

    @Test
    void editsRecordOneEntryPerChangedFieldAndRecomputeRevenue() {
        Opportunity o = open();
        o.edit(new OpportunityEdit("理财", new BigDecimal("300000"), null, RiskLevel.LOW, Competition.NONE, 5), rm, T0);
        assertThat(o.getHistory()).extracting(OpportunityHistory::getEvent)
                .containsExactly(HistoryEvent.CREATED, "FIELD:amount", "FIELD:riskLevel", "FIELD:needStrength");
        assertThat(o.getExpectedRevenue()).isEqualByComparingTo("2400.00");
        assertThatThrownBy(() -> o.edit(new OpportunityEdit(null, null, null, null, null, 6), rm, T0))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void closedOpportunitiesAreReadOnly() {
        Opportunity o = open();
        o.moveTo(new Transition(Stage.LOST, null, null, "PRICE"), rm, T0);
        assertThatThrownBy(() -> o.edit(new OpportunityEdit("x", null, null, null, null, null), rm, T0))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> o.reassign(rm2, head, T0)).isInstanceOf(ConflictException.class);
    }

    @Test
    void reassignmentRecordsOldAndNewOwner() {
        Opportunity o = open();
        o.reassign(rm2, head, T0);
        assertThat(o.getOwner()).isSameAs(rm2);
        assertThat(o.getHistory().getLast()).satisfies(h -> {
            assertThat(h.getEvent()).isEqualTo(HistoryEvent.OWNER);
            assertThat(h.getFromValue()).isEqualTo("rm1");
            assertThat(h.getToValue()).isEqualTo("rm2");
        });
    }
}
