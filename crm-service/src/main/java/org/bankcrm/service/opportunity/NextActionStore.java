package org.bankcrm.service.opportunity;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Marks done, in one statement and in the caller's transaction, the open next actions (a date, not yet done) that a
 * new follow-up supersedes: all of them when {@code all}, else those written by {@code author}. Each row changed gets
 * a new version. In plain SQL: as an HQL update Hibernate turned it into SQL again on every follow-up (D61), and as a
 * native query of a repository it still cost more of a follow-up's CPU than its insert (D62). It runs before the new
 * follow-up is inserted, so it never completes the new one's own next action.
 */
@Component
@RequiredArgsConstructor
class NextActionStore {

    private final JdbcClient jdbc;

    /** Those on an opportunity's follow-ups. */
    int completeOfOpportunity(long opportunityId, boolean all, long authorId) {
        return jdbc.sql("""
                        update follow_up set next_action_done = true, version = version + 1
                        where opportunity_id = :opportunity and next_action_date is not null and not next_action_done
                          and (:all or created_by = :author)""")
                .param("opportunity", opportunityId).param("all", all).param("author", authorId)
                .update();
    }

    /** Those on a customer's own follow-ups (on no opportunity). */
    int completeOfCustomer(long customerId, boolean all, long authorId) {
        return jdbc.sql("""
                        update follow_up set next_action_done = true, version = version + 1
                        where customer_id = :customer and opportunity_id is null and next_action_date is not null
                          and not next_action_done and (:all or created_by = :author)""")
                .param("customer", customerId).param("all", all).param("author", authorId)
                .update();
    }
}
