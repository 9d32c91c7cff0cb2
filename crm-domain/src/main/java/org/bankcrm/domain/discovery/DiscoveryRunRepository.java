package org.bankcrm.domain.discovery;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DiscoveryRunRepository extends JpaRepository<DiscoveryRun, Long> {
}
