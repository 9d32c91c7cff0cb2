package org.bankcrm.domain.opportunity;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import java.util.List;
import java.util.function.Function;
import org.bankcrm.domain.shared.CountAll;
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
        return page(select(OpportunityRow.class, OpportunityRowsImpl::rowColumns, spec, pageable.getSort()), spec,
                pageable);
    }

    @Override
    public Page<OpportunityBrief> findBriefs(Specification<Opportunity> spec, Pageable pageable) {
        return page(select(OpportunityBrief.class, OpportunityRowsImpl::briefColumns, spec, pageable.getSort()), spec,
                pageable);
    }

    @Override
    public List<OpportunityBrief> findFirstBriefs(Specification<Opportunity> spec, Sort sort, int limit) {
        return select(OpportunityBrief.class, OpportunityRowsImpl::briefColumns, spec, sort).setMaxResults(limit)
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

    /** {@code columns} of what {@code spec} selects, constructed as {@code type}, in this order. */
    private <T> TypedQuery<T> select(Class<T> type, Function<Root<Opportunity>, Selection<?>[]> columns,
                                     Specification<Opportunity> spec, Sort sort) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<T> query = cb.createQuery(type);
        Root<Opportunity> o = query.from(Opportunity.class);
        query.select(cb.construct(type, columns.apply(o)));
        Predicate where = spec.toPredicate(o, query, cb);
        if (where != null) {
            query.where(where);
        }
        query.orderBy(QueryUtils.toOrders(sort, o, cb));
        return em.createQuery(query);
    }

    private <T> Page<T> page(TypedQuery<T> query, Specification<Opportunity> spec, Pageable pageable) {
        if (pageable.isPaged()) {
            query.setFirstResult(Math.toIntExact(pageable.getOffset())).setMaxResults(pageable.getPageSize());
        }
        return PageableExecutionUtils.getPage(query.getResultList(), pageable, () -> count(spec));
    }

    private long count(Specification<Opportunity> spec) {
        return CountAll.of(em, Opportunity.class, spec).getSingleResult();
    }
}
