package org.bankcrm.domain.discovery;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface DiscoveryRuleRepository extends JpaRepository<DiscoveryRule, String> {

    @Query("select r from DiscoveryRule r left join fetch r.params order by r.sortOrder")
    List<DiscoveryRule> findAllByOrderBySortOrder();
}
