package org.bankcrm.service.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.customer.TierPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The small tables a feed row is checked against, read once per import: branches, staff, products and the
 * tier thresholds. Customers are not here: a feed may name a million of them, so those checks are SQL.
 */
record ReferenceData(Map<String, BranchRef> branches, Map<String, UserRef> users, Set<String> products,
                     TierPolicy tiers, LocalDate today) {

    /** A branch and its materialised path. */
    record BranchRef(long id, String path) {
    }

    /** A staff user: role, whether they may still work, and their branch's path. */
    record UserRef(long id, String role, boolean enabled, String branchPath) {
    }

    static ReferenceData load(JdbcClient jdbc, LocalDate today) {
        Map<String, BranchRef> branches = new HashMap<>();
        jdbc.sql("select code, id, path from branch").query(rs -> {
            branches.put(rs.getString(1), new BranchRef(rs.getLong(2), rs.getString(3)));
        });
        Map<String, UserRef> users = new HashMap<>();
        jdbc.sql("select u.username, u.id, u.role, u.enabled, b.path from staff_user u join branch b on b.id = u.branch_id")
                .query(rs -> {
                    users.put(rs.getString(1), new UserRef(rs.getLong(2), rs.getString(3), rs.getBoolean(4),
                            rs.getString(5)));
                });
        Set<String> products = new HashSet<>(jdbc.sql("select code from product").query(String.class).list());
        var thresholds = jdbc.sql("select tier, lower_bound from tier_threshold")
                .query((rs, i) -> new TierPolicy.Threshold(Tier.valueOf(rs.getString(1)), rs.getBigDecimal(2)))
                .list();
        return new ReferenceData(branches, users, products, TierPolicy.of(thresholds), today);
    }

    /** Whether {@code username} is an enabled RM of the branch at {@code branchPath} or one below it. */
    boolean isActiveRmUnder(String username, String branchPath) {
        UserRef u = users.get(username);
        return u != null && u.enabled() && "RM".equals(u.role()) && u.branchPath().startsWith(branchPath);
    }

    BigDecimal zeroIfNull(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
