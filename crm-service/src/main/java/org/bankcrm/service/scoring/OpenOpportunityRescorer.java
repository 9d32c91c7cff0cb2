package org.bankcrm.service.scoring;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-scores open opportunities: all of them nightly (the time-based factors move with the calendar) and after a
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

    /** Nightly at 01:30 bank time, on one node only. */
    @Scheduled(cron = "${crm.scoring.refresh-cron:0 30 1 * * *}", zone = "Asia/Shanghai")
    @SchedulerLock(name = "rescore-open-opportunities", lockAtMostFor = "PT2H")
    public void nightly() {
        int n = rescoreAllOpen();
        log.info("Nightly re-scoring: {} open opportunities scored.", n);
    }

    /** Scores every open opportunity with the active model; returns how many were scored. */
    public int rescoreAllOpen() {
        return rescoreOpen("", Map.of());
    }

    /** Scores the open opportunities of one product (its revenue rate changed); returns how many were scored. */
    public int rescoreOpenOfProduct(String productCode) {
        return rescoreOpen(" and product_code = :product", Map.of("product", productCode));
    }

    /**
     * Scores the open opportunities that do not carry the active model's version: those a re-scoring after an
     * activation had not reached when its node stopped. Run at every node's start ({@link RescoreCatchUp}) on one
     * node at a time; the lock is released when it ends ({@code lockAtLeastFor} zero, unlike the nightly jobs),
     * since running it again finds nothing to do, and a node starting a minute later must still get to check.
     *
     * @return how many were scored, or empty when another node was catching up at the same moment
     */
    @SchedulerLock(name = "rescore-catch-up", lockAtMostFor = "PT30M", lockAtLeastFor = "PT0S")
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
