package org.bankcrm.domain.opportunity;

import java.util.List;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface FollowUpRepository extends JpaRepository<FollowUp, Long> {

    /** Newest first. */
    @EntityGraph(attributePaths = "createdBy")
    List<FollowUp> findByOpportunityIdOrderByOccurredAtDescIdDesc(Long opportunityId);

    /** The customer's own follow-ups (on no opportunity), newest first. */
    @EntityGraph(attributePaths = "createdBy")
    List<FollowUp> findByCustomerIdAndOpportunityIsNullOrderByOccurredAtDescIdDesc(Long customerId);

    @EntityGraph(attributePaths = {"createdBy", "opportunity"})
    List<FollowUp> findTop20ByCustomerIdOrderByOccurredAtDescIdDesc(Long customerId);

    /**
     * Marks done, in one statement, the open next actions (a date, not yet done) of an opportunity's follow-ups:
     * all of them when {@code all}, else those written by {@code author}. Each row changed gets a new version.
     *
     * @return how many were marked
     */
    @Modifying
    @Query("""
            update FollowUp f set f.nextActionDone = true, f.version = f.version + 1
            where f.opportunity.id = :opportunity and f.nextActionDate is not null and f.nextActionDone = false
              and (:all = true or f.createdBy.id = :author)""")
    int completeNextActionsOfOpportunity(@Param("opportunity") long opportunityId, @Param("all") boolean all,
                                         @Param("author") long authorId);

    /** The same for a customer's own follow-ups (on no opportunity). */
    @Modifying
    @Query("""
            update FollowUp f set f.nextActionDone = true, f.version = f.version + 1
            where f.customer.id = :customer and f.opportunity is null and f.nextActionDate is not null
              and f.nextActionDone = false and (:all = true or f.createdBy.id = :author)""")
    int completeNextActionsOfCustomer(@Param("customer") long customerId, @Param("all") boolean all,
                                      @Param("author") long authorId);
}
