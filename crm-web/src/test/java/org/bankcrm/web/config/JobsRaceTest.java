package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import org.bankcrm.service.shared.Jobs;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes asking for the same waiting task at the same moment (MultiNodeTest's two nodes starting together, one of
 * which failed to start under load): the scheduler looks, finds nothing, inserts, and meets the other node's row;
 * it then looks again, and when the other node has already run the task and removed the row, it finds nothing and
 * fails. A trigger stands in for the other node here: it refuses this test's instances as a second row of their key.
 */
@CrmWebTest
class JobsRaceTest {

    /** A task the application has, with instances of this test's own (a catch-up that finds nothing to finish). */
    private static final TaskDescriptor<Void> CATCH_UP = TaskDescriptor.of("rescore-catch-up");

    @Autowired
    Jobs jobs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aTaskAnotherNodeScheduledAndRanAtTheSameMomentIsNotAFailure() {
        jdbc.execute("""
                create or replace function test_another_node_was_first() returns trigger language plpgsql as $$
                begin
                    if new.task_instance like 'race-%' then
                        raise exception 'duplicate key value violates unique constraint "scheduled_tasks_pkey"'
                            using errcode = 'unique_violation';
                    end if;
                    return new;
                end $$""");
        jdbc.execute("""
                create trigger test_another_node_was_first before insert on scheduled_tasks
                for each row execute function test_another_node_was_first()""");
        try {
            jobs.startUnlessWaiting(CATCH_UP, "race-" + System.nanoTime());
            // In a transaction the refused insert has ended the caller's transaction: that is the caller's failure.
            assertThatThrownBy(() -> transactions.executeWithoutResult(
                    t -> jobs.startUnlessWaiting(CATCH_UP, "race-" + System.nanoTime())))
                    .isInstanceOf(RuntimeException.class);
        } finally {
            jdbc.execute("drop trigger test_another_node_was_first on scheduled_tasks");
            jdbc.execute("drop function test_another_node_was_first()");
        }
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance like 'race-%'",
                Integer.class)).isZero();
    }
}
