package org.bankcrm.service.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sign-in and session rules a bank's security team sets ({@code crm.security.*}).
 *
 * @param maxAccountFailures     failed sign-ins of one account within {@code failureWindow} that lock it
 * @param maxAddressFailures     failed sign-ins from one client address within the window that block it (higher:
 *                               a branch's staff may share one address)
 * @param failureWindow          how long failures are remembered
 * @param lockout                how long a lock or block lasts (an admin may unlock an account earlier)
 * @param absoluteSessionTimeout a session ends this long after sign-in, however active (the idle timeout is
 *                               {@code spring.session.timeout})
 * @param auditRetention         how long audit entries are kept (at least six months)
 */
@ConfigurationProperties("crm.security")
public record SecuritySettings(
        @DefaultValue("5") int maxAccountFailures,
        @DefaultValue("50") int maxAddressFailures,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue("12h") Duration absoluteSessionTimeout,
        @DefaultValue("183d") Duration auditRetention) {
}
