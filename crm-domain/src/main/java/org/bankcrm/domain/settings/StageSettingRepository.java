package org.bankcrm.domain.settings;

import java.util.List;
import org.bankcrm.domain.opportunity.Stage;
import org.springframework.data.jpa.repository.JpaRepository;

public interface StageSettingRepository extends JpaRepository<StageSetting, Stage> {

    List<StageSetting> findAllByOrderBySortOrder();
}
