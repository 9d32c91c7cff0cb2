package org.bankcrm.service.scoring;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.ToIntFunction;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-scores open opportunities (the bodies of the tasks in {@link ScoringJobs}): all of them nightly (the time-based
 * factors move with the calendar) and after a new model or scale is activated, those of one product after its
 * revenue rate changed, and at start-up those left behind the active model. Works in batches, each in its own short
 * transaction, so users are never blocked. Which ones to score next: {@link ScoringQueries}.
 */
@Slf4j
@Component
@RequiredArgsConstructor
public class OpenOpportunityRescorer {

    static final int BATCH = 1000;

    private final ScoringService scoring;
    private final ScoringQueries queries;
    private final ScoringStore store;
    private final TransactionTemplate tx;

    /** Scores every open opportunity with the active model; returns how many were scored. */
    public int rescoreAllOpen() {
        return rescoreOpen(after -> queries.openIdsAfter(after, BATCH));
    }

    /**
     * Gives the open opportunities of one product (its revenue rate changed) their expected revenue at the rate now
     * and scores them, batch by batch, each in its own short transaction; returns how many were scored.
     */
    public int rescoreOpenOfProduct(String productCode) {
        return rescoreOpen(after -> queries.openIdsOfProductAfter(productCode, after, BATCH), store::reprice);
    }

    /**
     * Scores the open opportunities of {@code customers} (an import changed their tier or holdings), {@code batch}
     * customers per short transaction; a batch that fails is left to the nightly re-scoring.
     */
    public void rescoreOpenOfCustomers(List<Long> customers, int batch) {
        for (int from = 0; from < customers.size(); from += batch) {
            List<Long> some = customers.subList(from, Math.min(customers.size(), from + batch));
            try {
                tx.executeWithoutResult(s -> scoring.rescore(queries.openIdsOfCustomers(some)));
            } catch (RuntimeException e) {
                log.warn("Re-scoring after an import failed for a batch; the nightly refresh will catch up", e);
            }
        }
    }

    /**
     * Scores the open opportunities that do not carry the active model's version: those a re-scoring after an
     * activation had not reached when its node stopped. Asked for at every node's start ({@link RescoreCatchUp}),
     * as one execution at a time across nodes; running it again finds nothing to do.
     *
     * @return how many were scored
     */
    public Optional<Integer> catchUp() {
        return Optional.of(rescoreOpen(after -> queries.openIdsBehindActiveModelAfter(after, BATCH)));
    }

    /** Scores the open opportunities {@code next} answers batch by batch (by id after the last), until none. */
    private int rescoreOpen(LongFunction<List<Long>> next) {
        return rescoreOpen(next, ids -> 0);
    }

    /** As {@link #rescoreOpen(LongFunction)}, with {@code before} applied to each batch first, in its transaction. */
    private int rescoreOpen(LongFunction<List<Long>> next, ToIntFunction<List<Long>> before) {
        long after = 0;
        int total = 0;
        while (true) {
            List<Long> ids = next.apply(after);
            if (ids.isEmpty()) {
                return total;
            }
            Integer done = tx.execute(s -> {
                before.applyAsInt(ids);
                return scoring.rescore(ids);
            });
            total += done == null ? 0 : done;
            after = ids.getLast();
        }
    }
}
