package org.bankcrm.web.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import jakarta.persistence.EntityManagerFactory;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.OpportunityBrief;
import org.bankcrm.domain.org.Branch;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.product.Product;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.customer.CustomerService;
import org.bankcrm.service.opportunity.FollowUpService;
import org.bankcrm.service.opportunity.OpportunityService;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.PageReads;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.DemoRows;
import org.bankcrm.web.testsupport.SqlRecorder;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * D61: the RM's list and an opportunity's page are turned into SQL once, not on every request (fetch joins instead
 * of entity graphs, and Hibernate's plan cache for criteria queries); and logging a follow-up, the RM's most frequent
 * write, loads no entity at all and (D73) writes none; and (D67) a page's reads look the opportunity up once.
 * Hibernate's statistics count all three; they are on for this test's context only.
 */
@CrmWebTest
@TestPropertySource(properties = {"spring.jpa.properties.hibernate.generate_statistics=true",
        "spring.jpa.properties.hibernate.session_factory.statement_inspector=org.bankcrm.web.testsupport.SqlRecorder"})
class QueryPlanCacheTest {

    @Autowired
    OpportunityService opportunities;

    @Autowired
    FollowUpService followUps;

    @Autowired
    CustomerService customers;

    @Autowired
    EntityManagerFactory entityManagers;

    @Autowired
    JdbcTemplate jdbc;

    Statistics statistics;

    @Autowired
    PageReads pageReads;

    @Autowired
    TransactionTemplate tx;

    CurrentUser rm;

    @BeforeEach
    void statistics() {
        statistics = entityManagers.unwrap(SessionFactory.class).getStatistics();
        rm = user("rm1");
    }

    private CurrentUser user(String username) {
        return DemoRows.currentUser(jdbc, username);
    }

    /**
     * D67: the reads of one page share a read-only transaction, in which the opportunity is read and checked once for
     * its user; another user in the same transaction is checked on their own, and outside such a transaction every
     * look-up runs its query.
     */
    @Test
    void aPageReadsItsOpportunityOncePerUser() {
        long id = jdbc.queryForObject("""
                select min(id) from opportunity where owner_id = ? and status = 'OPEN'""", Long.class, rm.id());
        CurrentUser otherBranch = user("rm3");
        opportunities.find(rm, id);
        statistics.clear();

        String title = pageReads.of(() -> {
            var first = opportunities.find(rm, id);
            assertThat(opportunities.find(rm, id)).isSameAs(first);
            assertThatThrownBy(() -> opportunities.find(otherBranch, id)).isInstanceOf(NotFoundException.class);
            return first.getTitle();
        });

        assertThat(title).isNotBlank();
        // rm1's look-up once, rm3's once (refused); without D67, rm1's three times.
        assertThat(statistics.getQueryExecutionCount()).as("opportunity look-ups").isEqualTo(2);

        statistics.clear();
        opportunities.find(rm, id);
        opportunities.find(rm, id);
        assertThat(statistics.getQueryExecutionCount()).as("look-ups outside a page's reads").isEqualTo(2);
    }

    /**
     * D89: an RM's list and board ask PostgreSQL for one plan a statement (read by the owner's index whatever the
     * values), for their transaction only; a head's, whose subtree's {@code path like} needs the pattern, do not.
     */
    @Test
    void anRmsListAndBoardKeepOnePlanAStatementAndAHeadsDoNot() {
        CurrentUser head = user("head1");
        String setting = "select current_setting('plan_cache_mode')";
        String board = tx.execute(t -> {
            opportunities.board(rm, 5);
            return jdbc.queryForObject(setting, String.class);
        });
        String list = tx.execute(t -> {
            opportunities.searchBriefs(rm, OpportunityService.OpportunityQuery.all());
            return jdbc.queryForObject(setting, String.class);
        });
        String heads = tx.execute(t -> {
            opportunities.board(head, 5);
            opportunities.searchBriefs(head, OpportunityService.OpportunityQuery.all());
            return jdbc.queryForObject(setting, String.class);
        });
        assertThat(board).isEqualTo("force_generic_plan");
        assertThat(list).isEqualTo("force_generic_plan");
        assertThat(heads).isEqualTo("auto");
        // Only for the transaction: the connection goes back to the pool as it came.
        assertThat(jdbc.queryForObject(setting, String.class)).isEqualTo("auto");
    }

    @Test
    void theListAndTheDetailAreTranslatedOnce() {
        long id = jdbc.queryForObject("""
                select min(id) from opportunity where owner_id = ? and status = 'OPEN'""", Long.class, rm.id());
        var query = OpportunityService.OpportunityQuery.all();
        opportunities.search(rm, query);
        opportunities.get(rm, id);
        statistics.clear();

        var page = opportunities.search(rm, query);
        var detail = opportunities.get(rm, id);

        assertThat(page.items()).isNotEmpty();
        assertThat(page.items().getFirst().customerName()).isNotBlank();
        assertThat(detail.customerName()).isNotBlank();
        assertThat(detail.branchName()).isNotBlank();
        assertThat(detail.ownerName()).isNotBlank();
        assertThat(statistics.getQueryPlanCacheMissCount()).as("plans made again").isZero();
        // The list's page and the detail each in one statement with their customer, product, owner and branch.
        assertThat(statistics.getEntityFetchCount()).as("associations loaded one by one").isZero();

        // The detail's query alone (a criteria query, the caller's scope and the id): its plan comes from the cache.
        statistics.clear();
        assertThat(opportunities.find(rm, id).getId()).isEqualTo(id);
        assertThat(statistics.getQueryPlanCacheHitCount()).as("the detail's plan reused").isEqualTo(1);
        assertThat(statistics.getQueryPlanCacheMissCount()).isZero();
    }

    /**
     * D70: the lists and the board read rows or briefs, not entities: no opportunity, customer, owner or password hash
     * is loaded for them; an unassigned opportunity (no owner to join) is still listed, and a counted total is the
     * rows'. The list page's briefs (D78), for an RM's first page and a head's search, are the same opportunities in
     * the same order as the API's rows, with the same total.
     */
    @Test
    void theListLoadsNoEntity() {
        CurrentUser head = user("head1");
        tx.executeWithoutResult(t -> {
            long unassigned = jdbc.queryForObject("""
                    insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status,
                        source, owner_id, branch_id, expected_close_date, risk_level, competition, need_strength)
                    select c.id, 'CARD_CREDIT', '行视图测试 无人负责', 12345.67, 100, 'CONTACTED', 'OPEN',
                        'RM_DISCOVERED', null, u.branch_id, current_date + 30, 'LOW', 'NONE', 3
                    from staff_user u join customer c on c.branch_id = u.branch_id
                    where u.username = 'head1' order by c.id limit 1 returning id""", Long.class);
            statistics.clear();

            var mine = opportunities.search(rm, OpportunityService.OpportunityQuery.all());
            var found = opportunities.search(head, new OpportunityService.OpportunityQuery(null, null, null, null, null,
                    null, null, null, null, null, "行视图测试", null, 0, 20, null));
            var board = opportunities.board(rm, 5);
            var mineBriefs = opportunities.searchBriefs(rm, OpportunityService.OpportunityQuery.all());
            var foundBriefs = opportunities.searchBriefs(head, new OpportunityService.OpportunityQuery(null, null, null,
                    null, null, null, null, null, null, null, "行视图测试", null, 0, 20, null));

            for (Class<?> shown : new Class<?>[]{Opportunity.class, Customer.class, Product.class, StaffUser.class,
                    Branch.class}) {
                assertThat(statistics.getEntityStatistics(shown.getName()).getLoadCount())
                        .as(shown.getSimpleName() + " entities loaded").isZero();
            }
            // rm1's own opportunities, and those of teams rm1 is in (whoever owns them).
            assertThat(mine.items()).isNotEmpty().allSatisfy(o -> {
                assertThat(o.customerName()).isNotBlank();
                assertThat(o.branchName()).isNotBlank();
                assertThat(o.ownerName() == null).isEqualTo(o.ownerRm() == null);
            }).anySatisfy(o -> assertThat(o.ownerName()).isEqualTo(rm.displayName()));
            assertThat(found.items()).singleElement().satisfies(o -> {
                assertThat(o.id()).isEqualTo(unassigned);
                assertThat(o.ownerRm()).isNull();
                assertThat(o.ownerName()).isNull();
                assertThat(o.amount()).isEqualByComparingTo("12345.67");
                assertThat(o.productCode()).isEqualTo("CARD_CREDIT");
            });
            assertThat(found.total()).isEqualTo(1);
            // A page of one row is full, so its total is counted (the count query); a page of 500 tells it.
            var first = opportunities.search(rm, new OpportunityService.OpportunityQuery(null, null, null, null, null,
                    null, null, null, null, null, null, null, 0, 1, null));
            var all = opportunities.search(rm, new OpportunityService.OpportunityQuery(null, null, null, null, null,
                    null, null, null, null, null, null, null, 0, 500, null));
            assertThat(all.items()).hasSizeGreaterThan(1).hasSizeLessThan(500);
            assertThat(first.total()).isEqualTo(all.items().size()).isEqualTo(all.total());
            // D78: the list page's briefs are the API's rows, in the same order, with what the page shows of each.
            assertThat(mineBriefs.total()).isEqualTo(mine.total());
            assertThat(mineBriefs.items()).hasSameSizeAs(mine.items());
            for (int i = 0; i < mine.items().size(); i++) {
                var row = mine.items().get(i);
                var brief = mineBriefs.items().get(i);
                assertThat(brief).isEqualTo(new OpportunityBrief(row.id(), row.title(), row.customerName(),
                        row.productCode(), row.stage(), row.amount(), row.expectedCloseDate(), row.ownerName(),
                        row.score(), row.band(), row.version()));
            }
            assertThat(foundBriefs.items()).singleElement().satisfies(brief -> {
                assertThat(brief.id()).isEqualTo(unassigned);
                assertThat(brief.ownerName()).isNull();
            });
            assertThat(foundBriefs.total()).isEqualTo(1);
            assertThat(board.values().stream().mapToInt(java.util.List::size).sum()).isPositive();
            board.forEach((stage, cards) -> assertThat(cards).allSatisfy(card -> {
                assertThat(card.stage()).isEqualTo(stage);
                assertThat(card.customerName()).isNotBlank();
            }));
            t.setRollbackOnly();
        });
    }

    /**
     * D72: a list's total is {@code count(*)}, which an index answers alone, never {@code count(id)}, which reads
     * every counted row: the opportunity list's own count and Spring Data's, through every repository's base class.
     */
    @Test
    void totalsAreCountedAsCountStar() {
        CurrentUser head = user("head1");
        var one = new OpportunityService.OpportunityQuery(null, null, null, null, null, null, null, null, null, null,
                null, null, 0, 1, null);
        // The totals and their plain SQL counts in one snapshot, whatever else writes meanwhile.
        var snapshot = new TransactionTemplate(tx.getTransactionManager());
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        snapshot.executeWithoutResult(t -> {
            SqlRecorder.start();
            long opportunities = this.opportunities.search(head, one).total();
            long customers = this.customers.search(head,
                    new CustomerService.CustomerQuery(null, null, null, null, 0, 1)).total();
            List<String> counts = SqlRecorder.stop().stream().filter(sql -> sql.contains("count(")).toList();

            assertThat(counts).hasSize(2).allSatisfy(sql -> assertThat(sql).startsWith("select count(*) from"));
            assertThat(counts.get(0)).contains("from opportunity");
            assertThat(counts.get(1)).contains("from customer");
            assertThat(opportunities).isEqualTo(jdbc.queryForObject("""
                    select count(*) from opportunity o join branch b on b.id = o.branch_id
                    where left(b.path, length(?)) = ?
                       or o.id in (select opportunity_id from opportunity_member where user_id = ?)""",
                    Long.class, head.branchPath(), head.branchPath(), head.id()));
            assertThat(customers).isEqualTo(jdbc.queryForObject("""
                    select count(*) from customer c join branch b on b.id = c.branch_id
                    where left(b.path, length(?)) = ?""", Long.class, head.branchPath(), head.branchPath()));
        });
    }

    @Test
    void loggingAFollowUpLoadsNoEntityAndWritesNone() {
        long id = jdbc.queryForObject("""
                select max(id) from opportunity where owner_id = ? and status = 'OPEN'""", Long.class, rm.id());
        statistics.clear();

        var logged = followUps.log(rm, id, new FollowUpService.NewFollowUp(FollowUpType.CALL, null,
                "计划缓存测试 电话回访", "客户有意向", "再次回访", LocalDate.now().plusDays(7)));

        assertThat(logged.opportunityId()).isEqualTo(id);
        assertThat(logged.byName()).isEqualTo(rm.displayName());
        assertThat(statistics.getEntityLoadCount()).as("entities loaded").isZero();
        assertThat(statistics.getEntityInsertCount()).as("entities inserted (D73: one SQL insert)").isZero();
        assertThat(jdbc.queryForObject("""
                select customer_id = (select customer_id from opportunity where id = ?) from follow_up where id = ?""",
                Boolean.class, id, logged.id())).as("the follow-up's customer is the opportunity's").isTrue();
        assertThat(jdbc.queryForMap("""
                select type, summary, outcome, next_action, next_action_date, next_action_done, created_by,
                       occurred_at, satisfaction, version from follow_up where id = ?""", logged.id()))
                .as("the row stored is the one answered")
                .containsEntry("type", "CALL").containsEntry("summary", "计划缓存测试 电话回访")
                .containsEntry("outcome", "客户有意向").containsEntry("next_action", "再次回访")
                .containsEntry("next_action_date", java.sql.Date.valueOf(logged.nextActionDate()))
                .containsEntry("next_action_done", false).containsEntry("created_by", rm.id())
                .containsEntry("satisfaction", null).containsEntry("version", 0);
        assertThat(jdbc.queryForObject("select occurred_at from follow_up where id = ?", java.sql.Timestamp.class,
                logged.id()).toInstant()).isCloseTo(logged.occurredAt(), within(1, ChronoUnit.MICROS));
    }
}
