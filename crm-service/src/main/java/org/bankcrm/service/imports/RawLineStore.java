package org.bankcrm.service.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rows rejected by the SQL checks, and the holdings lines kept for the download as a customer's snapshot
 * ({@code import_context_line}), have no raw text yet (staging does not carry it, to keep the merge lean): this
 * reads the file once more for just those lines. The line numbers are held as sorted primitive arrays and the text
 * is written in batches, so memory stays small however many lines there are.
 */
@Component
class RawLineStore {

    private final JdbcTemplate batchJdbc;
    /** For result sets as long as the file: read through a cursor a page at a time, never held whole. */
    private final JdbcClient cursor;
    private final int batch;

    RawLineStore(DataSource dataSource, JdbcTemplate batchJdbc, ImportProperties props) {
        this.batchJdbc = batchJdbc;
        this.cursor = JdbcClient.create(fetchingInPages(dataSource));
        this.batch = props.rawLineBatch();
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

    void fill(long runId, Path file) {
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
                // A line rejected for a NUL may get more reasons here (a repeated key, the snapshot's): as staged.
                String raw = rec.withoutNul().raw();
                if (e < errorLines.length && errorLines[e] == rec.line()) {
                    errorTexts.add(new Object[] {raw, runId, rec.line()});
                }
                if (c < contextLines.length && contextLines[c] == rec.line()) {
                    contextTexts.add(new Object[] {raw, runId, rec.line()});
                }
                if (errorTexts.size() + contextTexts.size() >= batch) {
                    writeRawLines(errorTexts, contextTexts);
                }
            }
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        writeRawLines(errorTexts, contextTexts);
    }

    private long[] lineNumbers(String sql, long runId) {
        long[][] lines = {new long[16]};
        int[] n = {0};
        cursor.sql(sql).param("id", runId).query(rs -> {
            if (n[0] == lines[0].length) {
                lines[0] = Arrays.copyOf(lines[0], n[0] * 2);
            }
            lines[0][n[0]++] = rs.getLong("line_no");
        });
        return Arrays.copyOf(lines[0], n[0]);
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
}
