package org.bankcrm.service.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.bankcrm.domain.imports.ImportRun;
import org.bankcrm.service.imports.ImportService.RowError;
import org.bankcrm.service.imports.ImportService.Translator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The rejected rows of an import run: the first problems for its page, and the CSV download of all of them. */
@Component
class RejectedRowsQuery {

    private final JdbcClient jdbc;
    /** For the download, as long as the file can be: read a page at a time. */
    private final JdbcClient cursor;

    RejectedRowsQuery(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.cursor = JdbcClient.create(RawLineStore.fetchingInPages(dataSource));
    }

    /** The first {@code limit} problems of the run's rejected rows, by line. */
    List<RowError> errors(long runId, int limit) {
        return jdbc.sql("""
                        select line_no, column_name, message_key, message_arg from import_error
                        where run_id = :id order by line_no, id limit :limit""")
                .param("id", runId).param("limit", limit)
                .query((rs, i) -> new RowError(rs.getLong("line_no"), rs.getString("column_name"),
                        rs.getString("message_key"), rs.getString("message_arg")))
                .list();
    }

    /**
     * Writes the rejected rows as a CSV the admin can fix and import again (UTF-8 with a byte-order mark, for
     * spreadsheet programs): the file's header line, then each rejected row exactly as it stood, in file order,
     * each followed by three columns the feeds ignore on import ({@code import.csv.line}, {@code .column},
     * {@code .reason}: the line number, the columns and every reason, in the reader's language). For a holdings
     * run the imported lines of the customers that have a rejected line are included too (the reason says so),
     * so that the fixed file is again the whole snapshot of those customers and importing it removes nothing
     * they still hold.
     */
    void write(ImportRun run, OutputStream out, Translator translator) {
        try {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            if (run.getHeaderLine() != null) {
                out.write((run.getHeaderLine() + "," + csvField(translator.text("import.csv.line", null)) + ","
                        + csvField(translator.text("import.csv.column", null)) + ","
                        + csvField(translator.text("import.csv.reason", null)) + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            RejectedLine current = new RejectedLine();
            cursor.sql("""
                            select line_no, raw_line, column_name, message_key, message_arg from (
                                select line_no, id, raw_line, column_name, message_key, message_arg
                                from import_error where run_id = :id
                                union all
                                select line_no, 0, raw_line, null, 'import.row.snapshotContext', customer_no
                                from import_context_line where run_id = :id) t
                            order by line_no, id""")
                    .param("id", run.getId()).query(rs -> {
                        long line = rs.getLong("line_no");
                        if (line != current.line) {
                            current.writeTo(out);
                            current.start(line);
                        }
                        current.add(rs.getString("raw_line"), rs.getString("column_name"),
                                translator.text(rs.getString("message_key"), rs.getString("message_arg")));
                    });
            current.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of one line of the download, gathered from its rows in {@code import_error}. */
    private static final class RejectedLine {
        private long line = -1;
        private String raw;
        private final Set<String> columns = new LinkedHashSet<>();
        private final StringBuilder reasons = new StringBuilder();

        void start(long line) {
            this.line = line;
            raw = null;
            columns.clear();
            reasons.setLength(0);
        }

        void add(String rawLine, String column, String reason) {
            if (raw == null) {
                raw = rawLine;
            }
            if (column != null) {
                columns.add(column);
            }
            if (!reasons.isEmpty()) {
                reasons.append(' ');
            }
            reasons.append(reason);
        }

        /** Writes the line when it has its text (the header's problems, on line 1, have none). */
        void writeTo(OutputStream out) {
            if (line < 0 || raw == null) {
                return;
            }
            String text = raw + "," + line + "," + csvField(String.join(" ", columns)) + ","
                    + csvField(reasons.toString()) + "\r\n";
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A CSV field, quoted (quotes doubled) when it holds a comma, a quote or a line break. */
    static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
