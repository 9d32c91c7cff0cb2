package org.bankcrm.web.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.coverage.ServiceStandard;
import org.bankcrm.service.coverage.ServiceStandardService;
import org.bankcrm.service.coverage.ServiceStandardService.StandardChange;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.web.shared.Flashes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin's service standards page: the nine tiers grouped by customer type, each row its own form saved alone.
 * A refused row comes back with what was typed and its messages; the other rows show what is stored.
 */
@Controller
@RequestMapping("/admin/service-standards")
@RequiredArgsConstructor
class ServiceStandardPageController {

    /** A row of the page: what is stored, or for the refused row what was sent, and the row's messages. */
    record Row(ServiceStandard stored, String contactDays, boolean noStandard, Set<FollowUpType> types,
               Map<String, List<FieldError>> errors) {

        static Row of(ServiceStandard s) {
            return new Row(s, s.contactDays() == null ? "" : String.valueOf(s.contactDays()), !s.hasStandard(),
                    Set.copyOf(s.contactTypes()), Map.of());
        }

        public boolean has(String field) {
            return errors.containsKey(field);
        }
    }

    private final ServiceStandardService standards;

    @GetMapping
    String page(CurrentUser user, Model model) {
        return render(user, model, null);
    }

    @PostMapping("/{tier}")
    String save(CurrentUser user, @PathVariable String tier, @RequestParam(required = false) String contactDays,
                @RequestParam(required = false) String noStandard,
                @RequestParam(required = false) List<String> contactTypes,
                @RequestParam(required = false) Integer version, Model model, RedirectAttributes redirect) {
        boolean none = noStandard != null;
        List<String> types = contactTypes == null ? List.of() : contactTypes;
        String daysText = contactDays == null ? "" : contactDays.strip();
        try {
            Integer days = none ? null : parseDays(daysText);
            standards.update(user, tier, new StandardChange(days, types, version));
            redirect.addFlashAttribute("flash", "serviceStandard.saved");
            return "redirect:/admin/service-standards";
        } catch (InvalidInputException e) {
            ServiceStandard stored = standards.get(tier);
            Set<FollowUpType> kept = types.stream().filter(t -> isType(t)).map(FollowUpType::valueOf)
                    .collect(Collectors.toSet());
            Row refused = new Row(stored, daysText, none, kept,
                    e.errors().stream().collect(Collectors.groupingBy(FieldError::field)));
            return render(user, model, refused);
        } catch (ConflictException e) {
            Flashes.error(redirect, e);
            return "redirect:/admin/service-standards";
        }
    }

    private String render(CurrentUser user, Model model, Row refused) {
        AccessPolicy.requireAdmin(user);
        List<Row> rows = new ArrayList<>();
        for (ServiceStandard s : standards.list()) {
            rows.add(refused != null && refused.stored().tier() == s.tier() ? refused : Row.of(s));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("customerTypes", CustomerType.values());
        model.addAttribute("followUpTypes", FollowUpType.values());
        model.addAttribute("maxDays", ServiceStandardService.MAX_CONTACT_DAYS);
        return "admin/service-standards";
    }

    /** A whole number of days; blank is "no number" (refused by the service unless "no standard" is ticked). */
    private static Integer parseDays(String text) {
        if (text.isEmpty()) {
            throw new InvalidInputException("contactDays", "serviceStandard.contactDays.required");
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("contactDays", "validation.wholeNumber");
        }
    }

    private static boolean isType(String code) {
        for (FollowUpType t : FollowUpType.values()) {
            if (t.name().equals(code)) {
                return true;
            }
        }
        return false;
    }
}
