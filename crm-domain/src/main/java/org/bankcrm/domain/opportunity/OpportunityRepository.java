package org.bankcrm.domain.opportunity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Opportunities. User-triggered reads go through {@link Specification}s carrying the caller's scope
 * ({@code OpportunitySpecs} in the service layer); the entity graphs fetch the to-one associations a
 * list or a detail shows, in the same query.
 */
public interface OpportunityRepository extends JpaRepository<Opportunity, Long>, JpaSpecificationExecutor<Opportunity> {

    @Override
    @EntityGraph(attributePaths = {"customer", "product", "owner", "branch"})
    Page<Opportunity> findAll(Specification<Opportunity> spec, Pageable pageable);

    @Override
    @EntityGraph(attributePaths = {"customer", "product", "owner", "branch"})
    Optional<Opportunity> findOne(Specification<Opportunity> spec);

    @EntityGraph(attributePaths = {"customer", "product", "owner", "branch"})
    Optional<Opportunity> findByRequestKey(String requestKey);

    /** The open opportunities of these customers, whoever owns them (a customer changing hands). */
    @EntityGraph(attributePaths = {"customer", "owner", "branch"})
    @Query("""
            select o from Opportunity o
            where o.customer.id in :customerIds and o.status = org.bankcrm.domain.opportunity.Status.OPEN
            order by o.id""")
    List<Opportunity> findOpenOfCustomers(@Param("customerIds") Collection<Long> customerIds);

    /** The open opportunities a user owns (their book). */
    @EntityGraph(attributePaths = {"customer", "owner", "branch"})
    @Query("""
            select o from Opportunity o
            where o.owner.id = :ownerId and o.status = org.bankcrm.domain.opportunity.Status.OPEN
            order by o.id""")
    List<Opportunity> findOpenOwnedBy(@Param("ownerId") long ownerId);

    boolean existsByOwnerIdAndStatus(Long ownerId, Status status);
}
