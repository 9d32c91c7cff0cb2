package org.bankcrm.service.scoring;

import java.util.UUID;
import org.bankcrm.service.shared.Jobs;
import org.springframework.stereotype.Component;

/**
 * Asks for a re-scoring in the background (tasks of {@link ScoringJobs}), in the caller's transaction: it starts
 * once that has committed, on whichever node is free, and is run again elsewhere if its node dies.
 */
@Component
public class Rescoring {

    private final Jobs jobs;

    Rescoring(Jobs jobs) {
        this.jobs = jobs;
    }

    /** Every open opportunity with the active model; {@code why} names the cause in the execution's id. */
    public void allOpen(String why) {
        jobs.start(ScoringJobs.RESCORE_ALL, why + "-" + UUID.randomUUID(), null);
    }

    /** The open opportunities of product {@code code} (its revenue rate changed). */
    public void openOfProduct(String code) {
        jobs.start(ScoringJobs.RESCORE_PRODUCT, code + "-" + UUID.randomUUID(), code);
    }
}
