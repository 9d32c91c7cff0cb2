package org.bankcrm.service.imports;

import org.bankcrm.domain.imports.ImportKind;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database half of one feed: the checks that need the database or the whole file (repeated keys, unknown
 * customers) and the merge, set-based SQL over the staging table {@value Feed#STAGE} ({@link StageStore}). The
 * checks of a single row are the feed's own ({@link Feed}).
 */
abstract sealed class FeedStore permits CustomerFeedStore, HoldingFeedStore, AumHistoryFeedStore {

    protected final JdbcClient jdbc;
    protected final StageStore stage;
    private final ImportKind kind;

    FeedStore(ImportKind kind, JdbcClient jdbc, StageStore stage) {
        this.kind = kind;
        this.jdbc = jdbc;
        this.stage = stage;
    }

    /** The feed whose staged rows this store merges. */
    ImportKind kind() {
        return kind;
    }

    /** Indexes the staged rows, rejects what needs the database to be judged, and merges the rest. */
    abstract Feed.Merged merge(long runId);
}
