package org.bankcrm.web.handover;

import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.handover.HandoverService;
import org.bankcrm.service.handover.HandoverService.Handover;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Texts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The handover page: pick the leaving RM, see their book, tick the RMs who take over, preview the split
 * ({@code preview=true}), confirm (POST).
 */
@Controller
@RequestMapping("/handover")
@RequiredArgsConstructor
class HandoverPageController {

    private final HandoverService handovers;

    @GetMapping
    String page(CurrentUser user, @RequestParam(required = false) String from,
                @RequestParam(required = false) List<String> toRms,
                @RequestParam(required = false) boolean preview, Model model) {
        String leaving = Texts.clean(from);
        List<String> chosen = toRms == null ? List.of() : toRms;
        model.addAttribute("leavers", handovers.leavers(user));
        model.addAttribute("from", leaving);
        model.addAttribute("toRms", chosen);
        if (leaving != null) {
            model.addAttribute("book", handovers.book(user, leaving));
            model.addAttribute("targets", handovers.targets(user).stream()
                    .filter(t -> !t.username().equals(leaving)).toList());
            if (preview) {
                try {
                    model.addAttribute("plan", handovers.preview(user, new Handover(leaving, chosen)));
                } catch (InvalidInputException e) {
                    model.addAttribute("errors", e.errors());
                }
            }
        }
        return "handover";
    }

    @PostMapping
    String handOver(CurrentUser user, @RequestParam(required = false) String fromRm,
                    @RequestParam(required = false) List<String> toRms, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("done", handovers.handOver(user, new Handover(fromRm, toRms)));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("handoverErrors", e.errors());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("handoverErrors", List.of(new FieldError(null, e.messageKey(), e.args())));
        }
        String leaving = Texts.clean(fromRm);
        return "redirect:" + UriComponentsBuilder.fromPath("/handover")
                .queryParamIfPresent("from", java.util.Optional.ofNullable(leaving)).encode().build().toUriString();
    }
}
