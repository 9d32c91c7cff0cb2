package org.bankcrm.web.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.Data;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.scoring.Factor;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.scoring.ScoringModelService;
import org.bankcrm.service.scoring.ScoringModelService.ModelView;
import org.bankcrm.service.scoring.ScoringModelService.Proposal;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.web.shared.Flashes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The scoring model's admin page: edit weights and band thresholds, preview them against the opportunities
 * closed so far next to the active model, activate, and watch the re-scoring.
 */
@Controller
@RequestMapping("/admin/scoring")
@RequiredArgsConstructor
class ScoringPageController {

    /**
     * Eight weights and three thresholds, kept as the admin typed them: the page shows them again as typed, and a
     * value that is not a whole number is refused naming its factor or band instead of being cut or dropped.
     */
    @Data
    static class ModelForm {
        private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("-?\\d{1,9}");

        private Map<String, String> weights = new LinkedHashMap<>();
        private String bandA;
        private String bandB;
        private String bandC;
        /** The active version the page showed (a hidden field). */
        private Integer baseVersion;

        static ModelForm of(ModelView m) {
            ModelForm f = new ModelForm();
            f.baseVersion = m.version();
            m.weights().forEach((factor, w) -> f.weights.put(factor, String.valueOf(w)));
            f.bandA = String.valueOf(m.bandThresholds().get("A"));
            f.bandB = String.valueOf(m.bandThresholds().get("B"));
            f.bandC = String.valueOf(m.bandThresholds().get("C"));
            return f;
        }

        /** The proposal, or every value that is not a whole number as a field error ({@code weights.REVENUE}). */
        Proposal toProposal() {
            List<InvalidInputException.FieldError> errors = new ArrayList<>();
            Map<String, Integer> parsed = new LinkedHashMap<>();
            weights.forEach((factor, text) -> parsed.put(factor, whole(text, "weights." + factor,
                    "scoring.weights.range", factor, errors)));
            Map<String, Integer> bands = new LinkedHashMap<>();
            if (Texts.clean(bandA) != null || Texts.clean(bandB) != null || Texts.clean(bandC) != null) {
                bands.put("A", whole(bandA, "bandThresholds.A", "scoring.bands.whole", "A", errors));
                bands.put("B", whole(bandB, "bandThresholds.B", "scoring.bands.whole", "B", errors));
                bands.put("C", whole(bandC, "bandThresholds.C", "scoring.bands.whole", "C", errors));
            }
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            return new Proposal(parsed, bands, baseVersion);
        }

        private static Integer whole(String text, String field, String key, String name,
                                     List<InvalidInputException.FieldError> errors) {
            if (Texts.clean(text) == null) {
                return null;
            }
            String t = text.strip();
            if (!WHOLE.matcher(t).matches()) {
                errors.add(new InvalidInputException.FieldError(field, key, name));
                return null;
            }
            return Integer.valueOf(t);
        }
    }

    private final ScoringModelService models;

    @GetMapping
    String page(CurrentUser user, Model model) {
        return page(user, ModelForm.of(models.current(user)), model);
    }

    @PostMapping("/preview")
    String preview(CurrentUser user, @ModelAttribute("form") ModelForm form, Model model) {
        try {
            model.addAttribute("preview", models.preview(user, form.toProposal()));
        } catch (InvalidInputException e) {
            problems(model, e);
        }
        return page(user, form, model);
    }

    /**
     * Activates; a proposal that ranks worse than chance or than the active model needs the ticked
     * {@code confirmWeaker} box, else the page comes back with the preview, the warning and the box (D39).
     */
    @PostMapping
    String activate(CurrentUser user, @ModelAttribute("form") ModelForm form,
                    @RequestParam(defaultValue = "false") boolean confirmWeaker, Model model,
                    RedirectAttributes redirect) {
        try {
            ModelView activated = models.activate(user, form.toProposal(), confirmWeaker);
            redirect.addFlashAttribute("flash", "scoring.activated");
            redirect.addFlashAttribute("activatedVersion", activated.version());
            return "redirect:/admin/scoring";
        } catch (InvalidInputException e) {
            problems(model, e);
            if (e.errors().stream().anyMatch(x -> "confirmWeaker".equals(x.field()))) {
                model.addAttribute("preview", models.preview(user, form.toProposal()));
            }
            return page(user, form, model);
        } catch (ConflictException e) {
            // another admin activated a version since: the page shows it, with the word
            Flashes.error(redirect, e);
            return "redirect:/admin/scoring";
        }
    }

    /** The re-scoring progress, polled by the page (an htmx fragment). */
    @GetMapping("/progress")
    String progress(CurrentUser user, Model model) {
        model.addAttribute("progress", models.progress(user));
        return "admin/scoring :: progress";
    }

    /** The messages, and the fields they name (their inputs are marked). */
    private static void problems(Model model, InvalidInputException e) {
        model.addAttribute("problems", e.errors());
        model.addAttribute("problemFields", e.errors().stream().map(InvalidInputException.FieldError::field)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
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
