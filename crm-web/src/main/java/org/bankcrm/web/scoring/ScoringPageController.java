package org.bankcrm.web.scoring;

import java.util.LinkedHashMap;
import java.util.Map;
import lombok.Data;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.scoring.Factor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.scoring.ScoringModelService;
import org.bankcrm.service.scoring.ScoringModelService.ModelView;
import org.bankcrm.service.scoring.ScoringModelService.Proposal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The scoring model's admin page: edit weights and band thresholds, preview them against the opportunities
 * closed so far next to the active model, activate, and watch the re-scoring.
 */
@Controller
@RequestMapping("/admin/scoring")
@RequiredArgsConstructor
class ScoringPageController {

    /** Eight weights and three thresholds, as the form posts them. */
    @Data
    static class ModelForm {
        private Map<String, Integer> weights = new LinkedHashMap<>();
        private Integer bandA;
        private Integer bandB;
        private Integer bandC;

        static ModelForm of(ModelView m) {
            ModelForm f = new ModelForm();
            f.weights.putAll(m.weights());
            f.bandA = m.bandThresholds().get("A");
            f.bandB = m.bandThresholds().get("B");
            f.bandC = m.bandThresholds().get("C");
            return f;
        }

        Proposal toProposal() {
            Map<String, Integer> bands = new LinkedHashMap<>();
            if (bandA != null || bandB != null || bandC != null) {
                bands.put("A", bandA);
                bands.put("B", bandB);
                bands.put("C", bandC);
            }
            return new Proposal(weights, bands);
        }
    }

    private final ScoringModelService models;

    @GetMapping
    String page(CurrentUser user, Model model) {
        return page(user, ModelForm.of(models.current(user)), model);
    }

    @PostMapping("/preview")
    String preview(CurrentUser user, @ModelAttribute("form") ModelForm form, BindingResult binding, Model model) {
        if (binding.hasErrors()) {
            model.addAttribute("problems", java.util.List.of(new InvalidInputException.FieldError(null,
                    "scoring.weights.whole")));
        } else {
            try {
                model.addAttribute("preview", models.preview(user, form.toProposal()));
            } catch (InvalidInputException e) {
                model.addAttribute("problems", e.errors());
            }
        }
        return page(user, form, model);
    }

    @PostMapping
    String activate(CurrentUser user, @ModelAttribute("form") ModelForm form, BindingResult binding, Model model,
                    RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            model.addAttribute("problems", java.util.List.of(new InvalidInputException.FieldError(null,
                    "scoring.weights.whole")));
            return page(user, form, model);
        }
        try {
            ModelView activated = models.activate(user, form.toProposal());
            redirect.addFlashAttribute("flash", "scoring.activated");
            redirect.addFlashAttribute("activatedVersion", activated.version());
            return "redirect:/admin/scoring";
        } catch (InvalidInputException e) {
            model.addAttribute("problems", e.errors());
            return page(user, form, model);
        }
    }

    /** The re-scoring progress, polled by the page (an htmx fragment). */
    @GetMapping("/progress")
    String progress(CurrentUser user, Model model) {
        model.addAttribute("progress", models.progress(user));
        return "admin/scoring :: progress";
    }

    private String page(CurrentUser user, ModelForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("current", models.current(user));
        model.addAttribute("history", models.history(user));
        model.addAttribute("progress", models.progress(user));
        model.addAttribute("factors", Factor.values());
        return "admin/scoring";
    }
}
