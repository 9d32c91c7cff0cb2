package org.bankcrm.service.scoring;

import java.util.Optional;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Finishes, when a node starts, a re-scoring that a stopped node left part-way: activating a model re-scores every
 * open opportunity on the activating node's task executor after the commit, and if that node stops meanwhile the
 * rest would keep the old version until the nightly job (and the admin page's progress would stand still). On the
 * task executor, so the node is ready at once; under a ShedLock lock, so one node at a time does it.
 */
@Slf4j
@Component
@RequiredArgsConstructor
public class RescoreCatchUp {

    private final OpenOpportunityRescorer rescorer;
    @Qualifier("applicationTaskExecutor")
    private final TaskExecutor executor;

    @EventListener(ApplicationReadyEvent.class)
    public void onApplicationReady() {
        executor.execute(this::catchUp);
    }

    private void catchUp() {
        try {
            Optional<Integer> scored = rescorer.catchUp();
            if (scored.isEmpty()) {
                log.info("Re-scoring catch-up: another node is doing it.");
            } else if (scored.get() > 0) {
                log.info("Re-scoring catch-up: {} open opportunities moved to the active model.", scored.get());
            }
        } catch (RuntimeException e) {
            // The nightly re-scoring, or the next start, will score what is left.
            log.warn("Re-scoring catch-up stopped: {}", e.toString());
        }
    }
}
