package org.bankcrm.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sign-in failure counters on PostgreSQL: a count restarts after its window, a lock holds its key until it ends
 * (a success does not lift it, an admin's clear does). Inside the test's transaction, rolled back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(LoginThrottleStore.class)
class LoginThrottleStoreTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    @Autowired JdbcClient jdbc;
    @Autowired LoginThrottleStore store;

    @Test
    void failuresCountWithinTheWindowAndStartAfreshAfterIt() {
        String key = "user:lts-count";
        assertThat(store.countFailure(key, WINDOW)).isEqualTo(1);
        assertThat(store.countFailure(key, WINDOW)).isEqualTo(2);
        jdbc.sql("update login_throttle set first_failure_at = now() - interval '16 minutes' where key = :k")
                .param("k", key).update();
        assertThat(store.countFailure(key, WINDOW)).as("the window has passed").isEqualTo(1);
    }

    @Test
    void aLockHoldsUntilClearedAndOnlyAnAdminsClearLiftsIt() {
        String account = "user:lts-lock";
        String address = "ip:192.0.2.7";
        store.countFailure(account, WINDOW);
        assertThat(store.lockedUntil(account, address)).isNull();

        store.lock(account, Duration.ofMinutes(15));
        assertThat(store.lockedUntil(account, address)).isNotNull();
        assertThat(store.lockedKeys("user:")).contains(account);
        assertThat(store.lockedKeys("ip:")).doesNotContain(account);
        assertThat(store.countFailure(account, WINDOW)).as("the count restarts with the lock").isEqualTo(1);

        store.clearUnlessLocked(account);
        assertThat(store.lockedUntil(account, address)).as("a success leaves a lock").isNotNull();

        assertThat(store.clear(account)).isTrue();
        assertThat(store.clear(account)).as("nothing left").isFalse();
        assertThat(store.lockedUntil(account, address)).isNull();
        assertThat(store.lockedKeys("user:")).doesNotContain(account);
    }

    @Test
    void anAddressLockRefusesEveryAccountFromIt() {
        String address = "ip:192.0.2.8";
        store.countFailure(address, WINDOW);
        store.lock(address, Duration.ofMinutes(15));
        assertThat(store.lockedUntil("user:lts-any", address)).isNotNull();
        assertThat(store.lockedUntil("user:lts-any", "ip:192.0.2.9")).isNull();
    }
}
