package org.bankcrm.service.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parsing half of an import: reads the file once as a stream, checks its header and each row in Java, and
 * streams the good rows (and what can be read of a rejected row's key) into the staging table with COPY on the
 * import's connection. Rejected rows go to the run's {@link ImportProgress}.
 */
final class FeedStaging {

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

    private FeedStaging() {
    }

    /** Stages {@code file} as {@code feed} into {@link Feed#STAGE} (which must exist) on {@code connection}. */
    static void stage(Feed feed, ReferenceData ref, Path file, Connection connection, ImportProgress progress)
            throws IOException, SQLException {
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
                    progress.countRow();
                    boolean aligned = !rec.malformed() && rec.fields().size() == header.fields().size();
                    List<RowCheck.Problem> unreadable = unreadable(header, rec, aligned);
                    if (!unreadable.isEmpty()) {
                        CsvReader.Record storable = rec.withoutNul();
                        progress.reject(storable, unreadable);
                        stageRejectedKey(feed, ref, columns, storable, !aligned, out);
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
        }
    }

    /**
     * What keeps a row from being checked value by value: broken quoting or a number of fields unlike the header's
     * (the structure: its values may sit in the wrong columns), and NUL characters (byte 0), which PostgreSQL stores
     * in no text, each named with its column when the structure allows ({@code aligned}: sound quoting and as many
     * fields as the header). Empty for a row that can be checked.
     */
    private static List<RowCheck.Problem> unreadable(CsvReader.Record header, CsvReader.Record rec,
                                                     boolean aligned) {
        List<RowCheck.Problem> problems = new ArrayList<>(2);
        if (rec.malformed()) {
            problems.add(new RowCheck.Problem(null, "import.row.malformed", null));
        } else if (!aligned) {
            problems.add(new RowCheck.Problem(null, "import.row.columns",
                    rec.fields().size() + "/" + header.fields().size()));
        }
        if (rec.hasNul()) {
            if (!aligned) {
                problems.add(new RowCheck.Problem(null, "import.row.nul", null));
            } else {
                for (int i = 0; i < rec.fields().size(); i++) {
                    if (rec.fields().get(i).indexOf('\0') >= 0) {
                        problems.add(new RowCheck.Problem(header.fields().get(i).strip().toLowerCase(Locale.ROOT),
                                "import.row.nul", null));
                    }
                }
            }
        }
        return problems;
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
        if (header.malformed() || header.hasNul()) {
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

    /** Data lines, counted fast on bytes: the progress bar's total (quoted line breaks make it an estimate). */
    static long countDataLines(Path file) throws IOException {
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
}
