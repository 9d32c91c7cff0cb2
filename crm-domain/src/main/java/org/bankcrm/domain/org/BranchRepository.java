package org.bankcrm.domain.org;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface BranchRepository extends JpaRepository<Branch, Long> {

    Optional<Branch> findByCode(String code);

    boolean existsByCode(String code);

    /** The branches of a subtree, parents before children. */
    List<Branch> findByPathStartingWithOrderByPath(String pathPrefix);

    List<Branch> findAllByOrderByPath();
}
