package org.bankcrm.domain.opportunity;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface OpportunityHistoryRepository extends JpaRepository<OpportunityHistory, Long> {

    /** Oldest first. */
    @Query("""
            select h from OpportunityHistory h left join fetch h.by
            where h.opportunity.id = :opportunityId order by h.at, h.id""")
    List<OpportunityHistory> findByOpportunityIdOrderByAtAscIdAsc(@Param("opportunityId") Long opportunityId);

    /** The id of the opportunity's newest history line, 0 when it has none. */
    @Query("select coalesce(max(h.id), 0) from OpportunityHistory h where h.opportunity.id = :opportunityId")
    long lastIdOf(Long opportunityId);
}
