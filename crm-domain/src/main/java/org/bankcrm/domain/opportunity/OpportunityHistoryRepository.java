package org.bankcrm.domain.opportunity;

import java.util.List;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface OpportunityHistoryRepository extends JpaRepository<OpportunityHistory, Long> {

    /** Oldest first. */
    @EntityGraph(attributePaths = "by")
    List<OpportunityHistory> findByOpportunityIdOrderByAtAscIdAsc(Long opportunityId);

    /** The id of the opportunity's newest history line, 0 when it has none. */
    @Query("select coalesce(max(h.id), 0) from OpportunityHistory h where h.opportunity.id = :opportunityId")
    long lastIdOf(Long opportunityId);
}
