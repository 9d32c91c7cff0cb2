package org.bankcrm.service.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.bankcrm.domain.customer.TierPolicy;

/**
 * The small tables a feed row is checked against, read once per import: branches, staff, products and the
 * tier thresholds ({@link ReferenceDataQuery} reads them). Customers are not here: a feed may name a million of
 * them, so those checks are SQL.
 */
record ReferenceData(Map<String, BranchRef> branches, Map<String, UserRef> users, Set<String> products,
                     TierPolicy tiers, LocalDate today) {

    /** A branch and its materialised path. */
    record BranchRef(long id, String path) {
    }

    /** A staff user: role, whether they may still work, and their branch's path. */
    record UserRef(long id, String role, boolean enabled, String branchPath) {
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
