package org.bankcrm.service.security;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
 * @param auditRetention         how long audit entries are kept (at least six months: 183 days)
 */
@Validated
@ConfigurationProperties("crm.security")
public record SecuritySettings(
        @DefaultValue("5") @Min(1) int maxAccountFailures,
        @DefaultValue("50") @Min(1) int maxAddressFailures,
        @DefaultValue("15m") @DurationMin(seconds = 1) Duration failureWindow,
        @DefaultValue("15m") @DurationMin(seconds = 1) Duration lockout,
        @DefaultValue("12h") @DurationMin(minutes = 1) Duration absoluteSessionTimeout,
        @DefaultValue("183d") @DurationMin(days = 183) Duration auditRetention) {
}
