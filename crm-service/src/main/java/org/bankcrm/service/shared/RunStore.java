package org.bankcrm.service.shared;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.VoidExecutionHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import lombok.extern.slf4j.Slf4j;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The lifecycle of the runs a user starts and watches ({@code import_run}, {@code discovery_run}): QUEUED when
 * the request commits (with its execution in {@code scheduled_tasks}, see {@link Jobs}), RUNNING when a node
 * takes it, then DONE or FAILED with a messages key. The one home of the status transitions every run shares;
 * each feature's own store adds what it records beside them (counts, phase). The run row stays the user-visible
 * record; the execution row is the job mechanism's.
 */
@Slf4j
@Component
public class RunStore {

    /** A table of runs, and the task that executes them (its executions are keyed by the run's id). */
    public enum Runs {
        IMPORT("import_run", "import-run", "import.interrupted",
                "phase = null, heartbeat_at = now(), failure_arg = :arg, "),
        DISCOVERY("discovery_run", "discovery-run", "discovery.failed.stale", "");

        private final String table;
        private final String task;
        /** The failure of a run whose node stopped. */
        private final String stopped;
        /** What a failure sets beside the status, the time and the key. */
        private final String onFailure;

        Runs(String table, String task, String stopped, String onFailure) {
            this.table = table;
            this.task = task;
            this.stopped = stopped;
            this.onFailure = onFailure;
        }

        public String task() {
            return task;
        }
    }

    private final JdbcClient jdbc;

    RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** QUEUED → RUNNING; answers false when the run is no longer queued (it was ended meanwhile). */
    public boolean start(Runs runs, long id) {
        return jdbc.sql("update " + runs.table + " set status = 'RUNNING', heartbeat_at = now()"
                        + " where id = :id and status = 'QUEUED'")
                .param("id", id).update() == 1;
    }

    /** Marks a queued or running run FAILED with {@code key} (and {@code arg}, where the table keeps one). */
    public void fail(Runs runs, long id, String key, String arg) {
        try {
            jdbc.sql("update " + runs.table + " set status = 'FAILED', " + runs.onFailure
                            + "finished_at = now(), failure = :key where id = :id and status in ('QUEUED', 'RUNNING')")
                    .param("key", key).param("arg", arg).param("id", id).update();
        } catch (RuntimeException e) {
            log.error("Could not mark {} {} as failed", runs.table, id, e);
        }
    }

    /**
     * Marks FAILED (as stopped) every queued or running run that no execution carries any more and whose heartbeat
     * is older than {@code staleAfter}: left by a node that stopped before the job mechanism knew it (a run whose
     * execution died is failed by its task's dead-execution handler). Answers how many.
     */
    public int failStale(Runs runs, Duration staleAfter) {
        int n = jdbc.sql("update " + runs.table + " r set status = 'FAILED', " + runs.onFailure.replace(":arg", "null")
                        + "finished_at = now(), failure = :key"
                        + " where status in ('QUEUED', 'RUNNING')"
                        + " and coalesce(heartbeat_at, started_at) < now() - make_interval(secs => :stale)"
                        + " and not exists (select 1 from scheduled_tasks t"
                        + "                 where t.task_name = :task and t.task_instance = r.id::text)")
                .param("key", runs.stopped).param("stale", (double) staleAfter.toSeconds()).param("task", runs.task)
                .update();
        if (n > 0) {
            log.warn("{} {} row(s) left running by a stopped node are marked failed", n, runs.table);
        }
        return n;
    }

    /**
     * The one-time task that executes the runs of {@code runs}, one execution per run keyed by its id: its body
     * writes the run's outcome itself; an execution that fails anyway is dropped, and one whose node died (its
     * heartbeat stopped) marks its run FAILED as stopped.
     */
    public <T> OneTimeTask<T> task(Runs runs, Class<T> data, VoidExecutionHandler<T> body) {
        return task(runs, data, (complete, ops) -> ops.remove(), body);
    }

    /** As {@link #task(Runs, Class, VoidExecutionHandler)}, with the caller's failure handling. */
    public <T> OneTimeTask<T> task(Runs runs, Class<T> data, FailureHandler<T> onFailure,
                                   VoidExecutionHandler<T> body) {
        return Tasks.oneTime(runs.task, data)
                .onFailure(onFailure)
                .onDeadExecution((complete, ops) -> {
                    String id = complete.getExecution().taskInstance.getId();
                    log.warn("The node running {} {} stopped beating: the run is marked failed", runs.table, id);
                    fail(runs, Long.parseLong(id), runs.stopped, null);
                    ops.remove();
                })
                .execute(body);
    }
}
