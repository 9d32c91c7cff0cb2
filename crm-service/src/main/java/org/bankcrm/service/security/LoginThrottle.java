package org.bankcrm.service.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Throttles failed sign-ins, per account and per client address (ASVS 2.2.1): after
 * {@link SecuritySettings#maxAccountFailures()} failures within the window an account is locked for
 * {@link SecuritySettings#lockout()}, and an address after {@link SecuritySettings#maxAddressFailures()}.
 * Names that do not exist are counted like those that do, so the lock-out tells nothing about which exist.
 * Each call runs in a transaction of its own: a failed sign-in is recorded even though the sign-in fails.
 */
@Service
@RequiredArgsConstructor
public class LoginThrottle {

    private static final String ACCOUNT = "user:";

    private final LoginThrottleStore store;
    private final AuditLog audit;
    private final SecuritySettings settings;

    static String accountKey(String username) {
        String name = username == null ? "" : username.strip();
        return ACCOUNT + (name.length() > 100 ? name.substring(0, 100) : name);
    }

    /**
     * The name typed at a failed sign-in as the audit log's actor keeps it: its first 50 characters (code points), the
     * column's size and an account name's (a longer name, which no account has, once failed the sign-in with a 500).
     */
    static String actor(String username) {
        return Texts.firstCodePoints(username, 50);
    }

    static String addressKey(String address) {
        return "ip:" + (address == null ? "unknown" : address);
    }

    /** Until when a sign-in of {@code username} from {@code address} is refused, or null when it may go ahead. */
    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    public Instant lockedUntil(String username, String address) {
        return store.lockedUntil(accountKey(username), addressKey(address));
    }

    /** Records a failed sign-in; answers whether it has just locked the account or blocked the address. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean failed(String username, String address) {
        String actor = actor(username);
        audit.recordStandalone(actor, "LOGIN_FAILED", null, address);
        boolean account = count(accountKey(username), settings.maxAccountFailures());
        boolean addr = count(addressKey(address), settings.maxAddressFailures());
        if (account) {
            audit.recordStandalone(actor, "ACCOUNT_LOCKED", "for " + settings.lockout().toMinutes() + " min",
                    address);
        }
        if (addr) {
            audit.recordStandalone(null, "ADDRESS_BLOCKED", "for " + settings.lockout().toMinutes() + " min", address);
        }
        return account || addr;
    }

    /** A successful sign-in clears the account's failures (not the address's: others may be guessing from it). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(String username) {
        store.clearUnlessLocked(accountKey(username));
    }

    /** The accounts locked now, for the admin's user list. */
    @Transactional(readOnly = true)
    public Set<String> lockedAccounts() {
        List<String> keys = store.lockedKeys(ACCOUNT);
        Set<String> names = new TreeSet<>();
        keys.forEach(k -> names.add(k.substring(ACCOUNT.length())));
        return names;
    }

    /** An admin lifts an account's lock at once. */
    @Transactional
    public void unlock(CurrentUser admin, String username) {
        AccessPolicy.requireAdmin(admin);
        if (store.clear(accountKey(username))) {
            audit.record(admin.username(), "ACCOUNT_UNLOCKED", "user", username, null);
        }
    }

    private boolean count(String key, int max) {
        int failures = store.countFailure(key, settings.failureWindow());
        if (failures >= max) {
            store.lock(key, settings.lockout());
            return true;
        }
        return false;
    }
}
