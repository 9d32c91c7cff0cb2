package org.bankcrm.service.org;

import java.util.Collection;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.org.StaffUserRepository;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads staff users for Spring Security; the principal carries the {@link CurrentUser}. */
@Service
@RequiredArgsConstructor
public class CrmUserDetailsService implements UserDetailsService {

    private final StaffUserRepository users;

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return users.findByUsername(username)
                .map(u -> new CrmUserDetails(CurrentUser.of(u), u.getPasswordHash(), u.isEnabled()))
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }

    /** The authenticated principal. The hash is erased after authentication, before the session keeps it. */
    public static final class CrmUserDetails implements UserDetails, CredentialsContainer {

        private static final long serialVersionUID = 1L;

        private final CurrentUser user;
        private String passwordHash;
        private final boolean enabled;

        public CrmUserDetails(CurrentUser user, String passwordHash, boolean enabled) {
            this.user = user;
            this.passwordHash = passwordHash;
            this.enabled = enabled;
        }

        public CurrentUser user() {
            return user;
        }

        @Override
        public Collection<? extends GrantedAuthority> getAuthorities() {
            return List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name()));
        }

        @Override
        public String getPassword() {
            return passwordHash;
        }

        @Override
        public String getUsername() {
            return user.username();
        }

        @Override
        public boolean isEnabled() {
            return enabled;
        }

        @Override
        public void eraseCredentials() {
            passwordHash = null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CrmUserDetails other && other.user.username().equals(user.username());
        }

        @Override
        public int hashCode() {
            return user.username().hashCode();
        }

        @Override
        public String toString() {
            return "CrmUserDetails[" + user.username() + "]";
        }
    }
}
