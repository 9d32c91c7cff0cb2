package org.bankcrm.service.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.imports.ImportKind;
import org.bankcrm.service.scoring.ScoringService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one import: reads the file once as a stream, checks each row in Java and streams the good ones into a
 * temporary staging table with COPY, then judges what needs the database and merges in set-based SQL, all in
 * <em>one</em> transaction: a failure anywhere changes nothing. Progress (rows read, rejected so far, the
 * phase) and the rejected rows are written from separate short transactions so that the admin watches them
 * grow. Imports are serialised across nodes by an advisory lock.
 */
@Slf4j
@Component
class ImportRunner {

    /** The whole file is refused with this key and argument. */
    static final class FileRefused extends RuntimeException {
        final String key;
        final String arg;

        FileRefused(String key, String arg) {
            super(key, null, false, false);
            this.key = key;
            this.arg = arg;
        }
    }

    private static final long ADVISORY_LOCK = 0x43524d494d50L;   // "CRMIMP"
    private static final int PROGRESS_EVERY_ROWS = 5_000;
    private static final long PROGRESS_EVERY_MS = 500;
    private static final int RESCORE_BATCH = 1_000;
    private static final int RAW_BATCH = 1_000;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final JdbcTemplate batchJdbc;
    /** For result sets as long as the file: read through a cursor a page at a time, never held whole. */
    private final JdbcClient cursor;
    private final TransactionTemplate tx;
    private final TransactionTemplate separateTx;
    private final ScoringService scoring;
    private final Clock clock;

    ImportRunner(DataSource dataSource, JdbcClient jdbc, JdbcTemplate batchJdbc, PlatformTransactionManager txManager,
                 ScoringService scoring, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
        this.cursor = JdbcClient.create(fetchingInPages(dataSource));
        this.tx = new TransactionTemplate(txManager);
        this.separateTx = new TransactionTemplate(txManager);
        this.separateTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.scoring = scoring;
        this.clock = clock;
    }

    static Feed feedOf(ImportKind kind) {
        return switch (kind) {
            case CUSTOMERS -> new CustomerFeed();
            case HOLDINGS -> new HoldingFeed();
            case AUM_HISTORY -> new AumHistoryFeed();
        };
    }

