package org.bankcrm.service.alert;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.settings.AppSettingRepository;
import org.bankcrm.service.opportunity.PipelineRules;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One evaluation as of a bank day D (D38), in one transaction, one at a time across nodes: each enabled code's
 * records are collected, the open alerts no longer hit are resolved, the new hits raised (their owners, or their
 * branch's heads, notified), and the alerts open long enough escalated to the heads. Evaluating the same day twice
 * raises nothing new; evaluating a later day is how time moves forward.
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class AlertEvaluator {

    private final AlertEvaluationStore store;
    private final AlertSettingStore settings;
    private final AlertQueries queries;
    private final AppSettingRepository appSettings;

    /** Evaluates as of {@code asOf}; {@code by} the admin who asked, null for the nightly job. */
    @Transactional
    public AlertRun evaluate(LocalDate asOf, String by) {
        store.lock();
        store.analyze();
        long runId = store.newRun(asOf, by);
        store.collect(hits(asOf, EnumSet.allOf(AlertCode.class)));
        int resolved = store.resolve(asOf);
        int notified = store.raise(asOf, runId);
        Map<String, Integer> raised = store.raisedBy(runId);
        int[] escalated = store.escalate(asOf);
        String json = raised.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        store.finish(runId, json, resolved, escalated[0], notified + escalated[1]);
        AlertRun run = queries.run(runId).orElseThrow();
        log.info("Alert evaluation {} as of {}: raised {}, resolved {}, escalated {}.", runId, asOf, raised,
                resolved, escalated[0]);
        return run;
    }

    /** The conditions as of {@code asOf} of the enabled codes among {@code codes}, with the admin's days. */
    List<AlertEvaluationStore.Hits> hits(LocalDate asOf, Set<AlertCode> codes) {
        List<AlertEvaluationStore.Hits> hits = new ArrayList<>();
        for (AlertSetting s : settings.all()) {
            if (!s.enabled() || !codes.contains(s.code())) {
                continue;
            }
            hits.add(switch (s.code()) {
                case STALLED -> AlertEvaluationStore.stalled(asOf,
                        s.days() != null ? s.days() : PipelineRules.stalledDays(appSettings));
                case OVERDUE_ACTION -> AlertEvaluationStore.overdueAction(asOf, s.days());
                case CLOSE_DATE_PASSED -> AlertEvaluationStore.closeDatePassed(asOf, s.days());
                case UNWORKED_DISCOVERY -> AlertEvaluationStore.unworkedDiscovery(asOf, s.days());
                case CONTACT_OVERDUE -> AlertEvaluationStore.contactOverdue(asOf, s.days());
                case COMPLAINT_OVERDUE -> AlertEvaluationStore.complaintOverdue(asOf, s.days());
            });
        }
        return hits;
    }
}
