package org.bankcrm.domain.opportunity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bankcrm.domain.shared.FetchJoins;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Opportunities. User-triggered reads go through {@link Specification}s carrying the caller's scope
 * ({@code OpportunitySpecs} in the service layer); lists read {@link OpportunityRows#findRows rows} (D70) or, for the
 * list page and the board, {@link OpportunityRows#findBriefs briefs} (D78), and
 * {@link #findOneShown} fetches the to-one associations a page shows in the same query (fetch joins, not entity
 * graphs: D61).
 */
public interface OpportunityRepository extends JpaRepository<Opportunity, Long>, JpaSpecificationExecutor<Opportunity>,
        OpportunityRows {

    /** The one opportunity {@code spec} selects, with what its page shows ({@link #shown}). */
    default Optional<Opportunity> findOneShown(Specification<Opportunity> spec) {
        return findOne(spec.and(shown()));
    }

    /** The to-one associations a page shows of an opportunity. */
    private static Specification<Opportunity> shown() {
        return FetchJoins.of("customer", "product", "owner", "branch");
    }

    @Query("""
            select o from Opportunity o
            left join fetch o.customer left join fetch o.product left join fetch o.owner left join fetch o.branch
            where o.requestKey = :requestKey""")
    Optional<Opportunity> findByRequestKey(@Param("requestKey") String requestKey);

    /** The open opportunities of these customers, whoever owns them (a customer changing hands). */
    @Query("""
            select o from Opportunity o
            left join fetch o.customer left join fetch o.owner left join fetch o.branch
            where o.customer.id in :customerIds and o.status = org.bankcrm.domain.opportunity.Status.OPEN
            order by o.id""")
    List<Opportunity> findOpenOfCustomers(@Param("customerIds") Collection<Long> customerIds);

    /** The open opportunities a user owns (their book). */
    @Query("""
            select o from Opportunity o
            left join fetch o.customer left join fetch o.owner left join fetch o.branch
            where o.owner.id = :ownerId and o.status = org.bankcrm.domain.opportunity.Status.OPEN
            order by o.id""")
    List<Opportunity> findOpenOwnedBy(@Param("ownerId") long ownerId);

    boolean existsByOwnerIdAndStatus(Long ownerId, Status status);
}
