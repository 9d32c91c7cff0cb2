package org.bankcrm.service.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.bankcrm.domain.imports.ImportRun;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.imports.ImportService.RowError;
import org.bankcrm.service.imports.ImportService.Translator;
import org.bankcrm.service.shared.CsvCells;
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
     * Writes the rejected rows as a CSV report for the admin to have them corrected at the source (UTF-8 with a
     * byte-order mark, for spreadsheet programs): the file's header line, then each rejected row in file order, each
     * followed by three columns ({@code import.csv.line}, {@code .column}, {@code .reason}: the line number, the
     * columns and every reason, in the reader's language). Like every download it shows no personal data and runs
     * nothing: {@code id_no} and {@code phone} are masked as on the pages, phone and ID numbers typed into other
     * columns too, and no cell starts a formula ({@link CsvCells}); a line whose quoting is broken is one cell, masked
     * the same way. For a holdings run the imported lines of the customers that have a rejected line are included too
     * (the reason says so), so that the report shows each of those customers' whole snapshot.
     */
    long write(ImportRun run, OutputStream out, Translator translator) {
        try {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            List<String> columns = List.of();
            if (run.getHeaderLine() != null) {
                CsvReader.Record header = parse(run.getHeaderLine());
                columns = header == null || header.malformed() ? List.of() : header.fields();
                out.write((String.join(",", columns.stream().map(CsvCells::cell).toList()) + ","
                        + CsvCells.cell(translator.text("import.csv.line", null)) + ","
                        + CsvCells.cell(translator.text("import.csv.column", null)) + ","
                        + CsvCells.cell(translator.text("import.csv.reason", null)) + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            List<String> header = columns;
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
                            current.writeTo(out, header);
                            current.start(line);
                        }
                        current.add(rs.getString("raw_line"), rs.getString("column_name"),
                                translator.text(rs.getString("message_key"), rs.getString("message_arg")));
                    });
            current.writeTo(out, header);
            out.flush();
            return current.written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of one line of the download, gathered from its rows in {@code import_error}. */
    private static final class RejectedLine {
        private long line = -1;
        private long written;
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
        void writeTo(OutputStream out, List<String> header) {
            if (line < 0 || raw == null) {
                return;
            }
            String text = safeLine(raw, header) + "," + line + "," + CsvCells.cell(String.join(" ", columns)) + ","
                    + CsvCells.cell(reasons.toString()) + "\r\n";
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                written++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A rejected line as the report shows it: each field masked and defused, by the column the header names. */
    static String safeLine(String raw, List<String> header) {
        CsvReader.Record record = parse(raw);
        if (record == null || record.malformed()) {
            return CsvCells.cell(Masking.inText(raw));
        }
        List<String> cells = new ArrayList<>();
        List<String> fields = record.fields();
        for (int i = 0; i < fields.size(); i++) {
            String column = i < header.size() ? header.get(i).strip().toLowerCase(java.util.Locale.ROOT) : "";
            String v = fields.get(i);
            String shown = switch (column) {
                case "id_no" -> v.isBlank() ? v : Masking.idNo(v);
                case "phone" -> v.isBlank() ? v : Masking.phone(v);
                default -> Masking.inText(v);
            };
            cells.add(CsvCells.cell(shown));
        }
        return String.join(",", cells);
    }

    private static CsvReader.Record parse(String line) {
        try (CsvReader reader = new CsvReader(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)))) {
            return reader.next();
        } catch (IOException e) {
            return null;
        }
    }
}