    /** Imports {@code file} as run {@code runId}; never throws: the outcome is written to the run. */
    void run(long runId, ImportKind kind, Path file) {
        try {
            long lines = countDataLines(file);
            separateTx.executeWithoutResult(s -> jdbc.sql("""
                            update import_run set status = 'RUNNING', phase = 'READING', rows_total = :total,
                                   heartbeat_at = now() where id = :id""")
                    .param("total", lines).param("id", runId).update());
            Feed.Merged merged = tx.execute(s -> importInTransaction(runId, kind, file));
            rescore(merged.affectedCustomers());
        } catch (FileRefused e) {
            fail(runId, e.key, e.arg);
        } catch (Exception e) {
            Throwable cause = rootCause(e);
            if (cause instanceof CharacterCodingException) {
                fail(runId, "import.file.notCsv", null);
            } else {
                String incident = UUID.randomUUID().toString().substring(0, 8);
                log.error("Import run {} failed (incident {})", runId, incident, e);
                fail(runId, "import.failed", incident);
            }
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete the uploaded file of import run {}", runId);
            }
        }
    }

    private Feed.Merged importInTransaction(long runId, ImportKind kind, Path file) {
        Feed feed = feedOf(kind);
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", ADVISORY_LOCK).query(Object.class).list();
        ReferenceData ref = ReferenceData.load(jdbc, LocalDate.now(clock));
        jdbc.sql("create temporary table " + Feed.STAGE + " (line_no bigint not null, bad boolean not null, "
                + feed.stageColumns() + ") on commit drop").update();
        long t0 = System.nanoTime();
        Progress progress = new Progress(runId);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             CsvReader csv = new CsvReader(in)) {
            CsvReader.Record header = csv.next();
            if (header == null) {
                throw new FileRefused("import.file.empty", null);
            }
            Map<String, Integer> columns = columns(header, feed);
            progress.header(header.raw());
            try (StageWriter out = new StageWriter(connection, Feed.STAGE, stageColumnNames(feed))) {
                CsvReader.Record rec;
                while ((rec = csv.next()) != null) {
                    progress.read();
                    if (rec.malformed()) {
                        progress.reject(rec, List.of(new RowCheck.Problem(null, "import.row.malformed", null)));
                        stageRejectedKey(feed, ref, columns, rec, true, out);
                        progress.maybeFlush();
                        continue;
                    }
                    if (rec.fields().size() != header.fields().size()) {
                        progress.reject(rec, List.of(new RowCheck.Problem(null, "import.row.columns",
                                rec.fields().size() + "/" + header.fields().size())));
                        stageRejectedKey(feed, ref, columns, rec, true, out);
                        progress.maybeFlush();
                        continue;
                    }
                    RowCheck row = new RowCheck(columns, rec.fields());
                    out.add(rec.line()).add(Boolean.FALSE);
                    // A row is written only when good; a bad row's partial values are discarded below.
                    if (feed.stage(row, ref, out)) {
                        out.endRow();
                    } else {
                        out.discardRow();
                        progress.reject(rec, row.problems());
                        stageRejectedKey(feed, ref, columns, rec, false, out);
                    }
                    progress.maybeFlush();
                }
                out.finish();
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        progress.flush("APPLYING");
        long t1 = System.nanoTime();
        Feed.Merged merged = feed.merge(jdbc, runId);
        long t2 = System.nanoTime();
        fillRawLines(runId, file);
        log.info("Import run {} ({}): {} rows read and staged in {} ms, checked and merged in {} ms", runId, kind,
                progress.read, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        jdbc.sql("""
                        update import_run set status = 'DONE', phase = null, finished_at = now(), heartbeat_at = now(),
                               rows_total = :read, rows_read = :read, inserted = :inserted, updated = :updated,
                               unchanged = :unchanged, rejected = :rejected, removed = :removed
                        where id = :id""")
                .param("read", progress.read).param("inserted", merged.inserted()).param("updated", merged.updated())
                .param("unchanged", merged.unchanged()).param("rejected", progress.rejected + merged.rejected())
                .param("removed", merged.removed()).param("id", runId).update();
        return merged;
    }

    /**
     * Stages what can be read of a rejected row's key, marked {@code bad}: a later row repeating it is rejected
     * too, and the holdings snapshot keeps the holding it names (see {@link Feed#stageKey}).
     */
    private static void stageRejectedKey(Feed feed, ReferenceData ref, Map<String, Integer> columns,
                                         CsvReader.Record rec, boolean broken, StageWriter out) throws SQLException {
        out.add(rec.line()).add(Boolean.TRUE);
        if (feed.stageKey(new RowCheck(columns, rec.fields()), ref, broken, out)) {
            out.endRow();
        } else {
            out.discardRow();
        }
    }

    /**
     * Column name → position; refuses the file when a required column is missing or one of the feed's columns
     * repeats. Other columns are ignored, repeated or not: a rejected-rows download re-imported, fixed again and
     * downloaded again carries its appended line, column and reason columns twice.
     */
    private static Map<String, Integer> columns(CsvReader.Record header, Feed feed) {
        if (header.malformed() || header.raw().indexOf('\0') >= 0) {
            throw new FileRefused("import.file.notCsv", null);
        }
        Set<String> known = new HashSet<>(feed.requiredColumns());
        known.addAll(feed.optionalColumns());
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && columns.putIfAbsent(name, i) != null && known.contains(name)) {
                throw new FileRefused("import.header.repeated", name);
            }
        }
        Set<String> missing = new LinkedHashSet<>(feed.requiredColumns());
        missing.removeAll(columns.keySet());
        if (!missing.isEmpty()) {
            throw new FileRefused("import.header.missing", String.join(", ", missing));
        }
        return columns;
    }

    private static String stageColumnNames(Feed feed) {
        StringBuilder names = new StringBuilder("line_no, bad");
        for (String col : feed.stageColumns().split(",(?![^(]*\\))")) {
            names.append(", ").append(col.strip().split(" ")[0]);
        }
        return names.toString();
    }

    /**
     * Rows rejected by the SQL checks, and the holdings lines kept for the download as a customer's snapshot
     * ({@code import_context_line}), have no raw text yet (staging does not carry it, to keep the merge lean):
     * read the file once more for just those lines. The line numbers are held as sorted primitive arrays and
     * the text is written in batches, so memory stays small however many lines there are.
     */
    private void fillRawLines(long runId, Path file) {
        long[] errorLines = lineNumbers(
                "select distinct line_no from import_error where run_id = :id and raw_line is null and line_no > 1"
                        + " order by line_no", runId);
        long[] contextLines = lineNumbers(
                "select line_no from import_context_line where run_id = :id and raw_line is null order by line_no",
                runId);
        if (errorLines.length == 0 && contextLines.length == 0) {
            return;
        }
        List<Object[]> errorTexts = new ArrayList<>();
        List<Object[]> contextTexts = new ArrayList<>();
        int e = 0;
        int c = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             CsvReader csv = new CsvReader(in)) {
            CsvReader.Record rec;
            while ((e < errorLines.length || c < contextLines.length) && (rec = csv.next()) != null) {
                while (e < errorLines.length && errorLines[e] < rec.line()) {
                    e++;
                }
                while (c < contextLines.length && contextLines[c] < rec.line()) {
                    c++;
                }
                if (e < errorLines.length && errorLines[e] == rec.line()) {
                    errorTexts.add(new Object[] {rec.raw(), runId, rec.line()});
                }
                if (c < contextLines.length && contextLines[c] == rec.line()) {
                    contextTexts.add(new Object[] {rec.raw(), runId, rec.line()});
                }
                if (errorTexts.size() + contextTexts.size() >= RAW_BATCH) {
                    writeRawLines(errorTexts, contextTexts);
                }
            }
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        writeRawLines(errorTexts, contextTexts);
    }

    /**
     * A template whose queries PostgreSQL's driver reads through a cursor, 10,000 rows at a time (it does so inside
     * a transaction, as the import and the download run), instead of loading the whole result first.
     */
    static JdbcTemplate fetchingInPages(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(10_000);
        return template;
    }

    private long[] lineNumbers(String sql, long runId) {
        long[][] lines = {new long[16]};
        int[] n = {0};
        cursor.sql(sql).param("id", runId).query(rs -> {
            if (n[0] == lines[0].length) {
                lines[0] = java.util.Arrays.copyOf(lines[0], n[0] * 2);
            }
            lines[0][n[0]++] = rs.getLong(1);
        });
        return java.util.Arrays.copyOf(lines[0], n[0]);
    }

    private void writeRawLines(List<Object[]> errorTexts, List<Object[]> contextTexts) {
        if (!errorTexts.isEmpty()) {
            batchJdbc.batchUpdate("update import_error set raw_line = ? where run_id = ? and line_no = ?"
                    + " and raw_line is null", errorTexts);
            errorTexts.clear();
        }
        if (!contextTexts.isEmpty()) {
            batchJdbc.batchUpdate("update import_context_line set raw_line = ? where run_id = ? and line_no = ?",
                    contextTexts);
            contextTexts.clear();
        }
    }

    private void fail(long runId, String key, String arg) {
        separateTx.executeWithoutResult(s -> {
            jdbc.sql("""
                            update import_run set status = 'FAILED', phase = null, finished_at = now(), failure = :key,
                                   failure_arg = :arg, heartbeat_at = now() where id = :id""")
                    .param("key", key).param("arg", arg).param("id", runId).update();
            if (key.startsWith("import.header") || key.startsWith("import.file")) {
                jdbc.sql("delete from import_error where run_id = :id").param("id", runId).update();
                jdbc.sql("""
                                insert into import_error (run_id, line_no, column_name, message_key, message_arg)
                                values (:id, 1, null, :key, :arg)""")
                        .param("id", runId).param("key", key).param("arg", arg).update();
            }
        });
    }

    /** Re-scores the open opportunities of customers whose tier or holdings changed, in short transactions. */
    private void rescore(List<Long> customers) {
        for (int from = 0; from < customers.size(); from += RESCORE_BATCH) {
            List<Long> batch = customers.subList(from, Math.min(customers.size(), from + RESCORE_BATCH));
            try {
                tx.executeWithoutResult(s -> {
                    List<Long> ids = jdbc.sql("select id from opportunity where status = 'OPEN' and customer_id in (:c)")
                            .param("c", batch).query(Long.class).list();
                    scoring.rescore(ids);
                });
            } catch (RuntimeException e) {
                log.warn("Re-scoring after an import failed for a batch; the nightly refresh will catch up", e);
            }
        }
    }

    /** Data lines, counted fast on bytes: the progress bar's total (quoted line breaks make it an estimate). */
    private static long countDataLines(Path file) throws IOException {
        long lines = 0;
        boolean lastWasNewline = true;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
                lastWasNewline = buf[n - 1] == '\n';
            }
        }
        if (!lastWasNewline) {
            lines++;
        }
        return Math.max(0, lines - 1);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** Counts, the rejected rows not yet written, and when the run's row was last brought up to date. */
    private final class Progress {
        private final long runId;
        private long read;
        private long rejected;
        private long flushedAt = System.currentTimeMillis();
        private final List<Object[]> errors = new ArrayList<>();

        Progress(long runId) {
            this.runId = runId;
        }

        void header(String raw) {
            separateTx.executeWithoutResult(s -> jdbc.sql("update import_run set header_line = :h where id = :id")
                    .param("h", raw).param("id", runId).update());
        }

        void read() {
            read++;
        }

        void reject(CsvReader.Record rec, List<RowCheck.Problem> problems) {
            rejected++;
            for (RowCheck.Problem p : problems) {
                errors.add(new Object[] {runId, rec.line(), p.column(), p.key(), p.arg(), rec.raw()});
            }
        }

        void maybeFlush() {
            if (read % PROGRESS_EVERY_ROWS == 0 || System.currentTimeMillis() - flushedAt >= PROGRESS_EVERY_MS) {
                flush("READING");
            }
        }

        void flush(String phase) {
            List<Object[]> batch = List.copyOf(errors);
            errors.clear();
            separateTx.executeWithoutResult(s -> {
                if (!batch.isEmpty()) {
                    batchJdbc.batchUpdate("insert into import_error (run_id, line_no, column_name, message_key,"
                            + " message_arg, raw_line) values (?, ?, ?, ?, ?, ?)", batch);
                }
                jdbc.sql("""
                                update import_run set rows_read = :read, rejected = :rejected, phase = :phase,
                                       heartbeat_at = now() where id = :id""")
                        .param("read", read).param("rejected", rejected).param("phase", phase).param("id", runId)
                        .update();
            });
            flushedAt = System.currentTimeMillis();
        }
    }
}
