package org.bankcrm.service.customer;

import java.util.Map;

/**
 * Published inside the transaction in which customers changed hands ({@link CustomerOwnership#hand}, or a customers
 * feed), for what other features keep per customer owner (a campaign's open targets, planned visits) to follow the
 * customer.
 *
 * @param previousOwners each customer's id with the id of the owner it had before (null: it had none)
 * @param toId the new owner's id; null when a customers feed moved the customers to another branch without naming
 *             an owner, so that they have none now (also those that had none before: their queued campaign targets
 *             were their old branch's)
 */
public record CustomersHanded(Map<Long, Long> previousOwners, Long toId) {

    /** Whether the customers have no owner now (moved to another branch by a feed). */
    public boolean toNobody() {
        return toId == null;
    }
}
