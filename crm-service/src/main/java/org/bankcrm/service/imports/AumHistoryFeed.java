package org.bankcrm.service.imports;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;

/**
 * The {@code aum_history} feed: a customer's daily average AUM per month, keyed by (customer, month). Its merge is
 * {@link AumHistoryFeedStore}'s.
 */
final class AumHistoryFeed implements Feed {

    @Override
    public List<String> requiredColumns() {
        return List.of("customer_no", "month", "avg_aum");
    }

    @Override
    public List<String> optionalColumns() {
        return List.of();
    }

    @Override
    public String stageColumns() {
        return "customer_no varchar(32), month date, avg_aum numeric(18,2), customer_id bigint";
    }

    @Override
    public boolean stage(RowCheck row, ReferenceData ref, StageWriter out) throws SQLException {
        String no = row.text("customer_no", true, 32);
        YearMonth month = row.month("month", true);
        BigDecimal avg = row.amount("avg_aum", true);
        if (!row.ok()) {
            return false;
        }
        out.add(no).add(month.atDay(1)).add(avg).add(null);
        return true;
    }

    @Override
    public boolean stageKey(RowCheck key, ReferenceData ref, boolean broken, StageWriter out) {
        if (broken) {
            return false;
        }
        String no = key.text("customer_no", true, 32);
        YearMonth month = key.month("month", true);
        if (no == null || month == null) {
            return false;
        }
        out.add(no).add(month.atDay(1)).add(null).add(null);
        return true;
    }
}
