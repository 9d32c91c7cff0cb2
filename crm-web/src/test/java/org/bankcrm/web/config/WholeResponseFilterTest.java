package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * D68: a rendered page reads its session once. Thymeleaf flushes the writer when a page is rendered; without
 * {@link WholeResponseFilter} that commits the response, and Spring Session, which saves the session on commit and
 * again when the request ends, reads it a second time from its repository (the database in production).
 */
class WholeResponseFilterTest {

    /** A page of 20 KB (more than a container's 8 KB buffer), written and flushed as Thymeleaf does. */
    private static final String PAGE = "<p>客户经理</p>".repeat(1200);

    private final AtomicInteger reads = new AtomicInteger();

    private final MapSessionRepository sessions = new MapSessionRepository(new ConcurrentHashMap<>()) {
        @Override
        public MapSession findById(String id) {
            reads.incrementAndGet();
            return super.findById(id);
        }
    };

    @Test
    void aPageIsCommittedOnceAndReadsItsSessionOnce() throws Exception {
        List<Boolean> committedWhenRendered = new ArrayList<>();
        MockHttpServletResponse response = render(committedWhenRendered, new WholeResponseFilter());

        assertThat(reads).as("session reads").hasValue(1);
        assertThat(committedWhenRendered).as("committed when the page had been rendered").containsExactly(false);
        assertThat(response.getBufferSize()).isEqualTo(WholeResponseFilter.BUFFER_BYTES);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(PAGE);
    }

    @Test
    void withoutItTheFlushCommitsAndTheSessionIsReadTwice() throws Exception {
        List<Boolean> committedWhenRendered = new ArrayList<>();
        MockHttpServletResponse response = render(committedWhenRendered);

        assertThat(reads).as("session reads (Spring Session's own behaviour this filter works around)").hasValue(2);
        assertThat(committedWhenRendered).containsExactly(true);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(PAGE);
    }

    @Test
    void aStreamIsHeldTooAndSentWhole() throws Exception {
        byte[] bytes = PAGE.getBytes(StandardCharsets.UTF_8);
        MockHttpServletResponse response = new MockHttpServletResponse();
        HttpServlet download = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.getOutputStream().write(bytes, 0, 100);
                res.getOutputStream().flush();
                res.flushBuffer();
                res.getOutputStream().write(bytes, 100, bytes.length - 100);
                assertThat(res.isCommitted()).isFalse();
            }
        };
        new MockFilterChain(download, new WholeResponseFilter()).doFilter(new MockHttpServletRequest(), response);

        assertThat(response.getContentAsByteArray()).isEqualTo(bytes);
    }

    private MockHttpServletResponse render(List<Boolean> committedWhenRendered, Filter... inner) throws Exception {
        MapSession session = sessions.createSession();
        sessions.save(session);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/opportunities");
        request.setCookies(new Cookie("SESSION",
                Base64.getEncoder().encodeToString(session.getId().getBytes(StandardCharsets.UTF_8))));
        reads.set(0);
        HttpServlet page = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                assertThat(req.getSession(false)).as("the signed-in session").isNotNull();
                res.setContentType("text/html;charset=UTF-8");
                res.getWriter().write(PAGE);
                res.getWriter().flush();
                committedWhenRendered.add(res.isCommitted());
            }
        };
        List<Filter> filters = new ArrayList<>();
        filters.add(new SessionRepositoryFilter<>(sessions));
        filters.addAll(List.of(inner));
        MockHttpServletResponse response = new MockHttpServletResponse();
        new MockFilterChain(page, filters.toArray(Filter[]::new)).doFilter(request, response);
        return response;
    }
}
