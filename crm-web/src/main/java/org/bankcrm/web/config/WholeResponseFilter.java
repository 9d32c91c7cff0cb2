package org.bankcrm.web.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.core.annotation.Order;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a response in its buffer until the request ends (D68), right inside Spring Session's filter. Thymeleaf
 * flushes its writer when a page is rendered; the flush commits the response, and Spring Session saves the session
 * at that moment and again when the request ends, reading it from the database a second time to do so (three more
 * statements on every rendered page). Here a flush from inside the request does nothing, and the buffer holds
 * {@link #BUFFER_BYTES}, so a page is sent, and the session committed, once, at the end. A larger response (an
 * export, the bank's dashboard) is sent in parts as the buffer fills, as before.
 */
@Component
@Order(SessionRepositoryFilter.DEFAULT_ORDER + 1)
class WholeResponseFilter extends OncePerRequestFilter {

    /** The largest buffer Tomcat keeps for the connection's next request (16 times its 8 KB). */
    static final int BUFFER_BYTES = 128 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        res.setBufferSize(BUFFER_BYTES);
        chain.doFilter(req, new Unflushed(res));
    }

    /** The response with its flushes left to the container, which sends what is buffered when the request ends. */
    private static final class Unflushed extends HttpServletResponseWrapper {

        private PrintWriter writer;
        private ServletOutputStream stream;

        Unflushed(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void flushBuffer() {
            // sent when the request ends
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new FilterWriter(super.getWriter()) {
                    @Override
                    public void flush() {
                        // sent when the request ends
                    }
                });
            }
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream out = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void flush() {
                        // sent when the request ends
                    }

                    @Override
                    public boolean isReady() {
                        return out.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        out.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
