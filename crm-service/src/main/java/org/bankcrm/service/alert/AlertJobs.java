package org.bankcrm.service.alert;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Clock;
import java.time.LocalDate;
import org.bankcrm.service.shared.NightlyJobs;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Early warning's nightly jobs on the job mechanism (D24), each on one node only: the evaluation as of the new bank
 * day, after the feeds, discovery and the re-scoring; and the morning e-mail digest.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertJobs.AlertProperties.class)
class AlertJobs {

    /**
     * Early warning's settings ({@code crm.alerts.*}).
     *
     * @param cron       the nightly evaluation, a cron in bank time; "-" for never
     * @param digestCron the morning digest, a cron in bank time; "-" for never
     */
    @ConfigurationProperties("crm.alerts")
    record AlertProperties(@DefaultValue("0 15 4 * * *") String cron,
                           @DefaultValue("0 30 7 * * *") String digestCron) {
    }

    @Bean
    RecurringTask<Void> alertsNightlyTask(AlertProperties props, AlertEvaluator evaluator, Clock clock) {
        return NightlyJobs.nightly("alerts-nightly", props.cron(),
                () -> evaluator.evaluate(LocalDate.now(clock), null));
    }
}
