package org.bankcrm.service.shared;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The job mechanism's settings ({@code crm.jobs.*}), shared by every background task.
 *
 * @param pollInterval     how often a node looks for due executions it was not told of at once
 * @param heartbeat        how often a node beats the executions it is running
 * @param missedHeartbeats after this many missed beats an execution is taken for dead (its node died): see
 *                         {@link #deadAfter()}
 * @param threads          executions one node runs at a time
 * @param shutdownWait     how long a stopping node waits for its running executions before it lets them go
 */
@ConfigurationProperties("crm.jobs")
public record JobsProperties(
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("PT15S") Duration heartbeat,
        @DefaultValue("8") int missedHeartbeats,
        @DefaultValue("4") int threads,
        @DefaultValue("PT10S") Duration shutdownWait) {

    public JobsProperties {
        if (heartbeat.isNegative() || heartbeat.isZero() || missedHeartbeats < 4) {
            throw new IllegalStateException("crm.jobs.heartbeat must be positive and crm.jobs.missed-heartbeats at"
                    + " least 4 (a live node must beat well within the limit other nodes judge it by)");
        }
    }

    /** Without a heartbeat for this long, an execution (or a run nobody executes) is taken for dead. */
    public Duration deadAfter() {
        return heartbeat.multipliedBy(missedHeartbeats);
    }
}
