package org.bankcrm.service.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time, never holding more than a record and a buffer: UTF-8 (strictly:
 * a byte sequence that is not UTF-8 throws {@link java.nio.charset.CharacterCodingException}), an optional
 * byte-order mark, commas, fields optionally quoted with doubled quotes inside, {@code \n} or {@code \r\n}
 * line ends (also inside quoted fields). Blank lines are skipped.
 *
 * <p>A record whose quoting is broken (text after a closing quote, or a quote never closed) is returned
 * {@linkplain Record#malformed() malformed} with its raw text, so that the caller can reject it and read on.
 */
public final class CsvReader implements Closeable {

    /**
     * One record.
     *
     * @param line      the physical line it starts on (the header is line 1)
     * @param fields    its fields, unquoted
     * @param raw       its text as it stood in the file, without the line end
     * @param malformed whether its quoting was broken
     */
    public record Record(long line, List<String> fields, String raw, boolean malformed) {

        /** Whether the record holds a NUL character (byte 0), which PostgreSQL does not store in text. */
        public boolean hasNul() {
            return raw.indexOf('\0') >= 0;
        }

        /**
         * This record with each NUL character in its text and fields replaced by U+FFFD, so that it can be stored and
         * shown with the replacement character where the NUL stood; the record itself when it has none.
         */
        public Record withoutNul() {
            if (!hasNul()) {
                return this;
            }
            return new Record(line, fields.stream().map(f -> f.replace('\0', '\uFFFD')).toList(),
                    raw.replace('\0', '\uFFFD'), malformed);
        }
    }

    private static final int BUFFER = 1 << 16;

    private final Reader in;
    private final char[] buf = new char[BUFFER];
    private int pos;
    private int len;
    private boolean eof;
    private long line = 1;
    private boolean first = true;

    public CsvReader(InputStream stream) {
        this.in = new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The next record, or null at the end of the input. */
    public Record next() throws IOException {
        while (true) {
            if (!fill()) {
                return null;
            }
            if (first) {
                first = false;
                if (buf[pos] == '\uFEFF') {
                    pos++;
                    continue;
                }
            }
            Record r = readRecord();
            if (r != null) {
                return r;
            }
        }
    }

    /** Reads one record; null for a blank line. */
    private Record readRecord() throws IOException {
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder raw = new StringBuilder(128);
        StringBuilder field = new StringBuilder(32);
        boolean malformed = false;
        boolean quoted = false;       // inside a quoted field
        boolean wasQuoted = false;    // the current field was quoted and its closing quote seen
        boolean fieldStart = true;
        while (true) {
            if (!fill()) {
                if (quoted) {
                    malformed = true;
                }
                break;
            }
            char c = buf[pos++];
            if (quoted) {
                if (c == '"') {
                    if (fill() && buf[pos] == '"') {
                        pos++;
                        raw.append("\"\"");
                        field.append('"');
                    } else {
                        raw.append('"');
                        quoted = false;
                        wasQuoted = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    raw.append(c);
                    field.append(c);
                }
                continue;
            }
            if (c == ',') {
                raw.append(c);
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                wasQuoted = false;
                continue;
            }
            if (c == '\r' && fill() && buf[pos] == '\n') {
                continue;   // the \n ends the record
            }
            if (c == '\n') {
                line++;
                break;
            }
            raw.append(c);
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (wasQuoted) {
                malformed = true;   // text after a closing quote
                field.append(c);
            } else {
                fieldStart = false;
                field.append(c);
            }
        }
        fields.add(field.toString());
        if (fields.size() == 1 && fields.getFirst().isEmpty() && !wasQuoted && !malformed) {
            return null;   // a blank line
        }
        return new Record(startLine, fields, raw.toString(), malformed);
    }

    private boolean fill() throws IOException {
        if (pos < len) {
            return true;
        }
        if (eof) {
            return false;
        }
        len = in.read(buf, 0, BUFFER);
        pos = 0;
        if (len <= 0) {
            eof = true;
            len = 0;
            return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
