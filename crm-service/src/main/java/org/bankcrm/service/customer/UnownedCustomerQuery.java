package org.bankcrm.service.customer;

import java.util.Collection;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.service.customer.CustomerAssignment.UnownedCustomer;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * High-tier customers with no owner RM, in the caller's scope: highest tier first ({@link HighTiers#rankFromTop}),
 * then largest AUM, then customer number.
 */
@Component
@RequiredArgsConstructor
class UnownedCustomerQuery {

    private final JdbcClient jdbc;

    /**
     * @param branchPattern the LIKE pattern of a branch subtree to narrow to, or null
     */
    List<UnownedCustomer> page(Scope scope, Collection<Tier> tiers, String branchPattern, int offset, int limit) {
        ScopeSql s = ScopeSql.of(scope, "c.owner_id", "b.path");
        return jdbc.sql("""
                        select c.customer_no, c.name, c.type, c.tier, c.aum, b.code, b.name as branch_name
                        from customer c join branch b on b.id = c.branch_id
                        where %s
                        order by %s, c.aum desc, c.customer_no
                        offset :offset limit :limit""".formatted(where(s, branchPattern), HighTiers.rankSql("c.tier")))
                .params(s.params()).param("tiers", names(tiers)).params(branch(branchPattern))
                .param("offset", offset).param("limit", limit)
                .query((rs, i) -> new UnownedCustomer(rs.getString("customer_no"), rs.getString("name"),
                        CustomerType.valueOf(rs.getString("type")), Tier.valueOf(rs.getString("tier")),
                        rs.getBigDecimal("aum"), rs.getString("code"), rs.getString("branch_name")))
                .list();
    }

    long count(Scope scope, Collection<Tier> tiers, String branchPattern) {
        ScopeSql s = ScopeSql.of(scope, "c.owner_id", "b.path");
        return jdbc.sql("select count(*) from customer c join branch b on b.id = c.branch_id where "
                        + where(s, branchPattern))
                .params(s.params()).param("tiers", names(tiers)).params(branch(branchPattern))
                .query(Long.class).single();
    }

    private static String where(ScopeSql scope, String branchPattern) {
        return "c.owner_id is null and c.tier = any(:tiers) and " + scope.condition()
                + (branchPattern == null ? "" : " and b.path like :branchPattern escape '\\'");
    }

    private static java.util.Map<String, Object> branch(String branchPattern) {
        return branchPattern == null ? java.util.Map.of() : java.util.Map.of("branchPattern", branchPattern);
    }

    private static String[] names(Collection<Tier> tiers) {
        return tiers.stream().map(Tier::name).toArray(String[]::new);
    }
}
