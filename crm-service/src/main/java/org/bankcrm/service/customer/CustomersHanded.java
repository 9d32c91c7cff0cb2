package org.bankcrm.service.customer;

import java.util.Map;

/**
 * Published inside the transaction in which customers changed hands ({@link CustomerOwnership#hand}), for what
 * other features keep per customer owner (a campaign's open targets) to follow the customer.
 *
 * @param previousOwners each customer's id with the id of the owner it had before (null: it had none)
 * @param toId the new owner's id
 */
public record CustomersHanded(Map<Long, Long> previousOwners, long toId) {
}
