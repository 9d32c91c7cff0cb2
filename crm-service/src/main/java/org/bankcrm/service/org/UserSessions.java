package org.bankcrm.service.org;

/**
 * Ends a user's server sessions. The web layer implements it over Spring Session, so the services need
 * not know how sessions are kept.
 */
public interface UserSessions {

    /** Ends every session of {@code username}; returns how many there were. */
    int endAll(String username);
}
