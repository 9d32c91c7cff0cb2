package org.bankcrm.domain.customer;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MonthlyAumRepository extends JpaRepository<MonthlyAum, MonthlyAum.Key> {

    List<MonthlyAum> findByKeyCustomerIdOrderByKeyMonth(Long customerId);
}
