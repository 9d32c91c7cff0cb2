package org.bankcrm.web.testsupport;

import java.io.IOException;
import java.io.Writer;

/** A writer that passes everything on to another and counts the writes it was handed (tests of chunked pages). */
public final class CountingWriter extends Writer {

    private final Writer target;
    private int writes;

    public CountingWriter(Writer target) {
        this.target = target;
    }

    /** How many writes reached the target. */
    public int writes() {
        return writes;
    }

    @Override
    public void write(char[] text, int off, int len) throws IOException {
        writes++;
        target.write(text, off, len);
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    @Override
    public void close() throws IOException {
        target.close();
    }
}
