package org.bankcrm.service.discovery;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.discovery.RuleCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Executes queued discovery runs, one at a time, on a thread of its own (never the shared application executor,
 * so a long run cannot starve other background work). A run goes QUEUED → RUNNING → DONE, or FAILED with a
 * reason; everything it creates commits in one transaction with its DONE. Runs on several nodes are serialised by
 * a PostgreSQL advisory lock. While this node holds a run (queued or running) it refreshes the run's heartbeat;
 * a run whose heartbeat has stopped (its node died or restarted) is marked FAILED at start-up and by a periodic
 * check.
 */
@Slf4j
@Component
public class DiscoveryRunner {

    static final String FAILED_STALE = "discovery.failed.stale";
    static final String FAILED_ERROR = "discovery.failed.error";
    static final String FAILED_SHUTDOWN = "discovery.failed.shutdown";

    private final DiscoveryEngine engine;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Duration staleAfter;
    private final ThreadPoolTaskExecutor executor;
    private final ScheduledExecutorService heartbeat;
    /** The runs this node has queued or is running. */
    private final Set<Long> held = ConcurrentHashMap.newKeySet();

    public DiscoveryRunner(DiscoveryEngine engine, JdbcClient jdbc, TransactionTemplate tx,
                           @Value("${crm.discovery.stale-after:PT3M}") Duration staleAfter,
                           @Value("${crm.discovery.heartbeat:PT15S}") Duration beat) {
        // Every node judges the others' runs by this node's limit: a beat slower than a quarter of it would let
        // another node take a live run for dead.
        if (beat.multipliedBy(4).compareTo(staleAfter) > 0) {
            throw new IllegalStateException("crm.discovery.heartbeat (" + beat + ") must be at most a quarter of"
                    + " crm.discovery.stale-after (" + staleAfter + ")");
        }
        this.engine = engine;
        this.jdbc = jdbc;
        this.tx = tx;
        this.staleAfter = staleAfter;
        this.executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix("discovery-");
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "discovery-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, beat.toMillis(), beat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues a run that has been committed as QUEUED; the future completes when it has ended. */
    public Future<?> submit(long runId) {
        held.add(runId);
        try {
            return executor.submit(() -> execute(runId));
        } catch (RuntimeException e) {
            held.remove(runId);
            fail(runId, FAILED_ERROR);
            throw e;
        }
    }

    private void execute(long runId) {
        try {
            var run = jdbc.sql("""
                            update discovery_run set status = 'RUNNING', heartbeat_at = now()
                            where id = :id and status = 'QUEUED' returning as_of, rules""")
                    .param("id", runId)
                    .query((rs, i) -> new Object[]{rs.getObject(1, LocalDate.class), rs.getString(2)})
                    .optional();
            if (run.isEmpty()) {
                log.warn("Discovery run {} is no longer queued; not run.", runId);
                return;
            }
            LocalDate asOf = (LocalDate) run.get()[0];
            List<RuleCode> asked = rules((String) run.get()[1]);
            tx.executeWithoutResult(s -> {
                DiscoveryEngine.Outcome outcome = engine.run(runId, asOf, asked);
                int done = jdbc.sql("""
                                update discovery_run set status = 'DONE', finished_at = clock_timestamp(),
                                       heartbeat_at = clock_timestamp(), skipped = :skipped
                                where id = :id and status = 'RUNNING'""")
                        .param("skipped", outcome.skipped()).param("id", runId).update();
                if (done != 1) {
                    // Another node declared this run dead meanwhile: undo everything it did.
                    throw new IllegalStateException("discovery run " + runId + " was ended elsewhere");
                }
            });
        } catch (RuntimeException e) {
            log.error("Discovery run {} failed", runId, e);
            fail(runId, FAILED_ERROR);
        } finally {
            held.remove(runId);
        }
    }

    /** The codes a run asked for, or null for every enabled rule. */
    static List<RuleCode> rules(String codes) {
        if (codes == null || codes.isBlank()) {
            return null;
        }
        return Arrays.stream(codes.split(",")).map(RuleCode::parse).flatMap(java.util.Optional::stream).toList();
    }

    private void fail(long runId, String reason) {
        try {
            jdbc.sql("""
                            update discovery_run set status = 'FAILED', finished_at = now(), failure = :reason
                            where id = :id and status in ('QUEUED', 'RUNNING')""")
                    .param("reason", reason).param("id", runId).update();
        } catch (RuntimeException e) {
            log.error("Could not mark discovery run {} as failed", runId, e);
        }
    }

    private void beat() {
        if (held.isEmpty()) {
            return;
        }
        try {
            jdbc.sql("""
                            update discovery_run set heartbeat_at = now()
                            where id in (:ids) and status in ('QUEUED', 'RUNNING')""")
                    .param("ids", List.copyOf(held)).update();
        } catch (RuntimeException e) {
            log.warn("Discovery heartbeat failed: {}", e.toString());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void failStaleAtStartUp() {
        failStale();
    }

    @Scheduled(fixedDelayString = "${crm.discovery.stale-check:PT1M}",
            initialDelayString = "${crm.discovery.stale-check:PT1M}")
    void failStalePeriodically() {
        failStale();
    }

    /**
     * Marks FAILED every queued or running run, held by no live node, whose heartbeat is older than the stale limit
     * (a few minutes). At start-up and every minute.
     *
     * @return how many runs were marked
     */
    public int failStale() {
        List<Long> mine = held.isEmpty() ? List.of(-1L) : List.copyOf(held);
        int n = jdbc.sql("""
                        update discovery_run set status = 'FAILED', finished_at = now(), failure = :reason
                        where status in ('QUEUED', 'RUNNING')
                          and coalesce(heartbeat_at, started_at) < now() - make_interval(secs => :seconds)
                          and id not in (:mine)""")
                .param("reason", FAILED_STALE).param("seconds", (double) staleAfter.toSeconds())
                .param("mine", mine).update();
        if (n > 0) {
            log.warn("{} discovery run(s) whose node stopped were marked as failed.", n);
        }
        return n;
    }

    @PreDestroy
    void shutdown() {
        heartbeat.shutdownNow();
        executor.shutdown();
        if (!held.isEmpty()) {
            // Queued runs will never start here; a running one is rolled back when its connection goes.
            for (Long id : List.copyOf(held)) {
                fail(id, FAILED_SHUTDOWN);
            }
        }
    }
}
