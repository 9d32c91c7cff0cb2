package org.bankcrm.service.org;

import org.bankcrm.domain.opportunity.TeamRole;

/**
 * How a user reaches one opportunity they can see (D44): through their scope (its owner, a head of its branch path,
 * an admin) and/or as a member of its team. {@link AccessPolicy} answers what each may do.
 *
 * @param inScope  the user's scope covers the opportunity ({@link Scope#coversRecord})
 * @param teamRole the user's role in its team, or null when not a member
 */
public record OpportunityAccess(boolean inScope, TeamRole teamRole) {
}
