package org.bankcrm.service.opportunity;

import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.TeamRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of opportunity teams (D44) that the opportunity's own rules need: a user's role in one team, and the one
 * SQL fragment of credit shares for whoever counts credit (issue 17's incentives).
 */
@Component
@RequiredArgsConstructor
public class TeamQueries {

    /**
     * Every opportunity's credit shares, the owner's implicit one included: rows {@code (opportunity_id, user_id,
     * share)}, whole percent, summing to 100 per opportunity (an owner whose members hold 100 gets 0; an opportunity
     * without an owner has only its members' rows). Use it as a sub-select: {@code join (CREDIT_SHARES) cs on
     * cs.opportunity_id = o.id}.
     */
    public static final String CREDIT_SHARES = """
            select m.opportunity_id, m.user_id, m.credit_share as share from opportunity_member m
            union all
            select o.id as opportunity_id, o.owner_id as user_id,
                   100 - coalesce((select sum(m2.credit_share) from opportunity_member m2
                                   where m2.opportunity_id = o.id), 0) as share
            from opportunity o where o.owner_id is not null""";

    private final JdbcClient jdbc;

    /** The ids of the opportunities whose team the user is in (opportunity_member_user_idx), for a JPA scope. */
    public List<Long> opportunityIdsOf(long userId) {
        return jdbc.sql("select opportunity_id from opportunity_member where user_id = :u order by 1")
                .param("u", userId).query(Long.class).list();
    }

    /** The user's role in the opportunity's team, empty when not a member. */
    public Optional<TeamRole> roleOf(long opportunityId, long userId) {
        return jdbc.sql("select role from opportunity_member where opportunity_id = :o and user_id = :u")
                .param("o", opportunityId).param("u", userId).query(String.class).optional().map(TeamRole::valueOf);
    }
}
