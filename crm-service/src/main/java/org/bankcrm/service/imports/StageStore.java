package org.bankcrm.service.imports;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The staging table {@value Feed#STAGE} of an import: created for a feed in the import's transaction, and the
 * set-based checks every feed's merge shares (rows moved to the run's errors, repeated keys, unknown customers).
 */
@Component
class StageStore {

    private final JdbcClient jdbc;

    StageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The staging table for {@code feed}: the line, whether it was bad, then the feed's columns. */
    void create(Feed feed) {
        jdbc.sql("create temporary table " + Feed.STAGE + " (line_no bigint not null, bad boolean not null, "
                + feed.stageColumns() + ") on commit drop").update();
    }

    /**
     * Moves the staged rows that {@code deleteReturning} deletes or marks bad (it must return {@code line_no} and
     * {@code arg}; the raw text is filled in from the file afterwards) to the run's errors with {@code column} and
     * {@code key}; answers how many.
     */
    long reject(long runId, String deleteReturning, String column, String key) {
        return jdbc.sql("with bad as (" + deleteReturning + ") insert into import_error (run_id, line_no,"
                        + " column_name, message_key, message_arg, raw_line)"
                        + " select :run, line_no, :column, :key, arg, null from bad")
                .param("run", runId).param("column", column).param("key", key).update();
    }

    /**
     * Rejects every good staged row whose key repeats a row on an earlier line, good or rejected while reading
     * (the contract's "a key that repeats an earlier row"): it becomes a {@code bad} row, to be set aside with
     * the others by {@link #dropRejected}.
     */
    long rejectRepeatedKeys(long runId, String keyColumns, String column) {
        return reject(runId, """
                update import_stage s set bad = true from (
                    select line_no, min(line_no) over (partition by %s) as first_line from import_stage) d
                where d.line_no = s.line_no and d.first_line < s.line_no and not s.bad
                returning s.line_no, d.first_line::text as arg""".formatted(keyColumns), column,
                "import.row.keyRepeated");
    }

    /** Removes the rejected rows from the staging table, leaving the good rows to merge. */
    long dropRejected() {
        return jdbc.sql("delete from import_stage where bad").update();
    }

    /**
     * For the feeds keyed by customer and more ({@code keyColumns}, starting with {@code customer_id}): resolves
     * each staged row's customer (the rejected rows' too), rejects good rows of unknown customers, then good rows
     * repeating an earlier line's key. The rejected rows are still staged afterwards.
     */
    long checkCustomerRows(long runId, String keyColumns) {
        jdbc.sql("update import_stage s set customer_id = c.id from customer c where c.customer_no = s.customer_no")
                .update();
        long rejected = reject(runId, """
                delete from import_stage s where s.customer_id is null and not s.bad
                returning s.line_no, s.customer_no as arg""", "customer_no", "import.row.customerUnknown");
        index(keyColumns);
        return rejected + rejectRepeatedKeys(runId, keyColumns, "customer_no");
    }

    /** Indexes the staging table on {@code columns} and refreshes its statistics. */
    long index(String columns) {
        jdbc.sql("create index on import_stage (" + columns + ")").update();
        return jdbc.sql("analyze import_stage").update();
    }

    long count() {
        return jdbc.sql("select count(*) from import_stage").query(Long.class).single();
    }

    /** The ids in a SQL {@code bigint[]} (null for none). */
    static List<Long> ids(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Long[] ids = (Long[]) array.getArray();
        return Arrays.asList(ids);
    }
}
