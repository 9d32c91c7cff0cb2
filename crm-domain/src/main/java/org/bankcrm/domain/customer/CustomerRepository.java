package org.bankcrm.domain.customer;

import java.util.List;
import java.util.Optional;
import org.bankcrm.domain.shared.FetchJoins;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Customers. Reads that users trigger go through {@link Specification}s that carry the caller's scope
 * (see {@code CustomerSpecs} in the service layer), so a record outside it is never loaded.
 */
public interface CustomerRepository extends JpaRepository<Customer, Long>, JpaSpecificationExecutor<Customer> {

    /** A page of the customers {@code spec} selects, with their branch and owner (fetch joins, D61). */
    default Page<Customer> findShown(Specification<Customer> spec, Pageable pageable) {
        return findAll(spec.and(FetchJoins.of("branch", "owner")), pageable);
    }

    /** The one customer {@code spec} selects, with its branch and owner (fetch joins, D61). */
    default Optional<Customer> findOneShown(Specification<Customer> spec) {
        return findOne(spec.and(FetchJoins.of("branch", "owner")));
    }

    Optional<Customer> findByCustomerNo(String customerNo);

    boolean existsByCustomerNo(String customerNo);

    List<Customer> findByEmployerNoOrderByCustomerNo(String employerNo);

    /** The customers a user owns, largest AUM first (a book handed over). */
    @Query("""
            select c from Customer c left join fetch c.branch left join fetch c.owner
            where c.owner.id = :ownerId order by c.aum desc, c.customerNo""")
    List<Customer> findByOwnerIdOrderByAumDescCustomerNoAsc(@Param("ownerId") Long ownerId);

    boolean existsByOwnerId(Long ownerId);
}
