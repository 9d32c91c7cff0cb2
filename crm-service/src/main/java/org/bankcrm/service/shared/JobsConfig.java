package org.bankcrm.service.shared;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The one job mechanism (decision record "Jobs"): db-scheduler over the {@code scheduled_tasks} table (V13). Every
 * {@link Task} bean is registered: one-time tasks for the runs a user starts (an import, a discovery run, a
 * re-scoring), recurring tasks for the nightly jobs. Executions are cluster-safe (one node picks each), persistent
 * (a queued run survives a restart) and beaten; a dead execution goes to its task's dead-execution handler.
 * <p>
 * The scheduler reads and writes through a transaction-aware proxy of the application's DataSource: a task
 * scheduled inside a transaction commits, or rolls back, with the rows written beside it (see {@link Jobs}). It
 * starts once the application is ready (the schema migrated, every bean in place) and stops with the context.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobsProperties.class)
public class JobsConfig {

    @Bean(destroyMethod = "stop")
    Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, JobsProperties props) {
        // Recurring tasks are scheduled (their next firing) when the scheduler starts; the others when asked for.
        List<RecurringTask<?>> recurring = tasks.stream().filter(t -> t instanceof RecurringTask<?>)
                .<RecurringTask<?>>map(t -> (RecurringTask<?>) t).toList();
        List<Task<?>> oneTime = tasks.stream().filter(t -> !(t instanceof RecurringTask<?>)).toList();
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), oneTime)
                .startTasks(recurring)
                .threads(props.threads())
                .pollingInterval(props.pollInterval())
                .heartbeatInterval(props.heartbeat())
                .missedHeartbeatsLimit(props.missedHeartbeats())
                .shutdownMaxWait(props.shutdownWait())
                .enableImmediateExecution()
                .build();
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> schedulerStart(Scheduler scheduler, RunStore runs,
                                                              JobsProperties props) {
        return event -> {
            // Nothing of this node is running yet: runs a stopped node left are failed at once.
            for (RunStore.Runs r : RunStore.Runs.values()) {
                runs.failStale(r, props.deadAfter());
            }
            scheduler.start();
        };
    }

    /**
     * Fails, every few heartbeats, the runs that no execution carries and whose heartbeat has stopped (a run whose
     * execution died is failed by its task's dead-execution handler instead).
     */
    @Bean
    RecurringTask<Void> staleRunsTask(RunStore runs, JobsProperties props) {
        return Tasks.recurring("stale-runs", Schedules.fixedDelay(props.heartbeat().multipliedBy(4)))
                .execute((instance, context) -> {
                    for (RunStore.Runs r : RunStore.Runs.values()) {
                        runs.failStale(r, props.deadAfter());
                    }
                });
    }
}
