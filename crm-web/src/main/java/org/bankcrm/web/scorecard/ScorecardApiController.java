package org.bankcrm.web.scorecard;

import lombok.RequiredArgsConstructor;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.scorecard.ScorecardService;
import org.bankcrm.service.scorecard.ScorecardService.Scorecard;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An RM's scorecard for a period (D49): an RM their own, heads their subtree's RMs, admins any. */
@RestController
@RequestMapping("/api/v1/scorecards")
@RequiredArgsConstructor
class ScorecardApiController {

    private final ScorecardService scorecards;

    @GetMapping("/{username}")
    Scorecard scorecard(CurrentUser user, @PathVariable String username,
                        @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return scorecards.of(user, username, from, to);
    }
}
