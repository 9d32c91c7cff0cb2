package org.bankcrm.service.imports;

import org.bankcrm.domain.imports.ImportKind;

/**
 * The database half of one feed: the checks that need the database or the whole file (repeated keys, unknown
 * customers) and the merge, set-based SQL over the staging table {@value Feed#STAGE} ({@link StageStore}). The
 * checks of a single row are the feed's own ({@link Feed}).
 */
sealed interface FeedStore permits CustomerFeedStore, HoldingFeedStore, AumHistoryFeedStore {

    /** The feed whose staged rows this store merges. */
    ImportKind kind();

    /** Indexes the staged rows, rejects what needs the database to be judged, and merges the rest. */
    Feed.Merged merge(long runId);
}
