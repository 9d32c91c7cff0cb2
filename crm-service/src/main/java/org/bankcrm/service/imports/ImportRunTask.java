package org.bankcrm.service.imports;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.bankcrm.domain.imports.ImportKind;
import org.bankcrm.service.shared.JobsProperties;
import org.bankcrm.service.shared.RunStore;
import org.bankcrm.service.shared.RunStore.Runs;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job that executes an import run: one execution per run, scheduled with the run's row ({@link ImportService})
 * and run by {@link ImportRunner}. The upload lies in the temporary folder of the node that received it: a node
 * that picks the execution without the file hands it back for a moment (the receiving node, woken at the commit,
 * takes it); once the file can no longer appear (its node stopped), the run fails as interrupted.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportProperties.class)
class ImportRunTask {

    /** What an execution carries: the feed, the uploaded file, and when it was queued. */
    record ImportJob(ImportKind kind, String file, Instant queuedAt) implements Serializable {
    }

    static final TaskDescriptor<ImportJob> TASK = TaskDescriptor.of(Runs.IMPORT.task(), ImportJob.class);

    /** Thrown when this node does not hold the upload: the execution is tried again shortly, on any node. */
    private static final class UploadElsewhere extends RuntimeException {
        UploadElsewhere() {
            super("the upload is on another node", null, false, false);
        }
    }

    @Bean
    OneTimeTask<ImportJob> importRuns(RunStore runs, ImportRunner runner, ImportRunStore store, JobsProperties jobs) {
        return runs.task(Runs.IMPORT, ImportJob.class,
                (complete, ops) -> {
                    if (complete.getCause().orElse(null) instanceof UploadElsewhere) {
                        ops.reschedule(complete, Instant.now().plus(jobs.pollInterval()));
                    } else {
                        ops.remove();
                    }
                },
                (instance, context) -> {
                    long runId = Long.parseLong(instance.getId());
                    ImportJob job = instance.getData();
                    Path file = Path.of(job.file());
                    if (Files.exists(file)) {
                        runner.run(runId, job.kind(), file);
                    } else if (job.queuedAt().plus(jobs.deadAfter()).isBefore(Instant.now())) {
                        store.fail(runId, "import.interrupted", null);
                    } else {
                        throw new UploadElsewhere();
                    }
                });
    }
}
