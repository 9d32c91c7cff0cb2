package org.bankcrm.service.team;

import java.time.Instant;
import java.util.List;

/** What the team and comment services answer (D44). */
public final class TeamViews {

    private TeamViews() {
    }

    /**
     * One line of an opportunity's team: its owner ({@code OWNER}, holding what the others do not) or a member.
     *
     * @param role        OWNER, CO_OWNER or SUPPORT
     * @param creditShare whole percent; the team's shares sum to 100
     */
    public record Member(String username, String displayName, String branchCode, String role, int creditShare) {
    }

    /**
     * A comment on an opportunity, its text with phone and ID-like numbers masked.
     *
     * @param mentions the usernames it mentioned that were notified
     * @param shown    the text as pages show it: each notified {@code @login} as {@code @display name} (D35)
     */
    public record Comment(long id, String by, String byName, Instant at, String text, List<String> mentions,
                          String shown) {
    }

    /** Someone who may see an opportunity, to be mentioned on it. */
    public record Person(long id, String username, String displayName) {
    }

    /** A staff member who may join a team, as the picker lists them. */
    public record Candidate(String username, String displayName, String branchCode, String branchName) {
    }
}
