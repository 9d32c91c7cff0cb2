package org.bankcrm.domain.opportunity;

/**
 * A member's role in an opportunity's team (D44); the owner is implicit ({@code OWNER} in the API, never stored).
 * A co-owner works the opportunity like its owner (edit, stage moves, follow-ups, comments); a support member logs
 * follow-ups and comments.
 */
public enum TeamRole {
    CO_OWNER,
    SUPPORT
}
