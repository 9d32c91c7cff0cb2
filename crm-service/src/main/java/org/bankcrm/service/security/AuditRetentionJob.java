package org.bankcrm.service.security;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.bankcrm.service.shared.NightlyJobs;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The nightly audit purge ({@link AuditRetention}) as a recurring task of the job mechanism, on one node. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditRetentionJob.AuditProperties.class)
class AuditRetentionJob {

    /**
     * The audit log's job settings ({@code crm.audit.*}).
     *
     * @param purgeCron the nightly purge's time, a cron in bank time; "-" for never
     */
    @ConfigurationProperties("crm.audit")
    record AuditProperties(@DefaultValue("0 15 3 * * *") String purgeCron) {
    }

    @Bean
    RecurringTask<Void> auditRetentionTask(AuditProperties props, AuditRetention retention) {
        return NightlyJobs.nightly("audit-retention", props.purgeCron(), retention::nightly);
    }
}
