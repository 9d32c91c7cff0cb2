package org.bankcrm.domain.discovery;

import java.util.List;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DiscoveryRuleRepository extends JpaRepository<DiscoveryRule, String> {

    @EntityGraph(attributePaths = "params")
    List<DiscoveryRule> findAllByOrderBySortOrder();
}
