package org.bankcrm.service.shared;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the services call to start background work: schedules one execution of a task, now, in the caller's
 * transaction (it commits with the run row the caller wrote, or not at all), and wakes this node's scheduler once
 * that transaction has committed, so the work starts at once instead of at the next poll.
 */
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

    /** As {@link #start}, unless an execution of that instance is already waiting or running (on any node). */
    public void startUnlessWaiting(TaskDescriptor<Void> task, String id) {
        Scheduler s = scheduler.getObject();
        if (s.scheduleIfNotExists(task.instance(id).scheduledTo(Instant.now()))) {
            wakeAfterCommit(s);
        }
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
