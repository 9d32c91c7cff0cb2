package org.bankcrm.domain.opportunity;

import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

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
}
