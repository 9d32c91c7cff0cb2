package org.bankcrm.service.dashboard;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import lombok.extern.slf4j.Slf4j;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Folds the read model's rows of finished transactions into its settled sums ({@link ReadModelStore#compact()}, D57)
 * every {@link DashboardProperties#compactEvery()}, on one node at a time. Every writing transaction adds to rows of
 * its own (so writers never wait for one another on a sum row); without this the dashboards would read one row set
 * per write. The sums are the same before and after: the fold is one statement a table.
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
class ReadModelCompaction {

    @Bean
    RecurringTask<Void> rollupCompactTask(DashboardProperties props, ReadModelStore readModel) {
        return Tasks.recurring("rollup-compact", Schedules.fixedDelay(props.compactEvery()))
                .execute((instance, context) -> {
                    long folded = readModel.compact();
                    log.debug("Read model: {} rows of finished transactions folded", folded);
                });
    }
}
