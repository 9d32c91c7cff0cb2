package org.bankcrm.web.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Set;
import org.bankcrm.service.shared.ReplicaReads;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read-your-writes with a read replica: a request that may change something (any method but GET, HEAD, OPTIONS)
 * reads only the primary, and so do the same session's requests for {@code primaryAfterWrite} after it: the board
 * redrawn after a card moved, the list a form redirects to. The deadline is a session attribute, so it holds on
 * every node. API calls with HTTP Basic have no session; they read back what they changed by its id (a detail,
 * always on the primary). Registered only when a replica is configured.
 */
final class PrimaryAfterWrite implements HandlerInterceptor {

    static final String UNTIL = PrimaryAfterWrite.class.getName() + ".until";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String SCOPE = PrimaryAfterWrite.class.getName() + ".scope";

    private final long windowMillis;

    PrimaryAfterWrite(Duration window) {
        this.windowMillis = window.toMillis();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        boolean writes = !READS.contains(request.getMethod());
        HttpSession session = request.getSession(false);
        long now = System.currentTimeMillis();
        boolean recentlyWrote = false;
        if (session != null) {
            if (writes) {
                session.setAttribute(UNTIL, now + windowMillis);
            } else if (session.getAttribute(UNTIL) instanceof Long until) {
                recentlyWrote = now < until;
            }
        }
        if ((writes || recentlyWrote) && request.getAttribute(SCOPE) == null) {
            request.setAttribute(SCOPE, ReplicaReads.primaryOnly());
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        if (request.getAttribute(SCOPE) instanceof ReplicaReads.Scope scope) {
            request.removeAttribute(SCOPE);
            scope.close();
        }
    }
}
