package org.bankcrm.service.scoring;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.service.shared.NightlyJobs;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Re-scoring's tasks in the job mechanism: the nightly re-scoring of every open opportunity, the re-scorings a
 * change asks for in its transaction ({@link Rescoring}: a model activated, a scale or a product's rate changed),
 * and the catch-up a
 * starting node asks for (one execution at a time across nodes). A re-scoring whose node died is run again from
 * the start by another node: it is idempotent.
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScoringJobs.ScoringProperties.class)
class ScoringJobs {

    /** Every open opportunity with the active model; the instance names the version activated. */
    static final TaskDescriptor<Void> RESCORE_ALL = TaskDescriptor.of("rescore-open");
    /** The open opportunities of one product, the data. */
    static final TaskDescriptor<String> RESCORE_PRODUCT = TaskDescriptor.of("rescore-product", String.class);
    /** The open opportunities behind the active model; one instance, {@code catch-up}. */
    static final TaskDescriptor<Void> CATCH_UP = TaskDescriptor.of("rescore-catch-up");

    /**
     * Re-scoring's settings ({@code crm.scoring.*}).
     *
     * @param refreshCron the nightly re-scoring's time, a cron in bank time; "-" for never
     */
    @ConfigurationProperties("crm.scoring")
    record ScoringProperties(@DefaultValue("0 30 1 * * *") String refreshCron) {
    }

    /** Nightly at 01:30 bank time, on one node only. */
    @Bean
    RecurringTask<Void> rescoreNightlyTask(ScoringProperties props, OpenOpportunityRescorer rescorer) {
        return NightlyJobs.nightly("rescore-open-opportunities", props.refreshCron(),
                () -> log.info("Nightly re-scoring: {} open opportunities scored.", rescorer.rescoreAllOpen()));
    }

    @Bean
    OneTimeTask<Void> rescoreOpenTask(OpenOpportunityRescorer rescorer) {
        return Tasks.oneTime(RESCORE_ALL).onDeadExecutionRevive().execute((instance, context) -> log.info(
                "Scoring model {} active: {} open opportunities re-scored.", instance.getId(),
                rescorer.rescoreAllOpen()));
    }

    @Bean
    OneTimeTask<String> rescoreProductTask(OpenOpportunityRescorer rescorer) {
        return Tasks.oneTime(RESCORE_PRODUCT).onDeadExecutionRevive().execute((instance, context) -> log.info(
                "Revenue rate of {} changed: {} open opportunities re-scored.", instance.getData(),
                rescorer.rescoreOpenOfProduct(instance.getData())));
    }

    @Bean
    OneTimeTask<Void> rescoreCatchUpTask(OpenOpportunityRescorer rescorer) {
        return Tasks.oneTime(CATCH_UP).onDeadExecutionRevive().execute((instance, context) -> {
            int scored = rescorer.catchUp().orElse(0);
            if (scored > 0) {
                log.info("Re-scoring catch-up: {} open opportunities moved to the active model.", scored);
            }
        });
    }
}
