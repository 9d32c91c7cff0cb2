package org.bankcrm.domain.visit;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface VisitPlanRepository extends JpaRepository<VisitPlan, Long> {

    /**
     * One RM's visits in a period, with what the week shows of each: the customer with its owner and branch (who may
     * read the purpose in full) and the opportunity, in one statement.
     */
    @Query("""
            select v from VisitPlan v left join fetch v.customer c left join fetch c.owner left join fetch c.branch
            left join fetch v.opportunity
            where v.rm.id = :rmId and v.plannedOn between :from and :to
            order by v.plannedOn, v.id""")
    List<VisitPlan> findByRmIdAndPlannedOnBetweenOrderByPlannedOnAscIdAsc(@Param("rmId") Long rmId,
                                                                         @Param("from") LocalDate from,
                                                                         @Param("to") LocalDate to);

    /** The planned (not yet done or cancelled) visits of these customers, whoever plans them. */
    @Query("""
            select v from VisitPlan v left join fetch v.customer left join fetch v.rm
            where v.customer.id in :customerIds and v.status = org.bankcrm.domain.visit.VisitPlan.Status.PLANNED
            order by v.id""")
    List<VisitPlan> findPlannedOfCustomers(@Param("customerIds") Collection<Long> customerIds);

    /** The planned visits of one RM. */
    @Query("""
            select v from VisitPlan v left join fetch v.customer left join fetch v.rm
            where v.rm.id = :rmId and v.status = org.bankcrm.domain.visit.VisitPlan.Status.PLANNED
            order by v.id""")
    List<VisitPlan> findPlannedOf(@Param("rmId") long rmId);

    /** The planned visits one RM made for one opportunity. */
    @Query("""
            select v from VisitPlan v
            where v.opportunity.id = :opportunityId and v.rm.id = :rmId
              and v.status = org.bankcrm.domain.visit.VisitPlan.Status.PLANNED
            order by v.id""")
    List<VisitPlan> findPlannedFor(@Param("opportunityId") long opportunityId, @Param("rmId") long rmId);
}
