package org.bankcrm.web.settings;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.Decimals;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.settings.SettingsService;
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
 * The admin's settings page: stage probabilities, tier thresholds, lost reasons and product revenue rates.
 * Each section posts on its own; a refused change comes back as the page's error list and changes nothing. Each
 * form carries the versions it read: a stale one comes back as the page's conflict message (D11).
 */
@Controller
@RequestMapping("/admin/settings")
@RequiredArgsConstructor
class SettingsPageController {

    private final SettingsService settings;

    @GetMapping
    String page(CurrentUser user, Model model) {
        model.addAttribute("s", settings.all(user));
        model.addAttribute("customerTypes", CustomerType.values());
        return "admin/settings";
    }

    @PostMapping("/stages")
    String stages(CurrentUser user, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        Map<Stage, Integer> values = new EnumMap<>(Stage.class);
        Map<Stage, Integer> versions = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.OPEN_STAGES) {
            values.put(stage, parseInt(form.get("probability." + stage)));
            versions.put(stage, parseInt(form.get("version." + stage)));
        }
        return run(redirect, () -> settings.updateStageProbabilities(user, values, versions));
    }

    @PostMapping("/tiers/{type}")
    String tiers(CurrentUser user, @PathVariable CustomerType type, @RequestParam Map<String, String> form,
                 RedirectAttributes redirect) {
        Map<Tier, BigDecimal> bounds = new EnumMap<>(Tier.class);
        Map<Tier, Integer> versions = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            if (tier.type() == type) {
                bounds.put(tier, parseDecimal(form.get("threshold." + tier)));
                versions.put(tier, parseInt(form.get("version." + tier)));
            }
        }
        return run(redirect, () -> settings.updateTierThresholds(user, type, bounds, versions));
    }

    @PostMapping("/revenue-scale")
    String revenueScale(CurrentUser user, @RequestParam(required = false) String floor,
                        @RequestParam(required = false) String ceiling,
                        @RequestParam(required = false) Integer floorVersion,
                        @RequestParam(required = false) Integer ceilingVersion, RedirectAttributes redirect) {
        return run(redirect, () -> settings.updateRevenueScale(user, parseDecimal(floor), parseDecimal(ceiling),
                floorVersion, ceilingVersion));
    }

    @PostMapping("/lost-reasons")
    String addReason(CurrentUser user, @RequestParam(required = false) String code,
                     @RequestParam(required = false) String nameZh, @RequestParam(required = false) String nameEn,
                     RedirectAttributes redirect) {
        return run(redirect, () -> settings.addLostReason(user, code, nameZh, nameEn));
    }

    @PostMapping("/lost-reasons/{code}")
    String switchReason(CurrentUser user, @PathVariable String code, @RequestParam boolean enabled,
                        @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
        return run(redirect, () -> settings.switchLostReason(user, code, enabled, version));
    }

    @PostMapping("/products/{code}")
    String product(CurrentUser user, @PathVariable String code, @RequestParam(required = false) String revenueRate,
                   @RequestParam(defaultValue = "false") boolean enabled,
                   @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
        return run(redirect, () -> settings.updateProduct(user, code, parseDecimal(revenueRate), enabled, version));
    }

    private static String run(RedirectAttributes redirect, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("flash", "settings.saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problems", e.errors());
        } catch (ConflictException | OptimisticLockingFailureException e) {
            // Another admin saved first (D11): nothing changed; the page shows their values.
            redirect.addFlashAttribute("flashError", "error.stale");
        }
        return "redirect:/admin/settings";
    }

    private static Integer parseInt(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal parseDecimal(String s) {
        try {
            return s == null || s.isBlank() ? null : Decimals.parse(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
