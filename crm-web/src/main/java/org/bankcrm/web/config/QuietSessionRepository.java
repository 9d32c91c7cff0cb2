package org.bankcrm.web.config;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Spring Session's JDBC repository, writing a session back only when it changed (D55). Spring Session sets a
 * session's last access time on every request, which makes its JDBC repository update the session row each time
 * (an UPDATE in a transaction of its own, on every page and every API call). Here a request that changes nothing
 * but the access time writes nothing unless the time stored has fallen {@code interval} behind; a new session, a
 * changed attribute, a changed id (sign-in) or a changed idle timeout is written as before, with the access time.
 * So the stored last access time lags the real one by less than {@code interval}, and a session idle for the idle
 * timeout ends between {@code timeout − interval} and {@code timeout} after its last request. Within one request,
 * the session it saved is found again without a read ({@link SavedSessionMemo}, D69); a session is read without a
 * transaction of its own ({@link SessionTransactions}, D79).
 */
final class QuietSessionRepository implements FindByIndexNameSessionRepository<QuietSessionRepository.QuietSession> {

    private final FindByIndexNameSessionRepository<Session> delegate;
    private final Duration interval;
    private final SavedSessionMemo memo;

    QuietSessionRepository(FindByIndexNameSessionRepository<Session> delegate, Duration interval,
                           SavedSessionMemo memo) {
        this.delegate = delegate;
        this.interval = interval;
        this.memo = memo;
    }

    @Override
    public QuietSession createSession() {
        return new QuietSession(delegate.createSession(), true);
    }

    @Override
    public void save(QuietSession session) {
        Instant accessed = session.accessed;
        boolean late = accessed != null
                && Duration.between(session.stored.getLastAccessedTime(), accessed).compareTo(interval) >= 0;
        if (session.isNew || session.changed || late) {
            if (accessed != null) {
                session.stored.setLastAccessedTime(accessed);
            }
            delegate.save(session.stored);
            session.isNew = false;
            session.changed = false;
            session.accessed = null;
        }
        memo.saved(session);
    }

    @Override
    public QuietSession findById(String id) {
        if (!couldBeIssued(id)) {
            return null;
        }
        QuietSession saved = memo.find(id);
        if (saved != null) {
            return saved;
        }
        Session found = SessionTransactions.reading(() -> delegate.findById(id));
        return found == null ? null : new QuietSession(found, false);
    }

    /**
     * Whether a client's session cookie could name a session at all: the ids Spring Session gives are short ASCII
     * tokens (random UUIDs by default). Anything else names none and is not looked up; the cookie's value is Base64
     * that a client may fill with any bytes, a NUL among them, which PostgreSQL would refuse with an error.
     */
    static boolean couldBeIssued(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void deleteById(String id) {
        memo.deleted(id);
        delegate.deleteById(id);
    }

    @Override
    public Map<String, QuietSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, QuietSession> found = new LinkedHashMap<>();
        delegate.findByIndexNameAndIndexValue(indexName, indexValue)
                .forEach((id, s) -> found.put(id, new QuietSession(s, false)));
        return found;
    }

    /** A session as the JDBC repository holds it, with the access time of this request kept aside. */
    static final class QuietSession implements Session {

        private final Session stored;
        private boolean isNew;
        private boolean changed;
        private Instant accessed;

        private QuietSession(Session stored, boolean isNew) {
            this.stored = stored;
            this.isNew = isNew;
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return stored.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String name) {
            return stored.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, Object value) {
            changed = true;
            stored.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            if (stored.getAttribute(name) != null) {
                changed = true;
            }
            stored.removeAttribute(name);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            accessed = lastAccessedTime;
        }

        @Override
        public Instant getLastAccessedTime() {
            return accessed != null ? accessed : stored.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            changed = true;
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            Duration timeout = getMaxInactiveInterval();
            return !timeout.isNegative() && !Instant.now().minus(timeout).isBefore(getLastAccessedTime());
        }
    }
}
