package org.bankcrm.service.shared;

/**
 * Published, inside the writer's transaction, when someone did work on an opportunity or a customer that may settle
 * an early warning (a follow-up, a stage move, a new close date): the alerts listen (D38) and resolve at once those
 * whose condition no longer holds, rather than at the next evaluation. Either id may be null.
 */
public record RecordWorked(Long opportunityId, Long customerId) {
}
