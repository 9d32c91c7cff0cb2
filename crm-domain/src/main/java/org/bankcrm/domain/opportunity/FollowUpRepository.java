package org.bankcrm.domain.opportunity;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
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

    /**
     * Marks done, in one statement, the open next actions (a date, not yet done) of an opportunity's follow-ups:
     * all of them when {@code all}, else those written by {@code author}. Each row changed gets a new version.
     * In SQL: Hibernate turned the same statement in HQL into SQL again on every follow-up (D61).
     *
     * @return how many were marked
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            update follow_up set next_action_done = true, version = version + 1
            where opportunity_id = :opportunity and next_action_date is not null and not next_action_done
              and (:all or created_by = :author)""")
    int completeNextActionsOfOpportunity(@Param("opportunity") long opportunityId, @Param("all") boolean all,
                                         @Param("author") long authorId);

    /** The same for a customer's own follow-ups (on no opportunity). */
    @Modifying
    @Query(nativeQuery = true, value = """
            update follow_up set next_action_done = true, version = version + 1
            where customer_id = :customer and opportunity_id is null and next_action_date is not null
              and not next_action_done and (:all or created_by = :author)""")
    int completeNextActionsOfCustomer(@Param("customer") long customerId, @Param("all") boolean all,
                                      @Param("author") long authorId);
}
