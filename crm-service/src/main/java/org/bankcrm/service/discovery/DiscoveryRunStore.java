package org.bankcrm.service.discovery;

import java.time.LocalDate;
import java.util.Optional;
import org.bankcrm.service.shared.RunStore;
import org.bankcrm.service.shared.RunStore.Runs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a discovery run records beside the lifecycle every run shares ({@link RunStore}): what it was asked when it
 * starts, and the skipped count with its DONE, written in the run's own transaction.
 */
@Component
class DiscoveryRunStore {

    /** A started run's as-of date and rule codes (null: every enabled rule). */
    record Asked(LocalDate asOf, String rules) {
    }

    private final JdbcClient jdbc;
    private final RunStore runs;

    DiscoveryRunStore(JdbcClient jdbc, RunStore runs) {
        this.jdbc = jdbc;
        this.runs = runs;
    }

    /** QUEUED → RUNNING; empty when the run is no longer queued. */
    Optional<Asked> start(long runId) {
        if (!runs.start(Runs.DISCOVERY, runId)) {
            return Optional.empty();
        }
        return jdbc.sql("select as_of, rules from discovery_run where id = :id").param("id", runId)
                .query((rs, i) -> new Asked(rs.getObject("as_of", LocalDate.class), rs.getString("rules")))
                .optional();
    }

    /** RUNNING → DONE; false when another node declared the run dead meanwhile. */
    boolean done(long runId, int skipped) {
        return jdbc.sql("""
                        update discovery_run set status = 'DONE', finished_at = clock_timestamp(),
                               heartbeat_at = clock_timestamp(), skipped = :skipped
                        where id = :id and status = 'RUNNING'""")
                .param("skipped", skipped).param("id", runId).update() == 1;
    }

    void fail(long runId, String key) {
        runs.fail(Runs.DISCOVERY, runId, key, null);
    }
}
