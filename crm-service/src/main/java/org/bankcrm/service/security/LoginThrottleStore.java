package org.bankcrm.service.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The failed sign-in counters of {@link LoginThrottle}, one row per key ({@code user:…} or {@code ip:…}), in the
 * caller's transaction.
 */
@Component
@RequiredArgsConstructor
class LoginThrottleStore {

    private final JdbcClient jdbc;

    /** The latest lock still running of the account's key or the address's, or null. */
    Instant lockedUntil(String account, String address) {
        return jdbc.sql("""
                        select locked_until from login_throttle
                        where key in (:account, :address) and locked_until > now()
                        order by locked_until desc limit 1""")
                .param("account", account).param("address", address)
                .query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant).orElse(null);
    }

    /**
     * Counts one more failure of {@code key}, starting the count afresh when its first failure is older than
     * {@code window}; answers the failures counted now.
     */
    int countFailure(String key, Duration window) {
        return jdbc.sql("""
                        insert into login_throttle as t (key, failures, first_failure_at) values (:k, 1, now())
                        on conflict (key) do update set
                            failures = case when t.first_failure_at < now() - make_interval(secs => :window)
                                            then 1 else t.failures + 1 end,
                            first_failure_at = case when t.first_failure_at < now() - make_interval(secs => :window)
                                                    then now() else t.first_failure_at end
                        returning failures""")
                .param("k", key).param("window", (double) window.toSeconds()).query(Integer.class).single();
    }

    /** Locks {@code key} for {@code lockout} from now and starts its count afresh. */
    void lock(String key, Duration lockout) {
        jdbc.sql("""
                        update login_throttle set locked_until = now() + make_interval(secs => :lockout),
                               failures = 0, first_failure_at = now() where key = :k""")
                .param("lockout", (double) lockout.toSeconds()).param("k", key).update();
    }

    /** Forgets {@code key}'s failures unless it is locked now. */
    void clearUnlessLocked(String key) {
        jdbc.sql("delete from login_throttle where key = :k and (locked_until is null or locked_until <= now())")
                .param("k", key).update();
    }

    /** Forgets {@code key}, lock and all; answers whether there was anything. */
    boolean clear(String key) {
        return jdbc.sql("delete from login_throttle where key = :k").param("k", key).update() > 0;
    }

    /** The keys starting with {@code prefix} that are locked now. */
    List<String> lockedKeys(String prefix) {
        return jdbc.sql("select key from login_throttle where key like :pattern and locked_until > now()")
                .param("pattern", prefix + "%").query(String.class).list();
    }
}
