package org.bankcrm.service.segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.service.customer.CustomerViews.CustomerSummary;
import org.bankcrm.service.discovery.RuleSql;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one translation of a group's criteria into SQL: the customers matching every criterion and lying in a scope
 * (the group's creator's). Values are bound parameters only; the text depends on which criteria are present, never
 * on their values. The conditions follow the indexes: branch and type and tier ({@code customer_branch_idx}), the
 * owner ({@code customer_owner_number_idx}), held products ({@code holding_product_idx}, {@code holding_key} for the
 * per-customer probes). "Holds" is the discovery rules' one definition ({@link RuleSql#HOLDS}).
 */
@Component
@RequiredArgsConstructor
class SegmentQuery {

    /** A matching customer as the customer list shows it, with its branch path (to decide on a link). */
    record Line(long id, CustomerSummary customer, String branchPath) {
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    private static final String FROM = " from customer c join branch b on b.id = c.branch_id ";

    private final JdbcClient jdbc;

    long count(SegmentCriteria criteria, Scope creator, LocalDate today) {
        Where w = where(criteria, creator, today);
        return jdbc.sql("select count(*)" + FROM + "where " + w.sql()).params(w.params()).query(Long.class).single();
    }

    /** One page of the matching customers, by customer number. */
    List<Line> page(SegmentCriteria criteria, Scope creator, LocalDate today, int page, int size) {
        Where w = where(criteria, creator, today);
        return jdbc.sql("""
                        select c.id, c.customer_no, c.type, c.name, c.tier, c.aum, b.code as branch_code,
                               b.path as branch_path, o.username as owner_rm""" + FROM
                        + "left join staff_user o on o.id = c.owner_id where " + w.sql()
                        + " order by c.customer_no limit :limit offset :offset")
                .params(w.params()).param("limit", size).param("offset", (long) page * size)
                .query((rs, i) -> new Line(rs.getLong("id"), new CustomerSummary(rs.getString("customer_no"),
                        CustomerType.valueOf(rs.getString("type")), rs.getString("name"),
                        Tier.valueOf(rs.getString("tier")), rs.getBigDecimal("aum"), rs.getString("branch_code"),
                        rs.getString("owner_rm")), rs.getString("branch_path")))
                .list();
    }

    /** Every matching customer's id, streamed to {@code each} (a campaign's target list, an export). */
    void eachId(SegmentCriteria criteria, Scope creator, LocalDate today, Consumer<Long> each) {
        Where w = where(criteria, creator, today);
        try (var ids = jdbc.sql("select c.id" + FROM + "where " + w.sql() + " order by c.id").params(w.params())
                .query(Long.class).stream()) {
            ids.forEach(each);
        }
    }

    private Where where(SegmentCriteria c, Scope creator, LocalDate today) {
        ScopeSql scope = ScopeSql.of(creator, "c.owner_id", "b.path");
        Map<String, Object> p = new HashMap<>(scope.params());
        StringBuilder w = new StringBuilder(scope.condition());
        if (c.type() != null) {
            w.append(" and c.type = :segType");
            p.put("segType", c.type());
        }
        if (c.tiers() != null) {
            w.append(" and c.tier in (:segTiers)");
            p.put("segTiers", c.tiers());
        }
        if (c.ageMin() != null || c.ageMax() != null) {
            // Whole years today: age ≥ n ⇔ born on or before today − n years; age ≤ n ⇔ born after today − (n+1).
            w.append(" and c.type = 'RETAIL' and c.birth_date is not null");
            if (c.ageMin() != null) {
                w.append(" and c.birth_date <= :segBornOnOrBefore");
                p.put("segBornOnOrBefore", today.minusYears(c.ageMin()));
            }
            if (c.ageMax() != null) {
                w.append(" and c.birth_date > :segBornAfter");
                p.put("segBornAfter", today.minusYears(c.ageMax() + 1L));
            }
        }
        money(w, p, " and c.aum >= :segAumMin", "segAumMin", c.aumMin());
        money(w, p, " and c.aum < :segAumMax", "segAumMax", c.aumMax());
        if (c.holds() != null) {
            w.append(" and (select count(distinct h.product_code) from holding h where h.customer_id = c.id")
                    .append(" and h.product_code in (:segHolds) and ").append(RuleSql.HOLDS)
                    .append(") = :segHoldsCount");
            p.put("segHolds", c.holds());
            p.put("segHoldsCount", c.holds().size());
        }
        if (c.lacks() != null) {
            w.append(" and not exists (select 1 from holding h where h.customer_id = c.id")
                    .append(" and h.product_code in (:segLacks) and ").append(RuleSql.HOLDS).append(')');
            p.put("segLacks", c.lacks());
        }
        if (c.industries() != null) {
            w.append(" and c.industry in (:segIndustries)");
            p.put("segIndustries", c.industries());
        }
        if (c.companySizes() != null) {
            w.append(" and c.company_size in (:segSizes)");
            p.put("segSizes", c.companySizes());
        }
        if (c.branchCode() != null) {
            String path = jdbc.sql("select path from branch where code = :code").param("code", c.branchCode())
                    .query(String.class).optional().orElse(null);
            w.append(path == null ? " and false" : " and b.path like :segBranchPattern escape '\\'");
            p.put("segBranchPattern", path == null ? "" : Scope.subtreePattern(path));
        }
        if (c.owned() != null) {
            w.append(c.owned() ? " and c.owner_id is not null" : " and c.owner_id is null");
        }
        return new Where(w.toString(), p);
    }

    private static void money(StringBuilder w, Map<String, Object> p, String sql, String name, BigDecimal value) {
        if (value != null) {
            w.append(sql);
            p.put(name, value);
        }
    }
}
