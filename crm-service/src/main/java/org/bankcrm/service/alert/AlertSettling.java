package org.bankcrm.service.alert;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.shared.RecordWorked;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Work done on a record settles its alerts at once (D38): after a follow-up, a completed visit, a stage move, an
 * edit or a complaint's resolution, in the writer's transaction, the open alerts on the opportunity and its customer
 * are checked against their codes' conditions for those two records alone, and resolved when no longer hit, so the
 * RM's alert list, the bell and the dashboard agree with My day right away instead of after the next evaluation. It
 * raises and escalates nothing: that stays the evaluation's.
 *
 * <p>In the writer's transaction and on its connection (a transaction of its own would take a second connection from
 * the pool for every follow-up), and never beside a running evaluation: it tries the evaluation's lock, shared,
 * without waiting, and leaves the alerts to the evaluation when it is taken, so the two never contend for the same
 * rows. The day is today, or the latest evaluation's when that was later (an evaluation as of a later day must not be
 * undone by a check as of an earlier one). A write on a record with no open alert costs one indexed look-up.
 */
@Component
@RequiredArgsConstructor
class AlertSettling {

    private final AlertEvaluationStore store;
    private final AlertEvaluator evaluator;
    private final Clock clock;

    @EventListener
    void on(RecordWorked worked) {
        Set<AlertCode> open = store.openCodes(worked.opportunityId(), worked.customerId());
        if (open.isEmpty() || !store.trySharedLock()) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate latest = store.latestAsOf();
        LocalDate asOf = latest.isAfter(today) ? latest : today;
        store.settle(evaluator.hits(asOf, open), asOf, worked.opportunityId(), worked.customerId());
    }
}
