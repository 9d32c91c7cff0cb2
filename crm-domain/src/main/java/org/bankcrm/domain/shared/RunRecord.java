package org.bankcrm.domain.shared;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/**
 * What every background run users watch records (an import, a discovery run): who started it and when, when it
 * ended, the job mechanism's last heartbeat and, for a failed run, a messages key saying why. Its lifecycle is
 * written by the service's {@code RunStore}, never through the entity.
 */
@MappedSuperclass
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public abstract class RunRecord extends IdentityEntity {

    @Column(name = "started_by", updatable = false)
    private String startedBy;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    /** A messages key saying why the run failed. */
    private String failure;

    protected RunRecord(String startedBy, Instant now) {
        this.startedBy = startedBy;
        this.startedAt = now;
        this.heartbeatAt = now;
    }
}
