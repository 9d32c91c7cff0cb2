package org.bankcrm.domain.visit;

import java.time.LocalDate;
import java.util.List;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

public interface VisitPlanRepository extends JpaRepository<VisitPlan, Long> {

    @EntityGraph(attributePaths = {"customer", "opportunity"})
    List<VisitPlan> findByRmIdAndPlannedOnBetweenOrderByPlannedOnAscIdAsc(Long rmId, LocalDate from, LocalDate to);
}
