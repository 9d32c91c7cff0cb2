package org.bankcrm.web.referral;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.stream.Stream;
import lombok.Data;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.referral.Referral;
import org.bankcrm.domain.referral.ReferralChannel;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.UserService;
import org.bankcrm.service.product.ProductCatalog;
import org.bankcrm.service.referral.ReferralQueries;
import org.bankcrm.service.referral.ReferralService;
import org.bankcrm.service.referral.ReferralService.Acceptance;
import org.bankcrm.service.referral.ReferralService.NewReferral;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.web.shared.Flashes;
import org.bankcrm.web.shared.FormErrors;
import org.bankcrm.web.shared.People;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Referral pages: the referrer's quick form and list; the RM's and head's inbox to accept, reject or route. */
@Controller
@RequestMapping("/referrals")
@RequiredArgsConstructor
class ReferralPageController {

    /** The referrer's form. */
    @Data
    static class ReferralForm {
        private String customerNo;
        private ReferralChannel channel = ReferralChannel.LOBBY;
        private String productCode;
        private String need;
        private String suggestedRm;
    }

    /** Accepting: what the new opportunity needs. */
    @Data
    static class AcceptForm {
        private BigDecimal amount;
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate expectedCloseDate;
        private String productCode;
        private String ownerRm;
        private Integer version;
    }

    private final ReferralService referrals;
    private final ReferralQueries queries;
    private final ProductCatalog products;
    private final UserService users;
    private final Clock clock;
    private final People people;

    @GetMapping
    String list(CurrentUser user, @RequestParam(required = false) Referral.Status status,
                @RequestParam(required = false) Integer page, Model model, Locale locale) {
        var referrals = queries.visible(user, status, page, 20);
        // Who referred and whom it suggests, by name: one look-up for the page, not one a person as it renders.
        people.learn(referrals.items().stream().flatMap(r -> Stream.of(r.referrer(), r.suggestedRm())).toList());
        model.addAttribute("page", referrals);
        model.addAttribute("status", status);
        model.addAttribute("statuses", Referral.Status.values());
        model.addAttribute("products", products.enabled(locale));
        model.addAttribute("rms", users.ownerChoices(user));
        model.addAttribute("defaultClose", LocalDate.now(clock).plusDays(30));
        model.addAttribute("decides", AccessPolicy.mayDecideReferrals(user));
        return "referrals/list";
    }

    @GetMapping("/new")
    String newForm(CurrentUser user, Model model, Locale locale) {
        AccessPolicy.requireMayUseReferrals(user);
        return form(user, new ReferralForm(), model, locale);
    }

    @PostMapping
    String create(CurrentUser user, @ModelAttribute("form") ReferralForm form, BindingResult binding, Model model,
                  Locale locale, RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return form(user, form, model, locale);
        }
        try {
            referrals.create(user, new NewReferral(form.getCustomerNo(), form.getChannel(),
                    Texts.clean(form.getProductCode()), form.getNeed(), Texts.clean(form.getSuggestedRm())));
            redirect.addFlashAttribute("flash", "referral.created");
            return "redirect:/referrals";
        } catch (InvalidInputException e) {
            FormErrors.apply(e, binding);
            return form(user, form, model, locale);
        }
    }

    @PostMapping("/{id}/accept")
    String accept(CurrentUser user, @PathVariable long id, @ModelAttribute AcceptForm form, BindingResult binding,
                  RedirectAttributes redirect) {
        if (binding.hasFieldErrors("version")) {
            // a version that is no number names no version this referral ever had: refused as stale, nothing changed
            redirect.addFlashAttribute("flashError", "error.stale");
            return "redirect:/referrals";
        }
        try {
            var r = referrals.accept(user, id, new Acceptance(Texts.clean(form.getOwnerRm()), form.getAmount(),
                    form.getExpectedCloseDate(), Texts.clean(form.getProductCode()), form.getVersion()));
            redirect.addFlashAttribute("flash", "referral.accepted");
            return "redirect:/opportunities/" + r.opportunityId();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", e.errors().isEmpty() ? e.messageKey() : "referral.acceptIncomplete");
            return "redirect:/referrals";
        } catch (ConflictException e) {
            Flashes.error(redirect, e);
            return "redirect:/referrals";
        }
    }

    @PostMapping("/{id}/reject")
    String reject(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
        return decide(() -> referrals.reject(user, id, reason, version), "referral.rejected",
                "referral.reasonRequired", redirect);
    }

    @PostMapping("/{id}/route")
    String route(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String ownerRm,
                 @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
        return decide(() -> referrals.route(user, id, ownerRm, version), "referral.routed", "customer.owner.invalid",
                redirect);
    }

    /**
     * A decision from the inbox: back to the inbox with what happened, the form's own message on bad input, or the
     * conflict's message when someone decided first.
     */
    private static String decide(Runnable decision, String done, String invalid, RedirectAttributes redirect) {
        try {
            decision.run();
            redirect.addFlashAttribute("flash", done);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", invalid);
        } catch (ConflictException e) {
            Flashes.error(redirect, e);
        }
        return "redirect:/referrals";
    }

    private String form(CurrentUser user, ReferralForm form, Model model, Locale locale) {
        model.addAttribute("form", form);
        model.addAttribute("channels", ReferralChannel.values());
        model.addAttribute("products", products.enabled(locale));
        model.addAttribute("rms", users.referralRms(user));
        return "referrals/form";
    }
}
