package org.bankcrm.web.scorecard;

import lombok.RequiredArgsConstructor;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.scorecard.LeagueService;
import org.bankcrm.service.scorecard.LeagueService.League;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The branch league table (D53): admins and heads of a branch with children. */
@RestController
@RequiredArgsConstructor
class LeagueApiController {

    private final LeagueService league;

    @GetMapping("/api/v1/league")
    League league(CurrentUser user, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, @RequestParam(required = false) String parent,
                  @RequestParam(required = false) String sort) {
        return league.of(user, from, to, parent, sort);
    }
}
