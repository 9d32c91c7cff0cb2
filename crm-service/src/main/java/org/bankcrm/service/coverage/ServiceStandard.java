package org.bankcrm.service.coverage;

import java.util.List;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.opportunity.FollowUpType;

/**
 * A tier's service standard: contact at least every {@code contactDays} days (null: the tier has no standard) by a
 * follow-up of one of {@code contactTypes}.
 */
public record ServiceStandard(Tier tier, Integer contactDays, List<FollowUpType> contactTypes, int version) {

    public ServiceStandard {
        contactTypes = List.copyOf(contactTypes);
    }

    public boolean hasStandard() {
        return contactDays != null;
    }
}
