package org.bankcrm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.customer.CustomerFacts;
import org.bankcrm.domain.customer.CustomerRepository;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.customer.TierThresholdRepository;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.OpportunityDraft;
import org.bankcrm.domain.opportunity.OpportunityHistoryRepository;
import org.bankcrm.domain.opportunity.OpportunityRepository;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.opportunity.Source;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.opportunity.Transition;
import org.bankcrm.domain.org.Branch;
import org.bankcrm.domain.org.BranchRepository;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.org.StaffUserRepository;
import org.bankcrm.domain.product.ProductRepository;
import org.bankcrm.domain.scoring.Factor;
import org.bankcrm.domain.scoring.ScoringModelRepository;
import org.bankcrm.domain.settings.StageSettingRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hibernate validates every entity against the schema the migrations built (ddl-auto=validate), the
 * reference data of the contract is there, and the database itself guards the invariants.
 */
@SpringBootTest(properties = {"spring.jpa.hibernate.ddl-auto=validate", "spring.jpa.open-in-view=false"})
@Transactional
class SchemaMappingTest {

    @Autowired BranchRepository branches;
    @Autowired StaffUserRepository users;
    @Autowired CustomerRepository customers;
    @Autowired ProductRepository products;
    @Autowired OpportunityRepository opportunities;
    @Autowired OpportunityHistoryRepository history;
    @Autowired TierThresholdRepository tiers;
    @Autowired StageSettingRepository stages;
    @Autowired ScoringModelRepository models;
    @Autowired EntityManager em;
    @Autowired JdbcTemplate jdbc;

    @Test
    void referenceDataOfTheContractIsSeeded() {
        assertThat(branches.findByCode("HQ")).get().extracting(Branch::getPath).isEqualTo("/HQ/");
        assertThat(products.findAllByOrderBySortOrder()).hasSize(14);
        assertThat(products.findById("INSURANCE")).get().extracting(p -> p.getRevenueRate())
                .satisfies(r -> assertThat(r).isEqualByComparingTo("0.030"));
        assertThat(stages.findAllByOrderBySortOrder()).extracting(s -> s.getStage() + "=" + s.getProbability())
                .containsExactly("IDENTIFIED=10", "CONTACTED=20", "QUALIFIED=40", "PROPOSAL=60", "NEGOTIATION=80",
                        "WON=100", "LOST=0");
        assertThat(tiers.policy().tierFor(CustomerType.RETAIL, new BigDecimal("2000000"))).isEqualTo(Tier.DIAMOND);
        assertThat(models.findByActiveTrue()).get().satisfies(m -> {
            assertThat(m.weights()).containsEntry(Factor.REVENUE, 30).containsEntry(Factor.ENGAGEMENT, 5);
            assertThat(m.weights().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        });
        assertThat(jdbc.queryForObject("select count(*) from discovery_rule", Integer.class)).isEqualTo(8);
    }

    @Test
    void anOpportunityAndItsHistoryRoundTrip() {
        Branch hq = branches.findByCode("HQ").orElseThrow();
        Branch br = branches.save(Branch.under(hq, "T_SCHEMA", "测试支行"));
        StaffUser rm = users.save(new StaffUser("schema_rm", "Schema RM", Role.RM, br, "{noop}x"));
        Customer c = customers.save(Customer.register("T-SCHEMA-1", CustomerType.RETAIL,
                new CustomerFacts("李四", "110105199001010021", "13800138000", LocalDate.of(1990, 1, 1), null, null,
                        null, new BigDecimal("60000.00"), null, null), br, rm, tiers.policy()));
        assertThat(c.getTier()).isEqualTo(Tier.GOLD);

        Opportunity o = Opportunity.open(new OpportunityDraft(c, products.findById("FUND").orElseThrow(), "基金定投",
                new BigDecimal("100000.00"), LocalDate.of(2027, 1, 31), Source.RM_DISCOVERED, null, null,
                RiskLevel.LOW, Competition.SOME, 4, rm, "key-1"), rm, Instant.now());
        opportunities.saveAndFlush(o);
        jdbc.update("update opportunity set score = 72.5, band = 'B', score_model_version = 1, score_breakdown ="
                + " '[{\"factor\":\"REVENUE\",\"value\":50,\"weight\":30,\"contribution\":15.0}]'::jsonb where id = ?",
                o.getId());
        o.moveTo(Transition.to(Stage.QUALIFIED), rm, Instant.now());
        opportunities.saveAndFlush(o);
        em.clear();

        Opportunity read = opportunities.findById(o.getId()).orElseThrow();
        assertThat(read.getExpectedRevenue()).isEqualByComparingTo("1200.00");
        assertThat(read.getStage()).isEqualTo(Stage.QUALIFIED);
        assertThat(read.getScoreBreakdown()).contains("REVENUE");
        assertThat(history.findByOpportunityIdOrderByAtAscIdAsc(o.getId())).extracting(h -> h.getEvent())
                .containsExactly("CREATED", "STAGE");
        assertThatThrownBy(() -> jdbc.update("update opportunity set status = 'WON' where id = ?", o.getId()))
                .hasMessageContaining("check constraint");
    }

    @Test
    void theAuditLogIsAppendOnly() {
        jdbc.update("insert into audit_log (actor, action) values ('t', 'TEST')");
        assertThatThrownBy(() -> jdbc.update("update audit_log set actor = 'x'"))
                .hasMessageContaining("append-only");
    }

    @Test
    void auditRowsCannotBeDeletedOutsideThePurge() {
        jdbc.update("insert into audit_log (actor, action) values ('t', 'TEST')");
        assertThatThrownBy(() -> jdbc.update("delete from audit_log"))
                .hasMessageContaining("append-only");
    }
}
