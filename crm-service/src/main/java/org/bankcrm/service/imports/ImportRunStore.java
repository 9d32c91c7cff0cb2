package org.bankcrm.service.imports;

import java.util.List;
import org.bankcrm.service.shared.RunStore;
import org.bankcrm.service.shared.RunStore.Runs;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What an import run records beside the lifecycle every run shares ({@link RunStore}): the phase and the row total
 * when it starts, its progress and rejected rows while it reads, its counts when done, and on a refused file the
 * reason as the rejected line 1 too (so the download and the page show it like any other rejected row).
 */
@Component
class ImportRunStore {

    private static final long ADVISORY_LOCK = 0x43524d494d50L;   // "CRMIMP"

    private final JdbcClient jdbc;
    private final JdbcTemplate batchJdbc;
    private final RunStore runs;

    ImportRunStore(JdbcClient jdbc, JdbcTemplate batchJdbc, RunStore runs) {
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
        this.runs = runs;
    }

    /** Waits until no other import runs on any node; held until the caller's transaction ends. */
    void lockImports() {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", ADVISORY_LOCK).query(Object.class).list();
    }

    /** QUEUED → RUNNING, reading a file of about {@code total} data lines. */
    boolean start(long runId, long total) {
        if (!runs.start(Runs.IMPORT, runId)) {
            return false;
        }
        jdbc.sql("update import_run set phase = 'READING', rows_total = :total where id = :id")
                .param("total", total).param("id", runId).update();
        return true;
    }

    void header(long runId, String raw) {
        jdbc.sql("update import_run set header_line = :h where id = :id").param("h", raw).param("id", runId).update();
    }

    /**
     * Rows read and rejected so far, in {@code phase}, with the rejected rows' problems not yet written
     * ({@code run_id, line_no, column_name, message_key, message_arg, raw_line} each).
     */
    void progress(long runId, long read, long rejected, String phase, List<Object[]> errors) {
        if (!errors.isEmpty()) {
            batchJdbc.batchUpdate("insert into import_error (run_id, line_no, column_name, message_key,"
                    + " message_arg, raw_line) values (?, ?, ?, ?, ?, ?)", errors);
        }
        jdbc.sql("""
                        update import_run set rows_read = :read, rejected = :rejected, phase = :phase,
                               heartbeat_at = now() where id = :id""")
                .param("read", read).param("rejected", rejected).param("phase", phase).param("id", runId)
                .update();
    }

    /** RUNNING → DONE with its counts; in the import's transaction, so it commits with what the import wrote. */
    void done(long runId, long read, long rejected, Feed.Merged merged) {
        jdbc.sql("""
                        update import_run set status = 'DONE', phase = null, finished_at = now(), heartbeat_at = now(),
                               rows_total = :read, rows_read = :read, inserted = :inserted, updated = :updated,
                               unchanged = :unchanged, rejected = :rejected, removed = :removed
                        where id = :id""")
                .param("read", read).param("inserted", merged.inserted()).param("updated", merged.updated())
                .param("unchanged", merged.unchanged()).param("rejected", rejected + merged.rejected())
                .param("removed", merged.removed()).param("id", runId).update();
    }

    /** FAILED with {@code key}; a refused file ({@code import.header…}, {@code import.file…}) is its line 1's error. */
    void fail(long runId, String key, String arg) {
        runs.fail(Runs.IMPORT, runId, key, arg);
        if (key.startsWith("import.header") || key.startsWith("import.file")) {
            jdbc.sql("delete from import_error where run_id = :id").param("id", runId).update();
            jdbc.sql("""
                            insert into import_error (run_id, line_no, column_name, message_key, message_arg)
                            values (:id, 1, null, :key, :arg)""")
                    .param("id", runId).param("key", key).param("arg", arg).update();
        }
    }
}
