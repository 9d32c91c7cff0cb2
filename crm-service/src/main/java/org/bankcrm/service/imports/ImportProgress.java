package org.bankcrm.service.imports;

import java.util.ArrayList;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One run's counts, the rejected rows not yet written, and when the run's row was last brought up to date. Written
 * from separate short transactions (the import's own stays open until the merge), so the admin watches them grow.
 */
final class ImportProgress {

    private final long runId;
    private final ImportRunStore store;
    private final TransactionTemplate separateTx;
    private final ImportProperties props;
    private long read;
    private long rejected;
    private long flushedAt = System.nanoTime();
    private final List<Object[]> errors = new ArrayList<>();

    ImportProgress(long runId, ImportRunStore store, TransactionTemplate separateTx, ImportProperties props) {
        this.runId = runId;
        this.store = store;
        this.separateTx = separateTx;
        this.props = props;
    }

    long read() {
        return read;
    }

    long rejected() {
        return rejected;
    }

    void header(String raw) {
        separateTx.executeWithoutResult(s -> store.header(runId, raw));
    }

    void countRow() {
        read++;
    }

    void reject(CsvReader.Record rec, List<RowCheck.Problem> problems) {
        rejected++;
        for (RowCheck.Problem p : problems) {
            errors.add(new Object[] {runId, rec.line(), p.column(), p.key(), p.arg(), rec.raw()});
        }
    }

    void maybeFlush() {
        if (read % props.progressRows() == 0 || System.nanoTime() - flushedAt >= props.progressInterval().toNanos()) {
            flush("READING");
        }
    }

    void flush(String phase) {
        List<Object[]> batch = List.copyOf(errors);
        errors.clear();
        separateTx.executeWithoutResult(s -> store.progress(runId, read, rejected, phase, batch));
        flushedAt = System.nanoTime();
    }
}
