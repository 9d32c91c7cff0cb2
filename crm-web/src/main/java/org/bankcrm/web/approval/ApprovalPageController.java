package org.bankcrm.web.approval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.approval.ApprovalStatus;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.Decimals;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.approval.ApprovalRule;
import org.bankcrm.service.approval.ApprovalRules;
import org.bankcrm.service.approval.ApprovalService;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.BasedOn;
import org.bankcrm.web.shared.Flashes;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approval inbox ({@code /approvals}): each request with the masked customer, the score breakdown, the
 * follow-ups and the history, decided with a comment; the request from an opportunity's page or the board; the
 * admin's rules ({@code /admin/approval-rules}).
 */
@Controller
@RequiredArgsConstructor
class ApprovalPageController {

    private final ApprovalService approvals;
    private final ApprovalRules rules;

    @GetMapping("/approvals")
    String inbox(CurrentUser user, @RequestParam(required = false) String status, Model model) {
        String shown = status == null ? ApprovalStatus.PENDING.name() : status;
        model.addAttribute("items", approvals.inbox(user, shown));
        model.addAttribute("status", shown);
        model.addAttribute("statuses", ApprovalStatus.values());
        model.addAttribute("decides", AccessPolicy.mayDecideApprovals(user));
        return "approvals/inbox";
    }

    @PostMapping("/approvals/{id}/decision")
    String decide(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String decision,
                  @RequestParam(required = false) String comment, @RequestParam(required = false) Integer version,
                  RedirectAttributes redirect) {
        try {
            var decided = approvals.decide(user, id, new ApprovalService.Decision(decision, comment, version));
            redirect.addFlashAttribute("flash", "approval.decided." + decided.status());
        } catch (InvalidInputException | ConflictException e) {
            Flashes.error(redirect, e);
            redirect.addFlashAttribute("failedId", id);
        } catch (OptimisticLockingFailureException e) {
            redirect.addFlashAttribute("flashError", "approval.alreadyDecided");
        }
        return "redirect:/approvals";
    }

    /** Asks for approval from the opportunity's page, or from a card of the board ({@code from=board}). */
    @PostMapping("/opportunities/{id}/approvals")
    String request(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String comment,
                   @RequestParam(required = false) String from, RedirectAttributes redirect) {
        try {
            approvals.request(user, id, comment);
            redirect.addFlashAttribute("flash", "approval.requested");
        } catch (InvalidInputException | ConflictException e) {
            Flashes.error(redirect, e);
        }
        return "board".equals(from) ? "redirect:/opportunities/board" : "redirect:/opportunities/" + id + "#approval";
    }

    @GetMapping("/admin/approval-rules")
    String rules(CurrentUser user, Model model) {
        List<ApprovalRule> now = rules.list(user);
        if (!model.containsAttribute("values")) {
            Map<String, String> values = new LinkedHashMap<>();
            for (ApprovalRule r : now) {
                values.put(r.productCategory().name(), r.minAmount().toPlainString());
            }
            model.addAttribute("values", values);
            model.addAttribute("rulesVersion", ApprovalRules.version(now));
        }
        model.addAttribute("categories", ProductCategory.values());
        return "admin/approval-rules";
    }

    /** Saves the rules: one minimum per category, blank for none; every problem at once, nothing saved then. */
    @PostMapping("/admin/approval-rules")
    String saveRules(CurrentUser user, @RequestParam Map<String, String> form, Model model,
                     RedirectAttributes redirect) {
        List<ApprovalRules.RuleInput> input = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (ProductCategory c : ProductCategory.values()) {
            String raw = form.getOrDefault("min_" + c.name(), "").strip();
            values.put(c.name(), raw);
            if (raw.isEmpty()) {
                continue;
            }
            try {
                input.add(new ApprovalRules.RuleInput(c.name(), Decimals.parse(raw)));
            } catch (NumberFormatException e) {
                errors.put(c.name(), "approval.rule.amountInvalid");
            }
        }
        String basedOn = form.get("rulesVersion");
        if (errors.isEmpty()) {
            try {
                rules.replace(user, input, BasedOn.field(basedOn));
                redirect.addFlashAttribute("flash", "approval.rules.saved");
                return "redirect:/admin/approval-rules";
            } catch (InvalidInputException e) {
                e.errors().forEach(f -> {
                    int i = Integer.parseInt(f.field().replaceAll("^rules\\[(\\d+)].*$", "$1"));
                    errors.put(input.get(i).productCategory(), f.messageKey());
                });
            } catch (ConflictException e) {
                // another admin saved since this form was shown: their rules, and the word that this save waits
                Flashes.error(redirect, e);
                return "redirect:/admin/approval-rules";
            }
        }
        model.addAttribute("rulesVersion", basedOn);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("categories", ProductCategory.values());
        return "admin/approval-rules";
    }
}
