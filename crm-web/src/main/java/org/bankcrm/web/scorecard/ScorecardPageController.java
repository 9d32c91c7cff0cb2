package org.bankcrm.web.scorecard;

import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.UserService;
import org.bankcrm.service.scorecard.ScorecardService;
import org.bankcrm.web.shared.Problems;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The scorecard page of one RM (D49) with the same figures as the API; {@code /scorecards} is an RM's own, or the
 * list of the RMs a head or an admin may read. A period that cannot be read shows its message and this month's.
 */
@Controller
@RequiredArgsConstructor
class ScorecardPageController {

    private final ScorecardService scorecards;
    private final UserService users;
    private final Problems problems;
    private final org.bankcrm.service.scorecard.LeagueService league;

    @GetMapping("/scorecards")
    String index(CurrentUser user, Model model) {
        AccessPolicy.requireMayWorkOnRecords(user);
        if (!AccessPolicy.supervises(user)) {
            return "redirect:/scorecards/" + user.username();
        }
        model.addAttribute("rms", users.ownerChoicesUnder(user, null));
        model.addAttribute("offersLeague", league.offered(user));
        return "scorecards/index";
    }

    @GetMapping("/scorecards/{username}")
    String scorecard(CurrentUser user, @PathVariable String username, @RequestParam(required = false) String from,
                     @RequestParam(required = false) String to, Model model) {
        try {
            model.addAttribute("card", scorecards.of(user, username, from, to));
        } catch (InvalidInputException e) {
            model.addAttribute("periodError", problems.text(e.messageKey(), e.errors().getFirst().args(),
                    e.messageKey()));
            model.addAttribute("card", scorecards.of(user, username, null, null));
        }
        model.addAttribute("supervises", AccessPolicy.supervises(user));
        return "scorecards/scorecard";
    }
}
