package org.bankcrm.web.discovery;

import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.Decimals;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.IsoDates;
import org.bankcrm.service.discovery.DiscoveryService;
import org.bankcrm.service.discovery.DiscoveryService.RuleView;
import org.bankcrm.service.discovery.DiscoveryService.RunView;
import org.bankcrm.service.discovery.DiscoveryService.StartRun;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The discovery admin page: at the top what a run would create (a dry run, with the button that confirms it) and the
 * latest run's figures per rule above the run history, which refresh themselves (htmx) while a run is under way;
 * beside them the form that asks for the dry run and the cool-down after a closed opportunity; below, each rule
 * switched on or off with its thresholds.
 */
@Controller
@RequestMapping("/admin/discovery")
@RequiredArgsConstructor
class DiscoveryPageController {

    private final DiscoveryService discovery;

    @GetMapping
    String page(CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("d", discovery.rules(user));
        runs(user, page, model);
        return "admin/discovery";
    }

    /** The run history, polled by the page while a run is queued or running. */
    @GetMapping("/runs")
    String runsFragment(CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("d", discovery.rules(user));
        runs(user, page, model);
        return "admin/discovery :: runs";
    }

    @PostMapping("/rules/{code}")
    String rule(CurrentUser user, @PathVariable String code, @RequestParam Map<String, String> form,
                RedirectAttributes redirect) {
        RuleView rule = discovery.rules(user).rules().stream().filter(r -> r.code().equals(code)).findFirst()
                .orElse(null);
        Map<String, BigDecimal> values = new HashMap<>();
        if (rule != null) {
            rule.params().forEach(p -> values.put(p.name(), decimal(form.get("p." + p.name()))));
        }
        boolean enabled = "true".equals(form.get("enabled"));
        String seen = form.get("version");
        return done(redirect, () -> discovery.updateRule(user, code, enabled, values,
                seen == null || seen.isBlank() ? null : seen.strip()));
    }

    @PostMapping("/cooldown")
    String cooldown(CurrentUser user, @RequestParam(required = false) String days,
                    @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
        BigDecimal d = decimal(days);
        boolean whole = d != null && d.stripTrailingZeros().scale() <= 0
                && d.abs().compareTo(BigDecimal.valueOf(100_000)) <= 0;
        Integer value = whole ? d.intValue() : null;
        return done(redirect, () -> discovery.updateCooldown(user, value, version));
    }

    /**
     * The dry run the page's run form asks for: the page again with what the run would create per rule and a button
     * that confirms it (posting the same date and rules to {@link #run}). Nothing is written.
     */
    @PostMapping("/preview")
    String preview(CurrentUser user, @RequestParam(required = false) String asOf,
                   @RequestParam(required = false) List<String> rules, Model model,
                   RedirectAttributes redirect) {
        try {
            model.addAttribute("preview", discovery.preview(user, startRun(asOf, rules)));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problems", e.errors());
            return "redirect:/admin/discovery";
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problems", List.of(new FieldError("run", e.messageKey())));
            return "redirect:/admin/discovery";
        }
        return page(user, null, model);
    }

    /** Queues a run: the preview's confirmation (or a form posted directly). */
    @PostMapping("/runs")
    String run(CurrentUser user, @RequestParam(required = false) String asOf,
               @RequestParam(required = false) List<String> rules, RedirectAttributes redirect) {
        try {
            RunView run = discovery.start(user, startRun(asOf, rules));
            redirect.addFlashAttribute("flash", "discovery.run.queued");
            redirect.addFlashAttribute("queuedRun", run.id());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problems", e.errors());
        }
        return "redirect:/admin/discovery";
    }

    /** The form's run: its date (blank for today), or a field error on {@code asOf} when it is not a date. */
    private static StartRun startRun(String asOf, List<String> rules) {
        try {
            return new StartRun(asOf == null || asOf.isBlank() ? null : IsoDates.parse(asOf.strip()), rules);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("asOf", "discovery.asOf.invalid");
        }
    }

    private void runs(CurrentUser user, Integer page, Model model) {
        int p = page == null || page < 0 ? 0 : page;
        Paged<RunView> runs = discovery.runs(user, p, 20);
        model.addAttribute("runs", runs);
        model.addAttribute("latest", p == 0 && !runs.items().isEmpty() ? runs.items().getFirst() : null);
        model.addAttribute("polling", runs.items().stream().anyMatch(RunView::active));
    }

    private static String done(RedirectAttributes redirect, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("flash", "settings.saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problems", e.errors());
        } catch (ConflictException | OptimisticLockingFailureException e) {
            // another admin saved it since the page was shown: the page again, with their values and the word
            redirect.addFlashAttribute("flashError", "error.stale");
        }
        return "redirect:/admin/discovery";
    }

    private static BigDecimal decimal(String s) {
        try {
            return s == null || s.isBlank() ? null : Decimals.parse(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
