package org.bankcrm.service.target;

import java.math.BigDecimal;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.shared.Period;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writing targets. A change names the version it replaces and is refused when the row has moved on since (D11):
 * {@link #insert} only when no target of the same key exists, {@link #update} only at the version read.
 */
@Component
@RequiredArgsConstructor
class TargetStore {

    private final JdbcClient jdbc;

    /** Inserts a new target; null when one of the same key was inserted meanwhile. */
    Long insert(TargetMeasure measure, Period period, Long branchId, Long rmId, ProductCategory category,
                BigDecimal amount, Integer count, long by) {
        return jdbc.sql("""
                        insert into target (measure, period_type, period_start, branch_id, rm_id, product_category,
                                            target_amount, target_count, created_by)
                        values (:measure, :type, :start, :branch, :rm, :category, :amount, :count, :by)
                        on conflict (measure, period_type, period_start, coalesce(branch_id, 0), coalesce(rm_id, 0),
                                     coalesce(product_category, ''))
                        do nothing
                        returning id""")
                .param("measure", measure.name()).param("type", period.type().name()).param("start", period.start())
                .param("branch", branchId)
                .param("rm", rmId).param("category", category == null ? null : category.name())
                .param("amount", amount).param("count", count).param("by", by)
                .query(Long.class).optional().orElse(null);
    }

    /** Replaces the figures of target {@code id} at {@code version}; false when it is no longer at that version. */
    boolean update(long id, int version, BigDecimal amount, Integer count, long by) {
        return jdbc.sql("""
                        update target set target_amount = :amount, target_count = :count, created_by = :by,
                                          created_at = now(), version = version + 1
                        where id = :id and version = :version""")
                .param("id", id).param("version", version).param("amount", amount).param("count", count)
                .param("by", by)
                .update() == 1;
    }

    /** Deletes the target if it still has {@code version}; whether it did. */
    boolean delete(long id, int version) {
        return jdbc.sql("delete from target where id = :id and version = :v")
                .param("id", id).param("v", version).update() == 1;
    }
}
