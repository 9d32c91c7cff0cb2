package org.bankcrm.web.scoring;

import lombok.RequiredArgsConstructor;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.scoring.ScoringModelService;
import org.bankcrm.service.scoring.ScoringModelService.ModelView;
import org.bankcrm.service.scoring.ScoringModelService.Preview;
import org.bankcrm.service.scoring.ScoringModelService.Progress;
import org.bankcrm.service.scoring.ScoringModelService.Proposal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The scoring model in the JSON API (ADMIN): read, preview against closed opportunities, activate. */
@RestController
@RequestMapping("/api/v1/scoring")
@RequiredArgsConstructor
class ScoringApiController {

    private final ScoringModelService models;

    @GetMapping("/model")
    ModelView model(CurrentUser user) {
        return models.current(user);
    }

    @PostMapping("/model/preview")
    Preview preview(CurrentUser user, @RequestBody Proposal body) {
        return models.preview(user, body);
    }

    @PutMapping("/model")
    ModelView activate(CurrentUser user, @RequestBody Proposal body) {
        return models.activate(user, body);
    }

    /** How far the re-scoring after the last activation has got. */
    @GetMapping("/model/progress")
    Progress progress(CurrentUser user) {
        return models.progress(user);
    }
}
