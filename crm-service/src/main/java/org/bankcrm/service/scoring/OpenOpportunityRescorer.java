package org.bankcrm.service.scoring;

import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-scores open opportunities: all of them nightly (the time-based factors move with the calendar) and after a
 * new model or scale is activated, those of one product after its revenue rate changed. Works in batches, each in its own short
 * transaction, so users are never blocked.
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
