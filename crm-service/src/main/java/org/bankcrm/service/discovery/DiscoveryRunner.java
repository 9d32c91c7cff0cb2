package org.bankcrm.service.discovery;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.discovery.RuleCode;
import org.bankcrm.service.shared.Jobs;
import org.bankcrm.service.shared.JobsProperties;
import org.bankcrm.service.shared.RunStore;
import org.bankcrm.service.shared.RunStore.Runs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Executes discovery runs: the body of the {@code discovery-run} task of the job mechanism ({@link Jobs}), one
 * execution per run, scheduled in the transaction that queued the run. A run goes QUEUED → RUNNING → DONE, or
 * FAILED with a reason; everything it creates commits in one transaction with its DONE. Runs on several nodes are
 * serialised by a PostgreSQL advisory lock (see {@link DiscoveryEngine}). A run whose node died is marked FAILED as
 * stale: by the task's dead-execution handler, or, for a run no execution carries, by {@link #failStale}.
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
public class DiscoveryRunner {

    static final String FAILED_STALE = "discovery.failed.stale";
    static final String FAILED_ERROR = "discovery.failed.error";

    static final TaskDescriptor<Void> TASK = TaskDescriptor.of(Runs.DISCOVERY.task());

    private final DiscoveryEngine engine;
    private final DiscoveryRunStore store;
    private final RunStore runStore;
    private final Jobs jobs;
    private final JobsProperties jobsProps;
    private final TransactionTemplate tx;

    public DiscoveryRunner(DiscoveryEngine engine, DiscoveryRunStore store, RunStore runStore, Jobs jobs,
                           JobsProperties jobsProps, TransactionTemplate tx) {
        this.engine = engine;
        this.store = store;
        this.runStore = runStore;
        this.jobs = jobs;
        this.jobsProps = jobsProps;
        this.tx = tx;
    }

    @Bean
    OneTimeTask<Void> discoveryRunTask() {
        return runStore.task(Runs.DISCOVERY, Void.class,
                (instance, context) -> execute(Long.parseLong(instance.getId())));
    }

    /** Schedules the execution of a run queued in the caller's transaction; it starts once that has committed. */
    public void submit(long runId) {
        jobs.start(TASK, String.valueOf(runId), null);
    }

    private void execute(long runId) {
        try {
            var asked = store.start(runId);
            if (asked.isEmpty()) {
                log.warn("Discovery run {} is no longer queued; not run.", runId);
                return;
            }
            List<RuleCode> rules = rules(asked.get().rules());
            tx.executeWithoutResult(s -> {
                DiscoveryEngine.Outcome outcome = engine.run(runId, asked.get().asOf(), rules);
                if (!store.done(runId, outcome.skipped())) {
                    // Another node declared this run dead meanwhile: undo everything it did.
                    throw new IllegalStateException("discovery run " + runId + " was ended elsewhere");
                }
            });
        } catch (RuntimeException e) {
            log.error("Discovery run {} failed", runId, e);
            store.fail(runId, FAILED_ERROR);
        }
    }

    /** The codes a run asked for, or null for every enabled rule. */
    static List<RuleCode> rules(String codes) {
        if (codes == null || codes.isBlank()) {
            return null;
        }
        return Arrays.stream(codes.split(",")).map(RuleCode::parse).flatMap(Optional::stream).toList();
    }

    /**
     * Marks FAILED every queued or running run that no execution carries and whose heartbeat is older than the job
     * mechanism's dead limit (left by a node that stopped). Also done at start-up and periodically.
     *
     * @return how many runs were marked
     */
    public int failStale() {
        return runStore.failStale(Runs.DISCOVERY, jobsProps.deadAfter());
    }
}
