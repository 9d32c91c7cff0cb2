package org.bankcrm.domain.settings;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface LostReasonRepository extends JpaRepository<LostReason, String> {

    List<LostReason> findByEnabledTrueOrderBySortOrder();
}
