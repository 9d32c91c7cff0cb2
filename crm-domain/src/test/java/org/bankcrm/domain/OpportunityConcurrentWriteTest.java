package org.bankcrm.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.customer.CustomerFacts;
import org.bankcrm.domain.customer.CustomerRepository;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.TierThresholdRepository;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.OpportunityDraft;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A set-based write to columns an RM's edit does not touch (a product's new rate reprices the open opportunities'
 * expected revenue, a re-scoring batch writes scores) commits while the RM's transaction holds the opportunity
 * loaded: the RM's change writes only the columns it changed, so the newer expected revenue and score stay
 * (issue 18: without dynamic updates Hibernate wrote every column back, the old ones included). The same for a
 * customer (a re-tiering while a reassignment holds it) and a user (their own e-mail while an admin's change holds
 * them).
 */
@SpringBootTest(properties = {"spring.jpa.hibernate.ddl-auto=validate", "spring.jpa.open-in-view=false"})
class OpportunityConcurrentWriteTest {

    @Autowired BranchRepository branches;
    @Autowired StaffUserRepository users;
    @Autowired CustomerRepository customers;
    @Autowired ProductRepository products;
    @Autowired OpportunityRepository opportunities;
    @Autowired TierThresholdRepository tiers;
    @Autowired JdbcTemplate jdbc;
    @Autowired PlatformTransactionManager transactions;

    /** The user's transaction; the other one, which commits in the middle of it; a suffix for this test's rows. */
    TransactionTemplate tx;
    TransactionTemplate other;
    String suffix;

    @BeforeEach
    void transactions() {
        tx = new TransactionTemplate(transactions);
        other = new TransactionTemplate(transactions);
        other.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    }

    @Test
    void aStageMoveDoesNotWriteBackTheExpectedRevenueAndScoreItLoaded() {
        long id = tx.execute(s -> {
            Branch hq = branches.findByCode("HQ").orElseThrow();
            Branch br = branches.save(Branch.under(hq, "T_RACE" + suffix, "并发支行"));
            StaffUser rm = users.save(new StaffUser("race_rm_" + suffix.toLowerCase(), "Race RM", Role.RM, br,
                    "{noop}x"));
            Customer c = customers.save(Customer.register("T-RACE-" + suffix, CustomerType.RETAIL,
                    new CustomerFacts("王五", null, null, null, null, null, null, new BigDecimal("60000.00"), null,
                            null), br, rm, tiers.policy()));
            Opportunity o = Opportunity.open(new OpportunityDraft(c, products.findById("FUND").orElseThrow(),
                    "并发写入", new BigDecimal("100000.00"), LocalDate.of(2027, 1, 31), Source.RM_DISCOVERED, null,
                    null, RiskLevel.LOW, Competition.SOME, 4, rm, null), rm, Instant.now());
            return opportunities.saveAndFlush(o).getId();
        });

        tx.executeWithoutResult(s -> {
            Opportunity o = opportunities.findById(id).orElseThrow();
            assertThat(o.getExpectedRevenue()).isEqualByComparingTo("1200.00");
            // Meanwhile, committed by another transaction: the reprice of a new rate and a re-scoring.
            other.executeWithoutResult(s2 -> jdbc.update(
                    "update opportunity set expected_revenue = 2500.00, score = 61.5 where id = ?", id));
            o.moveTo(Transition.to(Stage.CONTACTED), o.getOwner(), Instant.now());
        });

        assertThat(jdbc.queryForObject("select stage || ' ' || expected_revenue || ' ' || score from opportunity"
                + " where id = ?", String.class, id)).isEqualTo("CONTACTED 2500.00 61.5");
    }

    @Test
    void aReassignmentDoesNotWriteBackTheTierItLoadedNorAnAdminsChangeTheUsersEmail() {
        long[] ids = tx.execute(s -> {
            Branch hq = branches.findByCode("HQ").orElseThrow();
            Branch br = branches.save(Branch.under(hq, "T_TIER" + suffix, "并发支行"));
            StaffUser rm = users.save(new StaffUser("tier_rm_" + suffix.toLowerCase(), "Tier RM", Role.RM, br,
                    "{noop}x"));
            StaffUser other2 = users.save(new StaffUser("tier_rm2_" + suffix.toLowerCase(), "Tier RM 2", Role.RM, br,
                    "{noop}x"));
            Customer c = customers.save(Customer.register("T-TIER-" + suffix, CustomerType.RETAIL,
                    new CustomerFacts("赵六", null, null, null, null, null, null, new BigDecimal("60000.00"), null,
                            null), br, rm, tiers.policy()));
            customers.flush();
            return new long[] {c.getId(), rm.getId(), other2.getId()};
        });
        String tierBefore = jdbc.queryForObject("select tier from customer where id = ?", String.class, ids[0]);
        String newTier = tierBefore.equals("DIAMOND") ? "GOLD" : "DIAMOND";

        tx.executeWithoutResult(s -> {
            Customer c = customers.findById(ids[0]).orElseThrow();
            // Meanwhile, committed by another transaction: the re-tiering of the admin's new thresholds.
            other.executeWithoutResult(s2 -> jdbc.update("update customer set tier = ? where id = ?", newTier,
                    ids[0]));
            c.assignOwner(users.findById(ids[2]).orElseThrow());
        });
        assertThat(jdbc.queryForObject("select tier || ' ' || owner_id from customer where id = ?", String.class,
                ids[0])).isEqualTo(newTier + " " + ids[2]);

        tx.executeWithoutResult(s -> {
            StaffUser u = users.findById(ids[1]).orElseThrow();
            // Meanwhile, committed by the user's own profile page: their e-mail.
            other.executeWithoutResult(s2 -> jdbc.update("update staff_user set email = 'rm@branch.example'"
                    + " where id = ?", ids[1]));
            u.disable();
        });
        assertThat(jdbc.queryForObject("select email || ' ' || enabled from staff_user where id = ?", String.class,
                ids[1])).isEqualTo("rm@branch.example false");
    }
}
