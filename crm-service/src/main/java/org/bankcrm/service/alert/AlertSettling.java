package org.bankcrm.service.alert;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.shared.RecordWorked;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Work done on a record settles its alerts at once (D38): after a follow-up, a stage move or a new close date, in the
 * writer's transaction, the open alerts on the opportunity and its customer are checked against their codes'
 * conditions for those two records alone, and resolved when no longer hit, so the RM's alert list, the bell and the
 * dashboard agree with My day right away instead of after the next evaluation. It raises and escalates nothing:
 * that stays the evaluation's. The day is today, or the latest evaluation's when that was later (an evaluation as of
 * a later day must not be undone by a check as of an earlier one). Most writes touch no alerted record and cost one
 * indexed look-up.
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
        if (open.isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate latest = store.latestAsOf();
        LocalDate asOf = latest.isAfter(today) ? latest : today;
        store.settle(evaluator.hits(asOf, open), asOf, worked.opportunityId(), worked.customerId());
    }
}
