package org.bankcrm.web.config;

import java.time.Instant;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.security.LoginThrottle;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Username and password sign-in (the login form and HTTP Basic alike) behind {@link LoginThrottle}: a locked
 * account or blocked address is refused before its password is even checked, every failure is counted and
 * audited, and an interactive sign-in is audited with the client's address.
 */
@Component
class ThrottledAuthentication implements AuthenticationProvider {

    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final DaoAuthenticationProvider passwords;

    ThrottledAuthentication(LoginThrottle throttle, AuditLog audit, UserDetailsService users, PasswordEncoder encoder) {
        this.throttle = throttle;
        this.audit = audit;
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        // No account's name holds a NUL character, and PostgreSQL cannot compare text that does: such a name is
        // counted and refused like a wrong password under a storable stand-in, and never looked up.
        String username = authentication.getName().replace('\0', '\uFFFD');
        String address = address(authentication);
        Instant until = throttle.lockedUntil(username, address);
        if (until != null) {
            throw new LockedException("locked");
        }
        try {
            if (!username.equals(authentication.getName())) {
                throw new BadCredentialsException("bad credentials");
            }
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username);
            return result;
        } catch (BadCredentialsException e) {
            if (throttle.failed(username, address)) {
                throw new LockedException("locked");
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
    }

    /** Form sign-ins (not every Basic-authenticated API call) go to the audit log. */
    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        audit.recordStandalone(event.getAuthentication().getName(), "LOGIN", null, address(event.getAuthentication()));
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
    }
}
