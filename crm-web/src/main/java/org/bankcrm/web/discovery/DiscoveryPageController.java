package org.bankcrm.web.discovery;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.discovery.DiscoveryService;
import org.bankcrm.service.discovery.DiscoveryService.RuleView;
import org.bankcrm.service.discovery.DiscoveryService.RunView;
import org.bankcrm.service.discovery.DiscoveryService.StartRun;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The discovery admin page: each rule switched on or off with its thresholds, the cool-down after a closed
 * opportunity, a form to run now, and the run history, which refreshes itself (htmx) while a run is under way.
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
        return done(redirect, () -> discovery.updateRule(user, code, enabled, values));
    }

    @PostMapping("/cooldown")
    String cooldown(CurrentUser user, @RequestParam(required = false) String days, RedirectAttributes redirect) {
        BigDecimal d = decimal(days);
        boolean whole = d != null && d.stripTrailingZeros().scale() <= 0
                && d.abs().compareTo(BigDecimal.valueOf(100_000)) <= 0;
        Integer value = whole ? d.intValue() : null;
        return done(redirect, () -> discovery.updateCooldown(user, value));
    }

    @PostMapping("/runs")
    String run(CurrentUser user, @RequestParam(required = false) String asOf,
               @RequestParam(required = false) List<String> rules, RedirectAttributes redirect) {
        LocalDate date;
        try {
            date = asOf == null || asOf.isBlank() ? null : LocalDate.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            redirect.addFlashAttribute("problems", List.of(new InvalidInputException.FieldError("asOf",
                    "discovery.asOf.invalid")));
            return "redirect:/admin/discovery";
        }
        try {
            RunView run = discovery.start(user, new StartRun(date, rules));
            redirect.addFlashAttribute("flash", "discovery.run.queued");
            redirect.addFlashAttribute("queuedRun", run.id());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problems", e.errors());
        }
        return "redirect:/admin/discovery";
    }

    private void runs(CurrentUser user, Integer page, Model model) {
        Paged<RunView> runs = discovery.runs(user, page == null || page < 0 ? 0 : page, 20);
        model.addAttribute("runs", runs);
        model.addAttribute("polling", runs.items().stream().anyMatch(RunView::active));
    }

    private static String done(RedirectAttributes redirect, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("flash", "settings.saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problems", e.errors());
        }
        return "redirect:/admin/discovery";
    }

    private static BigDecimal decimal(String s) {
        try {
            return s == null || s.isBlank() ? null : new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
