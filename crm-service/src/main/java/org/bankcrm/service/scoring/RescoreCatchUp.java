package org.bankcrm.service.scoring;

import lombok.RequiredArgsConstructor;
import org.bankcrm.service.shared.Jobs;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Finishes, when a node starts, a re-scoring that a stopped node left part-way (its open opportunities would keep
 * the old version until the nightly job, and the admin page's progress would stand still): asks the job mechanism
 * for the catch-up ({@link ScoringJobs#CATCH_UP}), which runs on one node at a time, in the background, so the
 * node is ready at once. A catch-up already waiting is not asked for twice.
 */
@Component
@RequiredArgsConstructor
public class RescoreCatchUp {

    private final Jobs jobs;

    @EventListener(ApplicationReadyEvent.class)
    public void onApplicationReady() {
        jobs.startUnlessWaiting(ScoringJobs.CATCH_UP, "catch-up");
    }
}
