package org.bankcrm.service.imports;

import java.sql.SQLException;
import java.util.List;
import org.bankcrm.service.customer.CustomersHanded;

/**
 * One feed of the contract ({@code customers}, {@code holdings}, {@code aum_history}): its columns, the
 * checks of a single row (in Java, as the file streams by, against {@link ReferenceData}) and what it stages. The
 * checks that need the database or the whole file (repeated keys, unknown customers) and the merge are set-based
 * SQL over the staging table {@value #STAGE}, in the feed's {@link FeedStore}.
 */
sealed interface Feed permits CustomerFeed, HoldingFeed, AumHistoryFeed {

    String STAGE = "import_stage";

    /**
     * What a merge did; {@code affectedCustomers} are those whose open opportunities need re-scoring, {@code handed}
     * the customers the feed gave another owner, one event per new owner, published in the merge's transaction.
     */
    record Merged(long inserted, long updated, long unchanged, long rejected, long removed,
                  List<Long> affectedCustomers, List<CustomersHanded> handed) {

        Merged(long inserted, long updated, long unchanged, long rejected, long removed,
               List<Long> affectedCustomers) {
            this(inserted, updated, unchanged, rejected, removed, affectedCustomers, List.of());
        }
    }

    List<String> requiredColumns();

    List<String> optionalColumns();

    /** The staging table's columns after {@code line_no}, with their types. */
    String stageColumns();

    /**
     * Checks one row; when it is good, writes its values (the {@link #stageColumns()} in order) to {@code out}
     * without ending the row, and answers true.
     */
    boolean stage(RowCheck row, ReferenceData ref, StageWriter out) throws SQLException;

    /**
     * For a row rejected while reading ({@code key} reads its fields afresh): writes the parts of its key that are
     * valid on their own, in the order of {@link #stageColumns()} with every other column null, and answers true;
     * answers false when nothing of use can be read. The row is staged as {@code bad}: it is never merged, but a
     * later row repeating its key is rejected, and the holdings snapshot keeps what it names. {@code broken} when
     * the line's structure is broken (bad quoting, a wrong number of fields): its values may sit in the wrong
     * columns, so at most the customer it seems to name is taken, never a key to match other rows against.
     */
    boolean stageKey(RowCheck key, ReferenceData ref, boolean broken, StageWriter out) throws SQLException;
}
