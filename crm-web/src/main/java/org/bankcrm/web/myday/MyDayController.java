package org.bankcrm.web.myday;

import lombok.RequiredArgsConstructor;
import org.bankcrm.service.alert.AlertService;
import org.bankcrm.service.campaign.CampaignService;
import org.bankcrm.service.campaign.CampaignViews;
import org.bankcrm.service.coverage.CoverageService;
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
    private final CoverageService coverage;
    private final CampaignService campaigns;
    private final AlertService alerts;
    private final org.bankcrm.service.complaint.ComplaintService complaints;

    @GetMapping("/login")
    String login() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        return "login";
    }

    /** Referrers land on their referrals, risk officers on their approval inbox; everyone else on "My day". */
    @GetMapping("/")
    String home(CurrentUser user, Model model) {
        if (AccessPolicy.onlyApproves(user)) {
            // A risk officer has one page: the approval inbox (D45).
            return "redirect:/approvals";
        }
        if (!AccessPolicy.mayWorkOnRecords(user)) {
            model.addAttribute("referrals", referrals.visible(user, null, 0, 20));
            return "myday-referrer";
        }
        model.addAttribute("summary", pipeline.summary(user));
        model.addAttribute("day", myDay.of(user));
        // Open complaints (D46): an RM's customers', a head's subtree's (unowned included), the earliest due first.
        model.addAttribute("complaintCounts", complaints.mine(user));
        model.addAttribute("openComplaints", complaints.openOf(user, 10));
        if (!AccessPolicy.supervises(user)) {
            // The RM's book: customers due for contact within a week (top 10) and today's coverage.
            CoverageService.Book book = coverage.book(coverage.select(user, null, null, null), 7, 10);
            model.addAttribute("dueContacts", book.due());
            model.addAttribute("myCoverage", book.total());
            // "需要关注": the open alerts on the RM's records, each with its days in words (D38).
            model.addAttribute("attention", alerts.attention(user, 20));
            // The RM's campaign lists running now, with what is left to contact.
            model.addAttribute("myCampaigns", campaigns.list(user).stream()
                    .filter(c -> c.status() == CampaignViews.Status.ACTIVE).toList());
        }
        return "myday";
    }
}
