package org.bankcrm.web.customer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.customer.CustomerAssignment;
import org.bankcrm.service.customer.CustomerAssignment.Assign;
import org.bankcrm.service.customer.CustomerAssignment.UnownedCustomer;
import org.bankcrm.service.org.BranchService;
import org.bankcrm.service.org.BranchService.BranchView;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.UserService;
import org.bankcrm.service.org.UserService.UserView;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.web.shared.Choice;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** The page of unowned high-tier customers (建档无人维护): filter, assign one, or tick several and assign them. */
@Controller
@RequestMapping("/customers/unowned")
@RequiredArgsConstructor
class UnownedPageController {

    private final CustomerAssignment assignment;
    private final UserService users;
    private final BranchService branches;
    private final MessageSource messages;

    @GetMapping
    String list(CurrentUser user, @RequestParam(required = false) Tier tier,
                @RequestParam(required = false) String branch, @RequestParam(required = false) Integer page,
                Model model, Locale locale) {
        Paged<UnownedCustomer> found = assignment.unowned(user, tier, branch, page, 20);
        // The RMs each row may go to: the active RMs of its branch subtree, looked up once per branch.
        Map<String, List<UserView>> rmsByBranch = new LinkedHashMap<>();
        found.items().forEach(c -> rmsByBranch.computeIfAbsent(c.branchCode(),
                b -> users.ownerChoicesUnder(user, b)));
        model.addAttribute("page", found);
        model.addAttribute("rmsByBranch", rmsByBranch);
        model.addAttribute("rms", users.ownerChoices(user));
        model.addAttribute("tiers", Choice.named(assignment.highTiers().stream().sorted().toList(), "tier.", messages,
                locale));
        model.addAttribute("branches", Choice.of(branches.visible(user), BranchView::code,
                b -> b.name() + " (" + b.code() + ")"));
        model.addAttribute("tier", tier);
        model.addAttribute("branch", branch);
        return "customers/unowned";
    }

    /** One customer (its row's form) or the ticked ones (the bulk form) to one RM. */
    @PostMapping("/assign")
    String assign(CurrentUser user, @RequestParam(required = false) List<String> customerNos,
                  @RequestParam(required = false) String ownerRm, @RequestParam(required = false) Tier tier,
                  @RequestParam(required = false) String branch, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("assigned", assignment.assign(user, new Assign(customerNos, ownerRm)));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("assignErrors", e.errors());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("assignErrors", List.of(new FieldError(null, e.messageKey(), e.args())));
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/customers/unowned")
                .queryParamIfPresent("tier", java.util.Optional.ofNullable(tier))
                .queryParamIfPresent("branch", java.util.Optional.ofNullable(branch).filter(b -> !b.isBlank()))
                // encoded after building: braces in a typed value are text, never a URI template the redirect expands
                .build().encode().toUriString();
    }
}
