package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.web.http.HeaderHttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * A request whose response is committed before it ends (a page's final flush) reads its session once (D69): Spring
 * Session's own filter, in front of {@link QuietSessionRepository} over a store that counts its reads.
 */
class SavedSessionMemoTest {

    private final AtomicInteger reads = new AtomicInteger();
    private final SavedSessionMemo memo = new SavedSessionMemo();
    private QuietSessionRepository sessions;
    private SessionRepositoryFilter<QuietSessionRepository.QuietSession> sessionFilter;
    private String id;

    @BeforeEach
    void aSignedInSession() {
        sessions = new QuietSessionRepository(new CountingStore(), Duration.ofSeconds(60), memo);
        sessionFilter = new SessionRepositoryFilter<>(sessions);
        sessionFilter.setHttpSessionIdResolver(HeaderHttpSessionIdResolver.xAuthToken());
        QuietSessionRepository.QuietSession session = sessions.createSession();
        session.setAttribute("user", "rm0431");
        sessions.save(session);
        id = session.getId();
        reads.set(0);
    }

    /** A page: reads its session, writes and flushes its body (which commits the response), then ends. */
    private MockHttpServletResponse page(Filter... filters) throws Exception {
        HttpServlet servlet = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                assertThat(request.getSession(false)).isNotNull();
                response.setContentType("text/html;charset=UTF-8");
                response.getWriter().write("我的一天 " + request.getSession().getAttribute("user"));
                response.getWriter().flush();
            }
        };
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.addHeader("X-Auth-Token", id);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new MockFilterChain(servlet, filters).doFilter(request, response);
        assertThat(response.isCommitted()).isTrue();
        return response;
    }

    @Test
    void aCommittedPageReadsItsSessionOnce() throws Exception {
        assertThat(page(memo, sessionFilter).getContentAsString()).isEqualTo("我的一天 rm0431");
        assertThat(reads).hasValue(1);
    }

    @Test
    void withoutTheMemoSpringSessionReadsItAgainAfterTheCommit() throws Exception {
        page(sessionFilter);
        assertThat(reads).hasValue(2);
    }

    @Test
    void nothingIsKeptFromOneRequestToTheNext() throws Exception {
        page(memo, sessionFilter);
        page(memo, sessionFilter);
        assertThat(reads).hasValue(2);
        // and outside a request every look-up reads
        assertThat(sessions.findById(id)).isNotNull();
        assertThat(reads).hasValue(3);
    }

    @Test
    void aSessionEndedInTheRequestIsNotFoundAgain() throws Exception {
        HttpServlet signOut = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                request.getSession().setAttribute("seen", true);
                response.getWriter().flush();
                request.getSession().invalidate();
                assertThat(sessions.findById(id)).isNull();
            }
        };
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/logout");
        request.addHeader("X-Auth-Token", id);
        new MockFilterChain(signOut, memo, sessionFilter).doFilter(request, new MockHttpServletResponse());
        assertThat(sessions.findById(id)).isNull();
    }

    /** An in-memory store that counts how often a session is looked up by its id. */
    private final class CountingStore implements FindByIndexNameSessionRepository<Session> {

        private final Map<String, Session> stored = new ConcurrentHashMap<>();
        private final MapSessionRepository map = new MapSessionRepository(stored);

        @Override
        public Session createSession() {
            return map.createSession();
        }

        @Override
        public void save(Session session) {
            map.save((MapSession) session);
        }

        @Override
        public Session findById(String sessionId) {
            reads.incrementAndGet();
            return map.findById(sessionId);
        }

        @Override
        public void deleteById(String sessionId) {
            map.deleteById(sessionId);
        }

        @Override
        public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
            return Map.of();
        }
    }
}
