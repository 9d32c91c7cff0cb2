package org.bankcrm.service.approval;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.product.ProductCategory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The approval rules (table {@code approval_rule}): one minimum amount per product category at most. */
@Component
@RequiredArgsConstructor
public class ApprovalRuleStore {

    private final JdbcClient jdbc;

    public List<ApprovalRule> all() {
        return jdbc.sql("select product_category, min_amount from approval_rule order by product_category")
                .query((rs, n) -> new ApprovalRule(ProductCategory.valueOf(rs.getString("product_category")),
                        rs.getBigDecimal("min_amount"))).list();
    }

    /** The minimum amount of the category's rule, if it has one; read at the moment it is asked (D45). */
    public Optional<BigDecimal> minAmount(ProductCategory category) {
        return jdbc.sql("select min_amount from approval_rule where product_category = :c")
                .param("c", category.name()).query(BigDecimal.class).optional();
    }

    /**
     * Locks the rules against a concurrent save until the caller's transaction ends (two admins saving at once: the
     * second waits, then finds the set changed, never a mix of both).
     */
    void lock() {
        jdbc.sql("lock table approval_rule in share row exclusive mode").update();
    }

    /** Replaces every rule by these, in one statement each, inside the caller's transaction (after {@link #lock}). */
    void replace(List<ApprovalRule> rules, String by) {
        jdbc.sql("delete from approval_rule").update();
        for (ApprovalRule r : rules) {
            jdbc.sql("insert into approval_rule (product_category, min_amount, updated_by) values (:c, :m, :by)")
                    .param("c", r.productCategory().name()).param("m", r.minAmount()).param("by", by).update();
        }
    }
}
