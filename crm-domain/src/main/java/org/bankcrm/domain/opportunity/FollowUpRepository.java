package org.bankcrm.domain.opportunity;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface FollowUpRepository extends JpaRepository<FollowUp, Long> {

    /** Newest first. */
    @Query("""
            select f from FollowUp f left join fetch f.createdBy
            where f.opportunity.id = :opportunityId order by f.occurredAt desc, f.id desc""")
    List<FollowUp> findByOpportunityIdOrderByOccurredAtDescIdDesc(@Param("opportunityId") Long opportunityId);

    /** The customer's own follow-ups (on no opportunity), newest first. */
    @Query("""
            select f from FollowUp f left join fetch f.createdBy
            where f.customer.id = :customerId and f.opportunity is null order by f.occurredAt desc, f.id desc""")
    List<FollowUp> findByCustomerIdAndOpportunityIsNullOrderByOccurredAtDescIdDesc(
            @Param("customerId") Long customerId);

    @Query("""
            select f from FollowUp f left join fetch f.createdBy left join fetch f.opportunity
            where f.customer.id = :customerId order by f.occurredAt desc, f.id desc limit 20""")
    List<FollowUp> findTop20ByCustomerIdOrderByOccurredAtDescIdDesc(@Param("customerId") Long customerId);
}
