package org.bankcrm.domain.scoring;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ScoringModelRepository extends JpaRepository<ScoringModel, Integer> {

    Optional<ScoringModel> findByActiveTrue();

    List<ScoringModel> findAllByOrderByVersionDesc();
}
