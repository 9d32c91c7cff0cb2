package org.bankcrm.web.scorecard;

import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.scorecard.LeagueService;
import org.bankcrm.web.shared.Problems;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The branch league table page (D53), the API's figures; a period or sort that cannot be read shows its message and
 * this month's table in the default order.
 */
@Controller
@RequiredArgsConstructor
class LeaguePageController {

    private final LeagueService league;
    private final Problems problems;

    @GetMapping("/league")
    String league(CurrentUser user, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, @RequestParam(required = false) String parent,
                  @RequestParam(required = false) String sort, Model model) {
        try {
            model.addAttribute("league", league.of(user, from, to, parent, sort));
        } catch (InvalidInputException e) {
            model.addAttribute("periodError", problems.text(e.messageKey(), e.errors().getFirst().args(),
                    e.messageKey()));
            model.addAttribute("league", league.of(user, null, null, parent, null));
        }
        model.addAttribute("columns", LeagueService.Sort.values());
        return "scorecards/league";
    }
}
