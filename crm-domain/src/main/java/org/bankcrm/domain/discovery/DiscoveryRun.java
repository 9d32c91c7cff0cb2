package org.bankcrm.domain.discovery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.bankcrm.domain.shared.RunRecord;

/** One run of the discovery rules as of a date, with its outcome. Per-rule counts: {@code discovery_run_count}. */
@Entity
@Table(name = "discovery_run")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class DiscoveryRun extends RunRecord {

    @Column(name = "as_of", nullable = false, updatable = false)
    private LocalDate asOf;

    @Column(nullable = false)
    private String status;

    private int skipped;

    /** The rule codes asked for, comma-separated; null for every enabled rule. */
    @Column(updatable = false)
    private String rules;

    /**
     * A queued run. Its progress (running, done, failed) is written in SQL by the discovery runner.
     *
     * @param rules the rule codes asked for, comma-separated, or null for every enabled rule
     */
    public DiscoveryRun(LocalDate asOf, String rules, String startedBy, Instant now) {
        super(startedBy, now);
        this.asOf = asOf;
        this.rules = rules;
        this.status = "QUEUED";
    }
}
