package org.bankcrm.web.alert;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.alert.ProfileService;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user's own profile: who they are, and the e-mail digest (address, on or off, language). */
@Controller
@RequestMapping("/profile")
@RequiredArgsConstructor
class ProfilePageController {

    private final ProfileService profiles;

    @GetMapping
    String page(CurrentUser user, Model model) {
        model.addAttribute("profile", profiles.of(user));
        model.addAttribute("errors", Map.of());
        return render(model);
    }

    @PostMapping
    String save(CurrentUser user, @RequestParam(required = false) String email,
                @RequestParam(required = false) String digest, @RequestParam(required = false) String language,
                Model model, RedirectAttributes redirect) {
        try {
            profiles.save(user, email, digest != null, language == null ? "zh-CN" : language);
            redirect.addFlashAttribute("flash", "profile.saved");
            return "redirect:/profile";
        } catch (InvalidInputException e) {
            model.addAttribute("profile", new ProfileService.Profile(email, digest != null, language));
            Map<String, List<FieldError>> errors = e.errors().stream()
                    .collect(Collectors.groupingBy(f -> f.field() == null ? "" : f.field()));
            model.addAttribute("errors", errors);
            return render(model);
        }
    }

    private String render(Model model) {
        model.addAttribute("languages", ProfileService.LANGUAGES);
        return "profile";
    }
}
