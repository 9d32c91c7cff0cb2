package org.bankcrm.domain.customer;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface HoldingRepository extends JpaRepository<Holding, Long> {

    List<Holding> findByCustomerIdOrderByOpenedOnDesc(Long customerId);
}
