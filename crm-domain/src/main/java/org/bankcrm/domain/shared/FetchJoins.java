package org.bankcrm.domain.shared;

import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.JoinType;
import org.springframework.data.jpa.domain.Specification;

/**
 * The to-one associations a page shows, fetched in the query that finds the records ({@code left join fetch}), as a
 * {@link Specification} to add to the caller's conditions. It restricts nothing; the count query of a paged read gets
 * no fetch (it selects no entity).
 *
 * <p>Fetch joins rather than entity graphs (D61): Hibernate does not cache the plan of a query that carries an entity
 * graph, so every such read turned its query into SQL again (a third of the CPU a follow-up cost); a fetch written in
 * the query is part of it and the plan is cached like any other ({@code hibernate.criteria.plan_cache_enabled}).
 */
public final class FetchJoins {

    private FetchJoins() {
    }

    /** Fetches these associations of the root, each by a left join (an optional one keeps its record). */
    public static <T> Specification<T> of(String... associations) {
        return (root, query, cb) -> {
            if (!isCount(query)) {
                for (String association : associations) {
                    root.fetch(association, JoinType.LEFT);
                }
            }
            return null;
        };
    }

    private static boolean isCount(CriteriaQuery<?> query) {
        Class<?> type = query.getResultType();
        return type == Long.class || type == long.class;
    }
}
