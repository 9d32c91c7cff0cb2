package org.bankcrm.service.shared;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import java.sql.SQLException;
import java.time.Instant;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the services call to start background work: schedules one execution of a task, now, in the caller's
 * transaction (it commits with the run row the caller wrote, or not at all), and wakes this node's scheduler once
 * that transaction has committed, so the work starts at once instead of at the next poll.
 */
@Slf4j
@Component
public class Jobs {

    private final ObjectProvider<Scheduler> scheduler;

    Jobs(ObjectProvider<Scheduler> scheduler) {
        this.scheduler = scheduler;
    }

    /** Schedules {@code task} for instance {@code id} with {@code data}, to run as soon as possible. */
    public <T> void start(TaskDescriptor<T> task, String id, T data) {
        Scheduler s = scheduler.getObject();
        s.schedule(task.instance(id).data(data).scheduledTo(Instant.now()));
        wakeAfterCommit(s);
    }

    /**
     * As {@link #start}, unless an execution of that instance is already waiting or running (on any node). The
     * scheduler looks, then inserts: another node that inserts the same instance in between (two nodes starting
     * together) makes this insert fail on the key, and outside a transaction that failure is the answer "already
     * waiting". Inside one it has ended the caller's transaction, so it is thrown.
     */
    public void startUnlessWaiting(TaskDescriptor<Void> task, String id) {
        Scheduler s = scheduler.getObject();
        boolean scheduled;
        try {
            scheduled = s.scheduleIfNotExists(task.instance(id).scheduledTo(Instant.now()));
        } catch (TaskInstanceException e) {
            if (TransactionSynchronizationManager.isActualTransactionActive() || !sameKey(e)) {
                throw e;
            }
            log.info("Task {} ({}) was scheduled by another node at the same moment", task.getTaskName(), id);
            return;
        }
        if (scheduled) {
            wakeAfterCommit(s);
        }
    }

    /** Whether {@code e} is PostgreSQL refusing a second row of the same key (unique_violation). */
    private static boolean sameKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void wakeAfterCommit(Scheduler s) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    s.triggerCheckForDueExecutions();
                }
            });
        } else {
            s.triggerCheckForDueExecutions();
        }
    }
}
