package org.bankcrm.service.imports;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code holdings} feed, keyed by (customer, product, opening date). It is a snapshot per customer: a
 * customer named on any line of the file (good or rejected) keeps exactly the holdings the file lists, and
 * customers absent from the file keep theirs. A rejected line never costs the customer the holding it names: the
 * holding of a rejected line's key is kept as it is, and when a rejected line's key cannot be read whole (a bad
 * product code or opening date, broken quoting) none of that customer's holdings is removed. Such customers get
 * a note on their first rejected line, and their imported lines go to {@code import_context_line}, so that the
 * download of the rejected rows is their whole snapshot again (docs/architecture.md, D22).
 */
final class HoldingFeed implements Feed {

    @Override
    public List<String> requiredColumns() {
        return List.of("customer_no", "product_code", "balance", "opened_on");
    }

    @Override
    public List<String> optionalColumns() {
        return List.of("maturity_date");
    }

    @Override
    public String stageColumns() {
        return "customer_no varchar(32), product_code varchar(32), balance numeric(18,2), opened_on date,"
                + " maturity_date date, customer_id bigint";
    }

    @Override
    public boolean stage(RowCheck row, ReferenceData ref, StageWriter out) throws SQLException {
        String no = row.text("customer_no", true, 32);
        String product = row.required("product_code");
        BigDecimal balance = row.amount("balance", true);
        LocalDate opened = row.date("opened_on", true);
        LocalDate maturity = row.date("maturity_date", false);
        if (product != null && !ref.products().contains(product)) {
            row.problem("product_code", "import.row.code", product);
        }
        if (opened != null && maturity != null && maturity.isBefore(opened)) {
            row.problem("maturity_date", "import.row.maturityBeforeOpened", maturity.toString());
        }
        if (!row.ok()) {
            return false;
        }
        out.add(no).add(product).add(balance).add(opened).add(maturity).add(null);
        return true;
    }

    @Override
    public boolean stageKey(RowCheck key, ReferenceData ref, boolean broken, StageWriter out) {
        String no = key.text("customer_no", true, 32);
        if (no == null) {
            return false;
        }
        String product = null;
        LocalDate opened = null;
        if (!broken) {
            product = key.required("product_code");
            if (product != null && !ref.products().contains(product)) {
                product = null;
            }
            opened = key.date("opened_on", true);
        }
        out.add(no).add(product).add(null).add(opened).add(null).add(null);
        return true;
    }

    @Override
    public Merged merge(JdbcClient jdbc, long runId) {
        long rejected = Feed.checkCustomerRows(jdbc, runId, "customer_id, product_code, opened_on");
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
        long staged = Feed.count(jdbc);

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
                select (select count(*) from up where inserted), (select count(*) from up where not inserted),
                       (select count(*) from gone),
                       (select array_agg(distinct t.customer_id) from (select customer_id from up
                                                                        union select customer_id from gone) t
                        where exists (select 1 from opportunity o where o.customer_id = t.customer_id
                                      and o.status = 'OPEN'))""").query(rs -> {
                    counts[0] = rs.getLong(1);
                    counts[1] = rs.getLong(2);
                    counts[2] = rs.getLong(3);
                    affected.addAll(Feed.ids(rs.getArray(4)));
                });
        List<Long> customers = affected;
        return new Merged(counts[0], counts[1], staged - counts[0] - counts[1], rejected, counts[2], customers);
    }
}
