package org.bankcrm.service.imports;

import java.util.ArrayList;
import java.util.List;
import org.bankcrm.domain.imports.ImportKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The merge of the {@code holdings} feed ({@link HoldingFeed}): a snapshot per customer named in the file, keeping
 * the holdings that rejected lines name, and noting the customers whose snapshot was held back.
 */
@Component
final class HoldingFeedStore extends FeedStore {

    HoldingFeedStore(JdbcClient jdbc, StageStore stage) {
        super(ImportKind.HOLDINGS, jdbc, stage);
    }

    @Override
    Feed.Merged merge(long runId) {
        long rejected = stage.checkCustomerRows(runId, "customer_id, product_code, opened_on");
        // The rejected rows of known customers: the holdings they name are kept, and their customers are noted.
        jdbc.sql("""
                create temporary table import_rejected (line_no bigint, customer_id bigint, product_code varchar(32),
                                                        opened_on date) on commit drop""").update();
        jdbc.sql("""
                with bad as (delete from import_stage where bad
                             returning line_no, customer_id, product_code, opened_on)
                insert into import_rejected select * from bad where customer_id is not null""").update();
        jdbc.sql("""
                create temporary table import_held on commit drop as
                select customer_id, min(line_no) as first_line,
                       bool_or(product_code is null or opened_on is null) as whole
                from import_rejected group by customer_id""").update();
        jdbc.sql("create index on import_rejected (customer_id, product_code, opened_on)").update();
        jdbc.sql("create unique index on import_held (customer_id)").update();
        jdbc.sql("analyze import_rejected").update();
        jdbc.sql("analyze import_held").update();
        jdbc.sql("""
                insert into import_error (run_id, line_no, column_name, message_key, message_arg, raw_line)
                select :run, k.first_line, 'customer_no',
                       case when k.whole then 'import.row.snapshotHeld' else 'import.row.snapshotPartial' end,
                       c.customer_no, null
                from import_held k join customer c on c.id = k.customer_id""").param("run", runId).update();
        jdbc.sql("""
                insert into import_context_line (run_id, line_no, customer_no)
                select :run, s.line_no, s.customer_no from import_stage s
                where exists (select 1 from import_held k where k.customer_id = s.customer_id)""")
                .param("run", runId).update();
        long staged = stage.count();

        long[] counts = new long[3];
        List<Long> affected = new ArrayList<>();
        jdbc.sql("""
                with up as (
                    insert into holding as h (customer_id, product_code, balance, opened_on, maturity_date)
                    select customer_id, product_code, balance, opened_on, maturity_date from import_stage
                    on conflict (customer_id, product_code, opened_on) do update set
                        balance = excluded.balance, maturity_date = excluded.maturity_date, updated_at = now()
                    where (h.balance, h.maturity_date) is distinct from (excluded.balance, excluded.maturity_date)
                    returning h.customer_id, xmax = 0 as inserted),
                gone as (
                    delete from holding h
                    where h.customer_id in (select customer_id from import_stage
                                            union all select customer_id from import_held where not whole)
                      and not exists (select 1 from import_stage s where s.customer_id = h.customer_id
                                      and s.product_code = h.product_code and s.opened_on = h.opened_on)
                      and not exists (select 1 from import_rejected r where r.customer_id = h.customer_id
                                      and r.product_code = h.product_code and r.opened_on = h.opened_on)
                      and not exists (select 1 from import_held k where k.customer_id = h.customer_id and k.whole)
                    returning h.customer_id)
                select (select count(*) from up where inserted) as inserted,
                       (select count(*) from up where not inserted) as updated,
                       (select count(*) from gone) as removed,
                       (select array_agg(distinct t.customer_id) from (select customer_id from up
                                                                        union select customer_id from gone) t
                        where exists (select 1 from opportunity o where o.customer_id = t.customer_id
                                      and o.status = 'OPEN')) as affected""").query(rs -> {
                    counts[0] = rs.getLong("inserted");
                    counts[1] = rs.getLong("updated");
                    counts[2] = rs.getLong("removed");
                    affected.addAll(StageStore.ids(rs.getArray("affected")));
                });
        List<Long> customers = affected;
        return new Feed.Merged(counts[0], counts[1], staged - counts[0] - counts[1], rejected, counts[2], customers);
    }
}
