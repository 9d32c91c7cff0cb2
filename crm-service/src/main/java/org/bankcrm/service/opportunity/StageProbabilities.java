package org.bankcrm.service.opportunity;

import java.util.EnumMap;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.settings.StageSetting;
import org.bankcrm.domain.settings.StageSettingRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The admin's current win probability per stage. Read per request: seven rows, never stale on any node. */
@Component
@RequiredArgsConstructor
public class StageProbabilities {

    private final StageSettingRepository settings;

    @Transactional(readOnly = true)
    public Map<Stage, Integer> current() {
        Map<Stage, Integer> map = new EnumMap<>(Stage.class);
        for (StageSetting s : settings.findAllByOrderBySortOrder()) {
            map.put(s.getStage(), s.getProbability());
        }
        return map;
    }
}
