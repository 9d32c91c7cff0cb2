package org.bankcrm.service.imports;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into a staging table with PostgreSQL's {@code COPY ... FROM STDIN} (text format) on the
 * import's own connection, so that a million rows cost one round trip per buffer rather than one per row.
 */
final class StageWriter implements AutoCloseable {

    private static final int FLUSH_AT = 1 << 16;

    private final CopyIn copy;
    private final StringBuilder buf = new StringBuilder(FLUSH_AT + 4096);
    private boolean rowStart = true;
    private int rowOffset;

    StageWriter(Connection connection, String table, String columns) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin");
    }

    StageWriter add(Object value) {
        if (rowStart) {
            rowOffset = buf.length();
        } else {
            buf.append('\t');
        }
        rowStart = false;
        switch (value) {
            case null -> buf.append("\\N");
            case BigDecimal d -> buf.append(d.toPlainString());
            case LocalDate d -> buf.append(d);
            case Number n -> buf.append(n);
            default -> escape(value.toString());
        }
        return this;
    }

    void endRow() throws SQLException {
        buf.append('\n');
        rowStart = true;
        if (buf.length() >= FLUSH_AT) {
            flush();
        }
    }

    /** Forgets the values added since the last row ended. */
    void discardRow() {
        buf.setLength(rowOffset);
        rowStart = true;
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> buf.append("\\\\");
                case '\t' -> buf.append("\\t");
                case '\n' -> buf.append("\\n");
                case '\r' -> buf.append("\\r");
                default -> buf.append(c);
            }
        }
    }

    private void flush() throws SQLException {
        if (buf.isEmpty()) {
            return;
        }
        byte[] bytes = buf.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    /** Sends what is left and ends the COPY. */
    void finish() throws SQLException {
        flush();
        copy.endCopy();
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
