package org.bankcrm.service.imports;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * The {@code holdings} feed, keyed by (customer, product, opening date). It is a snapshot per customer: a
 * customer named on any line of the file (good or rejected) keeps exactly the holdings the file lists, and
 * customers absent from the file keep theirs. A rejected line never costs the customer the holding it names: the
 * holding of a rejected line's key is kept as it is, and when a rejected line's key cannot be read whole (a bad
 * product code or opening date, broken quoting) none of that customer's holdings is removed. Such customers get
 * a note on their first rejected line, and their imported lines go to {@code import_context_line}, so that the
 * download of the rejected rows is their whole snapshot again (docs/architecture.md, D22). This class checks
 * single rows; {@link HoldingFeedStore} does the rest.
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
}
