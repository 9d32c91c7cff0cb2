package org.bankcrm.domain.opportunity;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import java.util.List;
import java.util.function.Function;
import org.bankcrm.domain.shared.CountAll;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.query.criteria.JpaCriteriaQuery;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.query.QueryUtils;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link OpportunityRows} as a criteria query that constructs the rows or the briefs. The customer (and, for a row,
 * the branch) are reached by paths (inner joins: the columns are not null), which Hibernate shares with the same paths
 * the specification walks (the scope's branch path, the search's customer name and number), so these tables are
 * joined once; the product code is the opportunity's own column; the owner, who may be missing, comes by a left join
 * (an owner filter, which walks the owner's username, adds an inner join of its own, as it did beside the fetch join
 * before). Read-only transactions of their own when the caller has none, as {@code SimpleJpaRepository}'s reads: rows
 * and count on one connection.
 */
@Transactional(readOnly = true)
class OpportunityRowsImpl implements OpportunityRows {

    @PersistenceContext
    private EntityManager em;

    @Override
    public Page<OpportunityRow> findRows(Specification<Opportunity> spec, Pageable pageable) {
        return page(OpportunityRow.class, OpportunityRowsImpl::rowColumns, spec, pageable);
    }

    @Override
    public Page<OpportunityBrief> findBriefs(Specification<Opportunity> spec, Pageable pageable) {
        return page(OpportunityBrief.class, OpportunityRowsImpl::briefColumns, spec, pageable);
    }

    @Override
    public List<OpportunityBrief> findFirstBriefs(Specification<Opportunity> spec, Sort sort, int limit) {
        return select(OpportunityBrief.class, OpportunityRowsImpl::briefColumns, spec, sort, 0, limit)
                .getResultList();
    }

    /** The columns of an {@link OpportunityRow}, in its constructor's order. */
    private static Selection<?>[] rowColumns(Root<Opportunity> o) {
        var customer = o.get("customer");
        var branch = o.get("branch");
        var owner = o.join("owner", JoinType.LEFT);
        return new Selection<?>[]{o.get("id"), customer.get("customerNo"), customer.get("name"),
            o.get("product").get("code"), o.get("title"), o.get("amount"), o.get("expectedRevenue"),
            o.get("stage"), o.get("status"), o.get("source"), o.get("sourceDetail"), o.get("campaignId"),
            o.get("evidence"), owner.get("username"), owner.get("displayName"), branch.get("code"),
            branch.get("name"), o.get("expectedCloseDate"), o.get("riskLevel"), o.get("competition"),
            o.get("needStrength"), o.get("score"), o.get("band"), o.get("scoreModelVersion"),
            o.get("scoreBreakdown"), o.get("wonAmount"), o.get("lostReason"), o.get("createdAt"),
            o.get("updatedAt"), o.get("closedAt"), o.get("version")};
    }

    /** The columns of an {@link OpportunityBrief}, in its constructor's order. */
    private static Selection<?>[] briefColumns(Root<Opportunity> o) {
        var owner = o.join("owner", JoinType.LEFT);
        return new Selection<?>[]{o.get("id"), o.get("title"), o.get("customer").get("name"),
            o.get("product").get("code"), o.get("stage"), o.get("amount"), o.get("expectedCloseDate"),
            owner.get("displayName"), o.get("score"), o.get("band"), o.get("version")};
    }

    /**
     * {@code columns} of what {@code spec} selects, constructed as {@code type}, in this order; from row
     * {@code offset}, at most {@code limit} rows (null: all). Offset and limit are written into the statement as
     * literals, not bound: PostgreSQL plans a statement whose limit is a parameter again on every execution (its
     * generic plan assumes a tenth of the rows and always loses), which cost the RM's list page 0.7 ms of planning a
     * request on the generated bank; with literals the prepared statement keeps its plan (D89).
     */
    private <T> TypedQuery<T> select(Class<T> type, Function<Root<Opportunity>, Selection<?>[]> columns,
                                     Specification<Opportunity> spec, Sort sort, int offset, Integer limit) {
        HibernateCriteriaBuilder cb = (HibernateCriteriaBuilder) em.getCriteriaBuilder();
        JpaCriteriaQuery<T> query = cb.createQuery(type);
        Root<Opportunity> o = query.from(Opportunity.class);
        query.select(cb.construct(type, columns.apply(o)));
        Predicate where = spec.toPredicate(o, query, cb);
        if (where != null) {
            query.where(where);
        }
        query.orderBy(QueryUtils.toOrders(sort, o, cb));
        if (offset > 0) {
            query.offset(cb.literal(offset));
        }
        if (limit != null) {
            query.fetch(cb.literal(limit));
        }
        return em.createQuery(query);
    }

    private <T> Page<T> page(Class<T> type, Function<Root<Opportunity>, Selection<?>[]> columns,
                             Specification<Opportunity> spec, Pageable pageable) {
        boolean paged = pageable.isPaged();
        TypedQuery<T> query = select(type, columns, spec, pageable.getSort(),
                paged ? Math.toIntExact(pageable.getOffset()) : 0, paged ? pageable.getPageSize() : null);
        return PageableExecutionUtils.getPage(query.getResultList(), pageable, () -> count(spec));
    }

    private long count(Specification<Opportunity> spec) {
        return CountAll.of(em, Opportunity.class, spec).getSingleResult();
    }
}
