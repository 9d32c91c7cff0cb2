package org.bankcrm.service.opportunity;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.TeamRole;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.OpportunityAccess;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One opportunity the caller can see, as a write that only adds to it needs it (a follow-up): its ids, its owner and
 * how the caller reaches it, in one statement and without loading the entity and its associations (D61). The same
 * conditions as {@code OpportunityService.find} and {@code access}, in their SQL form ({@link ScopeSql}).
 */
@Component
@RequiredArgsConstructor
class OpportunityAccessQuery {

    /**
     * @param id         the opportunity
     * @param customerId its customer
     * @param ownerId    its owner, null when it has none
     * @param access     how the caller reaches it
     * @param customerOwner the username of its customer's owner, null when the customer has none, and
     * @param customerBranchPath the path of the customer's branch: who may reveal the customer's personal data
     *                      ({@code AccessPolicy.mayReveal})
     */
    record Target(long id, long customerId, Long ownerId, OpportunityAccess access, String customerOwner,
                  String customerBranchPath) {
    }

    private final JdbcClient jdbc;

    /** The opportunity if the caller's scope or team covers it; empty exactly when {@code find} would not find it. */
    Optional<Target> of(CurrentUser user, long opportunityId) {
        ScopeSql own = ScopeSql.of(user.scope(), "o.owner_id", "b.path");
        ScopeSql visible = ScopeSql.ofOpportunity(user.scope(), "o.id", "o.owner_id", "b.path");
        Map<String, Object> params = new HashMap<>(own.params());
        params.putAll(visible.params());
        params.put("accessOpportunityId", opportunityId);
        params.put("accessUserId", user.id());
        return jdbc.sql("""
                        select o.id, o.customer_id, o.owner_id, (%s) as in_scope, om.role,
                               cu.username as customer_owner, cb.path as customer_branch_path
                        from opportunity o
                        join branch b on b.id = o.branch_id
                        join customer c on c.id = o.customer_id
                        join branch cb on cb.id = c.branch_id
                        left join staff_user cu on cu.id = c.owner_id
                        left join opportunity_member om on om.opportunity_id = o.id and om.user_id = :accessUserId
                        where o.id = :accessOpportunityId and %s""".formatted(own.condition(), visible.condition()))
                .params(params)
                .query((rs, n) -> new Target(rs.getLong("id"), rs.getLong("customer_id"),
                        rs.getObject("owner_id", Long.class),
                        new OpportunityAccess(rs.getBoolean("in_scope"),
                                rs.getString("role") == null ? null : TeamRole.valueOf(rs.getString("role"))),
                        rs.getString("customer_owner"), rs.getString("customer_branch_path")))
                .optional();
    }
}
