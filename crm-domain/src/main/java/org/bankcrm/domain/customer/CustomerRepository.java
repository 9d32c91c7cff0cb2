package org.bankcrm.domain.customer;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * Customers. Reads that users trigger go through {@link Specification}s that carry the caller's scope
 * (see {@code CustomerSpecs} in the service layer), so a record outside it is never loaded.
 */
public interface CustomerRepository extends JpaRepository<Customer, Long>, JpaSpecificationExecutor<Customer> {

    @Override
    @EntityGraph(attributePaths = {"branch", "owner"})
    Page<Customer> findAll(Specification<Customer> spec, Pageable pageable);

    @Override
    @EntityGraph(attributePaths = {"branch", "owner"})
    Optional<Customer> findOne(Specification<Customer> spec);

    Optional<Customer> findByCustomerNo(String customerNo);

    boolean existsByCustomerNo(String customerNo);

    List<Customer> findByEmployerNoOrderByCustomerNo(String employerNo);

    /** The customers a user owns, largest AUM first (a book handed over). */
    @EntityGraph(attributePaths = {"branch", "owner"})
    List<Customer> findByOwnerIdOrderByAumDescCustomerNoAsc(Long ownerId);

    boolean existsByOwnerId(Long ownerId);
}
