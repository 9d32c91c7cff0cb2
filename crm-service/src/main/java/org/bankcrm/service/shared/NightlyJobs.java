package org.bankcrm.service.shared;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.ZoneId;
import lombok.extern.slf4j.Slf4j;

/**
 * Recurring tasks of the job mechanism: a nightly job at a cron time in bank time (Asia/Shanghai), or "-" for
 * never. db-scheduler keeps one execution per recurring task whose time is its next firing: the node that picks it
 * runs it and moves the time to the next firing, so a job fired on several nodes at once runs once, and a node
 * whose clock is behind finds it already moved on.
 */
@Slf4j
public final class NightlyJobs {

    /** The bank's time zone: every nightly cron is read in it. */
    public static final ZoneId BANK_TIME = ZoneId.of("Asia/Shanghai");

    private NightlyJobs() {
    }

    /** The recurring task {@code name} at {@code cron}, running {@code job} and logging (not rethrowing) a failure. */
    public static RecurringTask<Void> nightly(String name, String cron, Runnable job) {
        return Tasks.recurring(name, Schedules.cron(cron, BANK_TIME))
                .execute((instance, context) -> {
                    try {
                        job.run();
                    } catch (RuntimeException e) {
                        log.error("Nightly job {} failed; it runs again at its next time", name, e);
                    }
                });
    }
}
