package org.bankcrm.service.campaign;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import lombok.extern.slf4j.Slf4j;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The campaign launch in the job mechanism (D24, D33): one execution per campaign, keyed by its id. An execution
 * whose node died is revived and runs again on another node: the launch is idempotent and writes only what is
 * missing. One that fails marks the launch FAILED; launching the campaign again resumes it.
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
class CampaignJobs {

    static final TaskDescriptor<Void> LAUNCH = TaskDescriptor.of("campaign-launch");

    @Bean
    OneTimeTask<Void> campaignLaunchTask(CampaignLauncher launcher) {
        return Tasks.oneTime(LAUNCH)
                .onFailure((complete, ops) -> {
                    String id = complete.getExecution().taskInstance.getId();
                    log.error("Campaign {}: the launch failed", id, complete.getCause().orElse(null));
                    launcher.failed(Long.parseLong(id));
                    ops.remove();
                })
                .onDeadExecutionRevive()
                .execute((instance, context) -> launcher.launch(Long.parseLong(instance.getId())));
    }
}
