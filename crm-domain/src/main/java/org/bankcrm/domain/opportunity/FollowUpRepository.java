package org.bankcrm.domain.opportunity;

import java.util.List;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

public interface FollowUpRepository extends JpaRepository<FollowUp, Long> {

    /** Newest first. */
    @EntityGraph(attributePaths = "createdBy")
    List<FollowUp> findByOpportunityIdOrderByOccurredAtDescIdDesc(Long opportunityId);

    /** The customer's own follow-ups (on no opportunity), newest first. */
    @EntityGraph(attributePaths = "createdBy")
    List<FollowUp> findByCustomerIdAndOpportunityIsNullOrderByOccurredAtDescIdDesc(Long customerId);

    @EntityGraph(attributePaths = {"createdBy", "opportunity"})
    List<FollowUp> findTop20ByCustomerIdOrderByOccurredAtDescIdDesc(Long customerId);
}
