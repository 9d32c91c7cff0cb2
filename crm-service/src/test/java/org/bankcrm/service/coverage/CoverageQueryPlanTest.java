package org.bankcrm.service.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.bankcrm.domain.org.Role;
import org.bankcrm.service.ReadModelFixture;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.org.CurrentUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * D29 on a few thousand rows: the last contact of each customer is read from {@code follow_up_contact_idx}, never
 * by scanning {@code follow_up}, for the figures and for the due list; and the figures on the generated rows are
 * the ones computed by hand.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(CoverageQuery.class)
class CoverageQueryPlanTest {

    private static final LocalDate D = LocalDate.of(2026, 6, 30);

    @Autowired JdbcClient jdbc;
    @Autowired CoverageQuery query;

    @Test
    void theLastContactIsAnIndexProbePerCustomer() {
        ReadModelFixture fx = new ReadModelFixture(jdbc, "CQP");
        // 3000 PRIVATE customers of the RM (standard: 30 days, VISIT or MEETING); 10 follow-ups each, one every
        // 10 days back from D − 1 (k = 0..9), the types cycling VISIT, CALL, WECHAT, MEETING, EMAIL from k + s,
        // s = 0 for an even number, 1 for an odd one.
        jdbc.sql("""
                        insert into customer (customer_no, type, name, branch_id, tier, owner_id)
                        select 'CQP-' || g, 'RETAIL', 'CQP ' || g, :b, 'PRIVATE', :rm
                        from generate_series(1, 3000) g""")
                .param("b", fx.branchId).param("rm", fx.rmId).update();
        jdbc.sql("""
                        insert into follow_up (customer_id, type, occurred_at, summary, created_by)
                        select c.id, (array['VISIT','CALL','WECHAT','MEETING','EMAIL'])[1 + (k + s) % 5],
                               timestamptz '2026-06-29 10:00 Asia/Shanghai' - make_interval(days => 10 * k),
                               'plan', :rm
                        from customer c
                        cross join lateral (select cast(substr(c.customer_no, 5) as int) % 2 as s) x
                        cross join generate_series(0, 9) k
                        where c.customer_no like 'CQP-%'""")
                .param("rm", fx.rmId).update();
        jdbc.sql("analyze customer").update();
        jdbc.sql("analyze follow_up").update();
        CurrentUser head = new CurrentUser(0, "cqp-head", "cqp", Role.BRANCH_HEAD, fx.branchId, "CQP",
                fx.branchPath);
        Selection sel = new Selection(head, "CQP", "CQP", fx.branchPath, null, null, D, D);
        List<String> plans = query.plans(sel);
        for (String plan : plans) {
            System.out.println(plan);
            assertThat(plan).contains("follow_up_contact_idx").doesNotContain("Seq Scan on follow_up");
        }
        // s = 0 (even g): k = 0 is VISIT on D − 1: covered. s = 1 (odd g): k = 0 CALL, 1 WECHAT, 2 MEETING on
        // D − 21: covered too (30 days). Every customer of the 3000 (and the fixture's MASS one is not listed).
        var tiers = query.byTier(sel, List.of(new ServiceStandard(org.bankcrm.domain.customer.Tier.PRIVATE, 30,
                List.of(org.bankcrm.domain.opportunity.FollowUpType.VISIT), 0)));
        assertThat(tiers).hasSize(1);
        assertThat(tiers.getFirst().customers()).isEqualTo(3000);
        assertThat(tiers.getFirst().covered()).isEqualTo(3000);
        // The odd ones are due on D − 21 + 30 = D + 9, the even ones on D + 29: within 8 none, within 9 the odd.
        assertThat(query.countDue(sel, CoverageQuery.Narrow.NONE, 8)).isEqualTo(0);
        assertThat(query.countDue(sel, CoverageQuery.Narrow.NONE, 9)).isEqualTo(1500);
        // My day's book in one statement: the same figures, count and first lines as the three queries.
        for (int within : new int[] {8, 9, 40}) {
            CoverageQuery.Book book = query.book(sel, within, 10);
            assertThat(book.total()).isEqualTo(CoverageQuery.Figures.of(3000, 3000));
            assertThat(book.dueCount()).isEqualTo(query.countDue(sel, CoverageQuery.Narrow.NONE, within));
            assertThat(book.firstDue()).isEqualTo(query.due(sel, CoverageQuery.Narrow.NONE, within, 0, 10));
        }
        assertThat(query.book(sel, 9, 10).firstDue()).hasSize(10);
        assertThat(query.book(sel, 8, 10).firstDue()).isEmpty();
    }
}
