package org.bankcrm.web.config;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crm.read-replica.*}: an optional PostgreSQL replica for dashboards and lists (docs/architecture.md, D19).
 *
 * @param url                JDBC URL of the replica; without it there is no replica and nothing changes
 * @param username           user on the replica
 * @param password           its password
 * @param poolSize           most connections the replica pool opens
 * @param connectionTimeout  longest a read waits for a replica connection before it falls back to the primary
 * @param retryAfter         after a failure, how long replica reads go straight to the primary before one tries again
 * @param primaryAfterWrite  how long a signed-in user's reads stay on the primary after a request that changed
 *                           something, so that they see their own change whatever the replica's lag
 */
@Validated
@ConfigurationProperties("crm.read-replica")
record ReadReplicaProperties(String url, String username, String password,
                             @DefaultValue("10") @Min(1) int poolSize,
                             @DefaultValue("2s") @DurationMin(millis = 250) Duration connectionTimeout,
                             @DefaultValue("30s") @DurationMin(seconds = 0) Duration retryAfter,
                             @DefaultValue("15s") @DurationMin(seconds = 0) Duration primaryAfterWrite) {

    /** Whether a replica is configured at all. */
    boolean configured() {
        return url != null && !url.isBlank();
    }
}
