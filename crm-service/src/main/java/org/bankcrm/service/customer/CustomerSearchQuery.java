package org.bankcrm.service.customer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.customer.CustomerSearch.Suggestion;
import org.bankcrm.service.customer.CustomerSearch.Terms;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of {@link CustomerSearch}: one index-backed part per kind of match, merged (D40). */
@Component
@RequiredArgsConstructor
class CustomerSearchQuery {

    private final JdbcClient jdbc;

    /**
     * One index-backed part per kind of match, each in scope and cut at one more than the limit, then merged: a
     * customer found by several parts counts with its best. See D40 for the indexes each part uses.
     */
    List<Suggestion> find(long userId, ScopeSql scope, Terms terms, boolean personal) {
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("limit", CustomerSearch.LIMIT + 1);
        params.put("exact", terms.text());
        String where = scope.condition() + (terms.ownOnly() ? " and c.owner_id = :me" : "");
        if (terms.ownOnly()) {
            params.put("me", userId);
        }
        List<String> parts = new ArrayList<>();
        if (terms.numberPrefix() != null) {
            params.put("numberPrefix", terms.numberPrefix());
            parts.add(part(1, where, "c.customer_no collate \"C\" like :numberPrefix",
                    "c.customer_no collate \"C\""));
        }
        params.put("namePrefix", terms.namePrefix());
        parts.add(part(2, where, "c.name like :namePrefix", "c.name, c.customer_no"));
        if (terms.nameAnywhere() != null) {
            params.put("nameAnywhere", terms.nameAnywhere());
            parts.add(part(3, where, "c.name like :nameAnywhere", "c.name, c.customer_no"));
        }
        if (terms.phoneTail() != null) {
            params.put("phoneTail", terms.phoneTail());
            parts.add(part(4, where, "right(translate(c.phone, ' +-', ''), 4) = :phoneTail",
                    "c.name, c.customer_no"));
        }
        return jdbc.sql("""
                        select c.customer_no, c.name, c.type, c.tier, c.phone, u.username, u.display_name
                        from (select id, min(rank) as rank from (%s) hit group by id) h
                        join customer c on c.id = h.id
                        left join staff_user u on u.id = c.owner_id
                        order by c.customer_no = :exact desc, h.rank,
                                 case when h.rank = 1 then c.customer_no collate "C" end, c.name, c.customer_no
                        limit :limit""".formatted(String.join("\nunion all\n", parts)))
                .params(params)
                .query((rs, i) -> new Suggestion(rs.getString("customer_no"), rs.getString("name"),
                        CustomerType.valueOf(rs.getString("type")),
                        personal ? Tier.valueOf(rs.getString("tier")) : null,
                        personal && rs.getString("phone") != null ? Masking.phone(rs.getString("phone")) : null,
                        personal ? rs.getString("username") : null, personal ? rs.getString("display_name") : null))
                .list();
    }

    private static String part(int rank, String where, String match, String order) {
        return """
                (select c.id, %d as rank from customer c join branch b on b.id = c.branch_id
                 where %s and %s order by %s limit :limit)""".formatted(rank, where, match, order);
    }
}
