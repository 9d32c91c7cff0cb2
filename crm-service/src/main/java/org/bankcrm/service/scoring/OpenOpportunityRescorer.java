package org.bankcrm.service.scoring;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-scores open opportunities (the bodies of the tasks in {@link ScoringJobs}): all of them nightly (the time-based factors move with the calendar) and after a
 * new model or scale is activated, those of one product after its revenue rate changed, and at start-up those left
 * behind the active model. Works in batches, each in its own short transaction, so users are never blocked.
 */
@Slf4j
@Component
@RequiredArgsConstructor
public class OpenOpportunityRescorer {

    static final int BATCH = 1000;

    private final ScoringService scoring;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    /** Scores every open opportunity with the active model; returns how many were scored. */
    public int rescoreAllOpen() {
        return rescoreOpen("", Map.of());
    }

    /** Scores the open opportunities of one product (its revenue rate changed); returns how many were scored. */
    public int rescoreOpenOfProduct(String productCode) {
        return rescoreOpen(" and product_code = :product", Map.of("product", productCode));
    }

    /**
     * Scores the open opportunities of {@code customers} (an import changed their tier or holdings), {@code batch}
     * customers per short transaction; a batch that fails is left to the nightly re-scoring.
     */
    public void rescoreOpenOfCustomers(List<Long> customers, int batch) {
        for (int from = 0; from < customers.size(); from += batch) {
            List<Long> some = customers.subList(from, Math.min(customers.size(), from + batch));
            try {
                tx.executeWithoutResult(s -> scoring.rescore(jdbc.sql(
                                "select id from opportunity where status = 'OPEN' and customer_id in (:c)")
                        .param("c", some).query(Long.class).list()));
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
        return Optional.of(rescoreOpen(
                " and score_model_version is distinct from (select version from scoring_model where active)", Map.of()));
    }

    /** Scores the open opportunities matching {@code condition}, in batches of {@link #BATCH} by id. */
    private int rescoreOpen(String condition, Map<String, ?> params) {
        long after = 0;
        int total = 0;
        while (true) {
            List<Long> ids = jdbc.sql("select id from opportunity where status = 'OPEN' and id > :after" + condition
                            + " order by id limit :batch")
                    .params(params).param("after", after).param("batch", BATCH).query(Long.class).list();
            if (ids.isEmpty()) {
                return total;
            }
            Integer done = tx.execute(s -> scoring.rescore(ids));
            total += done == null ? 0 : done;
            after = ids.getLast();
        }
    }
}
