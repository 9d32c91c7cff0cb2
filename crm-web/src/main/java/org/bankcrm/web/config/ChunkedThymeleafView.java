package org.bankcrm.web.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import org.thymeleaf.spring6.view.ThymeleafView;

/**
 * A page handed to the response in pieces of {@value #CHUNK} characters, not in the template engine's thousands of
 * small writes (D74). Every write to the response passes the writer wrappers of Spring Session and Spring Security,
 * which count what was written to know when the response commits: 6.5 % of the RM list's request-thread samples. A
 * chunk is kept only while it fills, so a large page is never held whole (rendering a whole page into a string first
 * cost more than it saved: the fifteenth session's board and visit plan, docs/benchmarks.md). A page that fails
 * before anything was handed on (its first chunk not yet full, and no single piece of a chunk or more) has written
 * nothing of itself; what was handed on stays, as before.
 */
public class ChunkedThymeleafView extends ThymeleafView {

    static final int CHUNK = 8192;

    @Override
    public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        Chunked chunked = new Chunked(response);
        super.render(model, request, chunked);
        chunked.handOnRest();
    }

    /** The response with a writer that hands its characters on a chunk at a time. */
    private static final class Chunked extends HttpServletResponseWrapper {

        private ChunkWriter chunks;

        Chunked(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (chunks == null) {
                chunks = new ChunkWriter(getResponse().getWriter());
            }
            return chunks;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (chunks != null) {
                chunks.flush();
            }
            super.flushBuffer();
        }

        @Override
        public void resetBuffer() {
            if (chunks != null) {
                chunks.discard();
            }
            super.resetBuffer();
        }

        /** After a reset the response's writer may be another (its encoding is chosen again): the next one is new. */
        @Override
        public void reset() {
            if (chunks != null) {
                chunks.discard();
            }
            chunks = null;
            super.reset();
        }

        /**
         * Hands on what is left once the page is rendered, without flushing: the template engine flushes its writer
         * when it finishes, so this is nothing unless a view ended without doing so.
         */
        void handOnRest() {
            if (chunks != null) {
                chunks.handOn();
            }
        }
    }

    /**
     * The writer the template engine is given: keeps characters until a chunk is full or it is flushed, then writes
     * them to the response's writer. A {@link PrintWriter} itself, with every write taken over, so that the engine's
     * thousands of small writes a page go straight into the chunk: a plain {@code PrintWriter} around the chunk took a
     * lock and checked it was open on each of them (3 % of the RM list's request-thread samples, D97). One request's
     * thread writes it; nothing is shared.
     */
    static final class ChunkWriter extends PrintWriter {

        private final PrintWriter target;
        private final char[] chunk = new char[CHUNK];
        private int used;

        ChunkWriter(PrintWriter target) {
            super(target, false);
            this.target = target;
        }

        @Override
        public void write(char[] text, int off, int len) {
            if (makeRoom(len)) {
                System.arraycopy(text, off, chunk, used, len);
                used += len;
            } else {
                target.write(text, off, len);
            }
        }

        @Override
        public void write(char[] text) {
            write(text, 0, text.length);
        }

        @Override
        public void write(String text, int off, int len) {
            if (makeRoom(len)) {
                text.getChars(off, off + len, chunk, used);
                used += len;
            } else {
                target.write(text, off, len);
            }
        }

        @Override
        public void write(String text) {
            write(text, 0, text.length());
        }

        @Override
        public void write(int c) {
            if (used == CHUNK) {
                handOn();
            }
            chunk[used++] = (char) c;
        }

        /** The line separator into the chunk too (PrintWriter's own would write it past the chunk). */
        @Override
        public void println() {
            write(System.lineSeparator());
        }

        @Override
        public void flush() {
            handOn();
            target.flush();
        }

        @Override
        public void close() {
            flush();
        }

        @Override
        public boolean checkError() {
            flush();
            return target.checkError();
        }

        void discard() {
            used = 0;
        }

        /**
         * Hands on what the chunk holds if {@code len} more characters do not fit; false when {@code len} is a chunk
         * or more, a piece that goes on as it is.
         */
        private boolean makeRoom(int len) {
            if (used + len > CHUNK) {
                handOn();
            }
            return len < CHUNK;
        }

        void handOn() {
            if (used > 0) {
                target.write(chunk, 0, used);
                used = 0;
            }
        }
    }
}
