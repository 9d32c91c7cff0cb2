package org.bankcrm.domain.referral;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface ReferralRepository extends JpaRepository<Referral, Long>, JpaSpecificationExecutor<Referral> {

    @Override
    @EntityGraph(attributePaths = {"customer", "product", "referrer", "suggestedRm", "opportunity"})
    Page<Referral> findAll(Specification<Referral> spec, Pageable pageable);

    @Override
    @EntityGraph(attributePaths = {"customer", "product", "referrer", "suggestedRm", "opportunity"})
    Optional<Referral> findOne(Specification<Referral> spec);

    /** The accepted referrals that opened these opportunities, with their referrers. */
    @EntityGraph(attributePaths = {"referrer"})
    List<Referral> findByOpportunityIdIn(Collection<Long> opportunityIds);
}
