package org.bankcrm.service.imports;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code holdings} feed, keyed by (customer, product, opening date). It is a snapshot per customer: a
 * customer with at least one good row in the file keeps exactly the holdings the file lists; customers
 * absent from the file (or all of whose rows were rejected) keep theirs.
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
    public Merged merge(JdbcClient jdbc, long runId) {
        long rejected = Feed.checkCustomerRows(jdbc, runId, "customer_id, product_code, opened_on");
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
                    where h.customer_id in (select customer_id from import_stage)
                      and not exists (select 1 from import_stage s where s.customer_id = h.customer_id
                                      and s.product_code = h.product_code and s.opened_on = h.opened_on)
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
