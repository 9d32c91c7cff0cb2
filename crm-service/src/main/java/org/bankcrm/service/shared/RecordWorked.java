package org.bankcrm.service.shared;

/**
 * Published, inside the writer's transaction, when someone did work on an opportunity or a customer that may settle
 * an early warning (a follow-up, a completed visit, a stage move, a new close date, a complaint resolved): the alerts
 * (D38) resolve, in the same transaction, those whose condition the work ended, rather than at the next evaluation.
 * The writer flushes what it changed first (the check reads it with SQL). Either id may be null.
 */
public record RecordWorked(Long opportunityId, Long customerId) {
}
