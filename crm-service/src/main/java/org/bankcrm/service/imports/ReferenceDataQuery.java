package org.bankcrm.service.imports;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.customer.TierPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the {@link ReferenceData} a feed's rows are checked against, once per import. */
@Component
class ReferenceDataQuery {

    private final JdbcClient jdbc;

    ReferenceDataQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ReferenceData load(LocalDate today) {
        Map<String, ReferenceData.BranchRef> branches = new HashMap<>();
        jdbc.sql("select code, id, path from branch").query(rs -> {
            branches.put(rs.getString("code"), new ReferenceData.BranchRef(rs.getLong("id"), rs.getString("path")));
        });
        Map<String, ReferenceData.UserRef> users = new HashMap<>();
        jdbc.sql("""
                        select u.username, u.id, u.role, u.enabled, b.path
                        from staff_user u join branch b on b.id = u.branch_id""")
                .query(rs -> {
                    users.put(rs.getString("username"), new ReferenceData.UserRef(rs.getLong("id"),
                            rs.getString("role"), rs.getBoolean("enabled"), rs.getString("path")));
                });
        Set<String> products = new HashSet<>(jdbc.sql("select code from product").query(String.class).list());
        var thresholds = jdbc.sql("select tier, lower_bound from tier_threshold")
                .query((rs, i) -> new TierPolicy.Threshold(Tier.valueOf(rs.getString("tier")),
                        rs.getBigDecimal("lower_bound")))
                .list();
        return new ReferenceData(branches, users, products, TierPolicy.of(thresholds), today);
    }
}
