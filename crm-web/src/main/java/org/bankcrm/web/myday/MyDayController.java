package org.bankcrm.web.myday;

import lombok.RequiredArgsConstructor;
import org.bankcrm.service.dashboard.PipelineSummaryQuery;
import org.bankcrm.service.myday.MyDayQuery;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.referral.ReferralQueries;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page and each user's landing page. */
@Controller
@RequiredArgsConstructor
class MyDayController {

    private final PipelineSummaryQuery pipeline;
    private final MyDayQuery myDay;
    private final ReferralQueries referrals;

    @GetMapping("/login")
    String login() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        return "login";
    }

    /** Referrers land on their referrals; everyone else on "My day" over their scope. */
    @GetMapping("/")
    String home(CurrentUser user, Model model) {
        if (!AccessPolicy.mayWorkOnRecords(user)) {
            model.addAttribute("referrals", referrals.visible(user, null, 0, 20));
            return "myday-referrer";
        }
        model.addAttribute("summary", pipeline.summary(user));
        model.addAttribute("day", myDay.of(user));
        return "myday";
    }
}
