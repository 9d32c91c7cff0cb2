package org.bankcrm.domain.opportunity;

import java.time.Duration;
import java.time.Instant;

/**
 * When an open opportunity is stalled: it was created before, and has had no follow-up since, the moment
 * {@code stalled-days} days ago (the admin's setting {@link #SETTING}, {@link #DEFAULT_DAYS} unless set). The
 * dashboard's stalled count and list and My day's stalled list all ask this rule for the moment, and the SQL
 * fragment that applies it lives once, in the service layer's {@code PipelineRules.STALLED}.
 */
public final class Stalled {

    /** The setting that holds the number of days. */
    public static final String SETTING = "pipeline.stalled-days";

    /** The days when the setting is missing: two weeks, the contract's default. */
    public static final int DEFAULT_DAYS = 14;

    private Stalled() {
    }

    /** The days of the setting, or the default when there is none. */
    public static int days(Integer setting) {
        return setting == null ? DEFAULT_DAYS : setting;
    }

    /** Open opportunities with no follow-up at or after this instant (and created before it) are stalled. */
    public static Instant before(Instant now, int days) {
        return now.minus(Duration.ofDays(days));
    }

    /**
     * Whether an open opportunity created at {@code createdAt} whose latest follow-up is {@code lastFollowUp}
     * (null when none) is stalled at {@code now}.
     */
    public static boolean isStalled(Instant createdAt, Instant lastFollowUp, Instant now, int days) {
        Instant before = before(now, days);
        return createdAt.isBefore(before) && (lastFollowUp == null || lastFollowUp.isBefore(before));
    }
}
