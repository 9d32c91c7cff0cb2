package org.bankcrm.service.imports;

import java.util.List;
import org.bankcrm.domain.imports.ImportKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The merge of the {@code aum_history} feed ({@link AumHistoryFeed}), keyed by (customer, month). */
@Component
final class AumHistoryFeedStore extends FeedStore {

    AumHistoryFeedStore(JdbcClient jdbc, StageStore stage) {
        super(ImportKind.AUM_HISTORY, jdbc, stage);
    }

    @Override
    Feed.Merged merge(long runId) {
        long rejected = stage.checkCustomerRows(runId, "customer_id, month");
        stage.dropRejected();
        long staged = stage.count();

        long[] counts = new long[2];
        jdbc.sql("""
                insert into aum_monthly as a (customer_id, month, avg_aum)
                select customer_id, month, avg_aum from import_stage
                on conflict (customer_id, month) do update set avg_aum = excluded.avg_aum
                where a.avg_aum <> excluded.avg_aum
                returning xmax = 0 as inserted""").query(rs -> {
                    counts[rs.getBoolean("inserted") ? 0 : 1]++;
                });
        return new Feed.Merged(counts[0], counts[1], staged - counts[0] - counts[1], rejected, 0, List.of());
    }
}
