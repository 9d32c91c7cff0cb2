package org.bankcrm.service.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.bankcrm.service.shared.RunStore.Runs;
import org.bankcrm.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The run lifecycle on PostgreSQL, without the application: the transitions every run shares, the sweep of runs
 * no execution carries, and a node dying mid-run (its execution's heartbeat stops) as the job mechanism sees it.
 */
class RunStoreTest {

    static DriverManagerDataSource dataSource;
    static JdbcClient jdbc;
    static RunStore store;

    @BeforeAll
    static void migrate() {
        TestDatabase.Connection db = TestDatabase.get();
        dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        store = new RunStore(jdbc);
    }

    private long importRun(String status, String heartbeatAgo) {
        return jdbc.sql("""
                        insert into import_run (kind, status, phase, file_name, started_by, started_at, heartbeat_at)
                        values ('CUSTOMERS', :status, 'READING', 'rs.csv', 'test', now() - interval '1 hour',
                                now() - cast(:ago as interval)) returning id""")
                .param("status", status).param("ago", heartbeatAgo).query(Long.class).single();
    }

    private String outcome(long id) {
        return jdbc.sql("select status || ' ' || coalesce(failure, '-') || ' ' || coalesce(phase, '-')"
                + " from import_run where id = :id").param("id", id).query(String.class).single();
    }

    @Test
    void aQueuedRunStartsOnceAndAFailureEndsOnlyALiveRun() {
        long id = importRun("QUEUED", "0 seconds");
        assertThat(store.start(Runs.IMPORT, id)).isTrue();
        assertThat(store.start(Runs.IMPORT, id)).as("no longer queued").isFalse();
        store.fail(Runs.IMPORT, id, "import.failed", "abcd1234");
        assertThat(outcome(id)).isEqualTo("FAILED import.failed -");
        assertThat(jdbc.sql("select failure_arg from import_run where id = :id").param("id", id).query(String.class)
                .single()).isEqualTo("abcd1234");
        long done = importRun("DONE", "0 seconds");
        store.fail(Runs.IMPORT, done, "import.failed", null);
        assertThat(outcome(done)).startsWith("DONE");
    }

    @Test
    void theSweepFailsOnlyRunsThatNoExecutionCarriesAndWhoseHeartbeatStopped() {
        long lost = importRun("RUNNING", "10 minutes");
        long fresh = importRun("RUNNING", "0 seconds");
        long carried = importRun("RUNNING", "10 minutes");
        jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,
                                                     last_heartbeat, version)
                        values ('import-run', :id, now(), true, 'other-node', now(), 1)""")
                .param("id", String.valueOf(carried)).update();
        store.failStale(Runs.IMPORT, Duration.ofMinutes(2));
        assertThat(outcome(lost)).isEqualTo("FAILED import.interrupted -");
        assertThat(outcome(fresh)).isEqualTo("RUNNING - READING");
        assertThat(outcome(carried)).isEqualTo("RUNNING - READING");
        jdbc.sql("delete from scheduled_tasks where task_instance = :id").param("id", String.valueOf(carried)).update();
    }

    @Test
    void aRunWhoseNodeDiedMidRunIsFailedWithTheSameKeyAsBefore() {
        long run = jdbc.sql("""
                        insert into discovery_run (as_of, status, started_by, started_at, heartbeat_at)
                        values (date '2030-01-01', 'RUNNING', 'test', now(), now()) returning id""")
                .query(Long.class).single();
        // The node that picked the execution stopped beating a minute ago.
        jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,
                                                     last_heartbeat, version)
                        values ('discovery-run', :id, now() - interval '1 minute', true, 'dead-node',
                                now() - interval '1 minute', 1)""")
                .param("id", String.valueOf(run)).update();
        Scheduler scheduler = Scheduler.create(dataSource, store.task(Runs.DISCOVERY, Void.class, (i, c) -> {
                }))
                .heartbeatInterval(Duration.ofSeconds(1)).missedHeartbeatsLimit(4)
                .pollingInterval(Duration.ofMillis(200)).build();
        scheduler.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                    "select status || ' ' || coalesce(failure, '-') from discovery_run where id = :id")
                    .param("id", run).query(String.class).single().equals("FAILED discovery.failed.stale"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                    "select count(*) from scheduled_tasks where task_instance = :id").param("id", String.valueOf(run))
                    .query(Integer.class).single() == 0);
        } finally {
            scheduler.stop();
        }
    }
}
