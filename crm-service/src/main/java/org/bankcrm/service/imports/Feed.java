package org.bankcrm.service.imports;

import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One feed of the contract ({@code customers}, {@code holdings}, {@code aum_history}): its columns, the
 * checks of a single row (in Java, as the file streams by, against {@link ReferenceData}), and the checks
 * that need the database or the whole file (repeated keys, unknown customers) followed by the merge, both
 * set-based SQL over the staging table {@value #STAGE}.
 */
sealed interface Feed permits CustomerFeed, HoldingFeed, AumHistoryFeed {

    String STAGE = "import_stage";

    /** What a merge did; {@code affectedCustomers} are those whose open opportunities need re-scoring. */
    record Merged(long inserted, long updated, long unchanged, long rejected, long removed,
                  List<Long> affectedCustomers) {
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

    /** Indexes the staged rows, rejects what needs the database to be judged, and merges the rest. */
    Merged merge(JdbcClient jdbc, long runId);

    /**
     * Moves the staged rows that {@code deleteReturning} deletes or marks bad (it must return {@code line_no} and
     * {@code arg}; the raw text is filled in from the file afterwards) to the run's errors with {@code column} and {@code key}; answers how many.
     */
    static long reject(JdbcClient jdbc, long runId, String deleteReturning, String column, String key) {
        return jdbc.sql("with bad as (" + deleteReturning + ") insert into import_error (run_id, line_no, column_name,"
                        + " message_key, message_arg, raw_line) select :run, line_no, :column, :key, arg, null from bad")
                .param("run", runId).param("column", column).param("key", key).update();
    }

    /**
     * Rejects every good staged row whose key repeats a row on an earlier line, good or rejected while reading
     * (the contract's "a key that repeats an earlier row"): it becomes a {@code bad} row, to be set aside with
     * the others by {@link #dropRejected}.
     */
    static long rejectRepeatedKeys(JdbcClient jdbc, long runId, String keyColumns, String column) {
        return reject(jdbc, runId, """
                update import_stage s set bad = true from (
                    select line_no, min(line_no) over (partition by %s) as first_line from import_stage) d
                where d.line_no = s.line_no and d.first_line < s.line_no and not s.bad
                returning s.line_no, d.first_line::text as arg""".formatted(keyColumns), column,
                "import.row.keyRepeated");
    }

    /** Removes the rejected rows from the staging table, leaving the good rows to merge. */
    static long dropRejected(JdbcClient jdbc) {
        return jdbc.sql("delete from import_stage where bad").update();
    }

    /**
     * For the feeds keyed by customer and more ({@code keyColumns}, starting with {@code customer_id}): resolves
     * each staged row's customer (the rejected rows' too), rejects good rows of unknown customers, then good rows
     * repeating an earlier line's key. The rejected rows are still staged afterwards.
     */
    static long checkCustomerRows(JdbcClient jdbc, long runId, String keyColumns) {
        jdbc.sql("update import_stage s set customer_id = c.id from customer c where c.customer_no = s.customer_no")
                .update();
        long rejected = reject(jdbc, runId, """
                delete from import_stage s where s.customer_id is null and not s.bad
                returning s.line_no, s.customer_no as arg""", "customer_no", "import.row.customerUnknown");
        jdbc.sql("create index on import_stage (" + keyColumns + ")").update();
        jdbc.sql("analyze import_stage").update();
        return rejected + rejectRepeatedKeys(jdbc, runId, keyColumns, "customer_no");
    }

    /** The ids in a SQL {@code bigint[]} (null for none). */
    static List<Long> ids(java.sql.Array array) throws java.sql.SQLException {
        if (array == null) {
            return List.of();
        }
        Long[] ids = (Long[]) array.getArray();
        return java.util.Arrays.asList(ids);
    }

    static long count(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from import_stage").query(Long.class).single();
    }
}
