package org.bankcrm.service.opportunity;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.referral.ReferralChannel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is credited with the opportunities opened from a referral, for a page's or a board's ids in one statement.
 * In SQL: as a JPQL query with {@code in :ids}, Hibernate translated it into SQL again on every list, board and
 * opportunity page (a list parameter's SQL depends on its length, so its plan is not cached): a tenth of the RM's
 * list in the application (D62). The ids are already in the caller's scope.
 */
@Component
@RequiredArgsConstructor
class ReferralCreditQuery {

    private final JdbcClient jdbc;

    /** By opportunity id: the referrer's username, display name and the referral's channel. */
    Map<Long, OpportunityView.Referred> of(Collection<Long> opportunityIds) {
        Map<Long, OpportunityView.Referred> credit = new HashMap<>();
        jdbc.sql("""
                        select r.opportunity_id, u.username, u.display_name, r.channel
                        from referral r join staff_user u on u.id = r.referrer_id
                        where r.opportunity_id in (:ids)""")
                .param("ids", opportunityIds)
                .query(rs -> {
                    credit.put(rs.getLong("opportunity_id"), new OpportunityView.Referred(rs.getString("username"),
                            rs.getString("display_name"), ReferralChannel.valueOf(rs.getString("channel"))));
                });
        return credit;
    }
}
