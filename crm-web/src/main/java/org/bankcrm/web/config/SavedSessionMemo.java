package org.bankcrm.web.config;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.bankcrm.web.config.QuietSessionRepository.QuietSession;

/**
 * The session a request has saved, kept for the rest of that request (D69). Spring Session commits a session twice
 * when the response is committed before the request ends (a page's or a JSON body's final flush): once on the
 * commit, again in its filter's {@code finally}, and the second time it asks its repository for the requested id
 * anew only to learn that id again. {@link QuietSessionRepository} answers that look-up from here; as a filter just
 * outside Spring Session's, this class opens the request's memo and drops it when the request ends, so nothing is
 * kept from one request to the next (a dispatch entering while a memo is open keeps that one; Tomcat's error pages,
 * dispatched after the request's chain has ended, get their own). It hands back the request's own session object,
 * which is right only because nothing else looks a session up by id on a request thread; a caller that did (Spring
 * Security's session registry, say) would need a copy.
 */
final class SavedSessionMemo implements Filter {

    private final ThreadLocal<Saved> current = new ThreadLocal<>();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (current.get() != null) {
            chain.doFilter(request, response);
            return;
        }
        current.set(new Saved());
        try {
            chain.doFilter(request, response);
        } finally {
            current.remove();
        }
    }

    /** Notes what this request saved; outside a request (a job ending sessions, say) nothing is kept. */
    void saved(QuietSession session) {
        Saved saved = current.get();
        if (saved != null) {
            saved.session = session;
        }
    }

    /** The session this request saved under {@code id}, or null when it saved none by that id. */
    QuietSession find(String id) {
        Saved saved = current.get();
        return saved != null && saved.session != null && saved.session.getId().equals(id) ? saved.session : null;
    }

    /** Forgets a deleted session, so that the request cannot find it here any more. */
    void deleted(String id) {
        Saved saved = current.get();
        if (saved != null && saved.session != null && saved.session.getId().equals(id)) {
            saved.session = null;
        }
    }

    private static final class Saved {
        private QuietSession session;
    }
}
