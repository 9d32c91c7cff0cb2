package org.bankcrm.service.discovery;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.service.shared.NightlyJobs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The nightly discovery run (after the nightly feeds), on one node only: every enabled rule as of today. A
 * recurring task of the job mechanism; it queues the run, whose own execution then runs it.
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
class NightlyDiscovery {

    /** 02:30 bank time by default ({@code crm.discovery.cron}, "-" for never). */
    @Bean
    RecurringTask<Void> discoveryNightlyTask(DiscoveryProperties props, DiscoveryService discovery) {
        return NightlyJobs.nightly("discovery-nightly", props.cron(), () -> {
            long id = discovery.queueNightly();
            log.info("Nightly discovery run {} queued.", id);
        });
    }
}
