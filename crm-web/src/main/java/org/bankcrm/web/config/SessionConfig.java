package org.bankcrm.web.config;

import lombok.RequiredArgsConstructor;
import org.bankcrm.service.org.UserSessions;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/** Ends a user's sessions through Spring Session's principal index (sessions live in the database). */
@Component
@RequiredArgsConstructor
public class SessionConfig implements UserSessions {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    @Override
    public int endAll(String username) {
        var found = sessions.findByPrincipalName(username);
        found.keySet().forEach(sessions::deleteById);
        return found.size();
    }
}
