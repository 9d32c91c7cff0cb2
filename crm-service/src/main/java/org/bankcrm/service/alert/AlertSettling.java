package org.bankcrm.service.alert;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.service.shared.RecordWorked;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Work done on a record settles its alerts at once (D38): once a follow-up, a completed visit, a stage move or an
 * edit has committed, the open alerts on the opportunity and its customer are checked against their codes'
 * conditions for those two records alone, and resolved when no longer hit, so the RM's alert list, the bell and the
 * dashboard agree with My day right away instead of after the next evaluation. It raises and escalates nothing:
 * that stays the evaluation's.
 *
 * <p>After the writer's commit, in a transaction of its own, so that it can never undo the RM's work: it does not wait
 * for a running evaluation (it tries the evaluation's lock, shared, and leaves the alerts to it when taken), waits at
 * most a moment for a row, and a failure is logged, the alerts left to the next evaluation. The day is today, or the
 * latest evaluation's when that was later (an evaluation as of a later day must not be undone by a check as of an
 * earlier one). A write on a record with no open alert costs one indexed look-up.
 */
@Slf4j
@Component
@RequiredArgsConstructor
class AlertSettling {

    private final AlertEvaluationStore store;
    private final AlertEvaluator evaluator;
    private final Clock clock;

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(RecordWorked worked) {
        try {
            Set<AlertCode> open = store.openCodes(worked.opportunityId(), worked.customerId());
            if (open.isEmpty() || !store.trySharedLock()) {
                return;
            }
            LocalDate today = LocalDate.now(clock);
            LocalDate latest = store.latestAsOf();
            LocalDate asOf = latest.isAfter(today) ? latest : today;
            store.settle(evaluator.hits(asOf, open), asOf, worked.opportunityId(), worked.customerId());
        } catch (RuntimeException e) {
            log.warn("Alerts of opportunity {} and customer {} left to the next evaluation: {}",
                    worked.opportunityId(), worked.customerId(), e.getClass().getSimpleName());
        }
    }
}
