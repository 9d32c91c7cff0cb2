package org.bankcrm.web.customer;

import java.util.List;
import java.util.Locale;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.coverage.CustomerStandingService;
import org.bankcrm.service.customer.CustomerAumHistory;
import org.bankcrm.service.customer.CustomerLinkage;
import org.bankcrm.service.customer.CustomerReveal;
import org.bankcrm.service.customer.CustomerService;
import org.bankcrm.service.customer.CustomerService.CustomerQuery;
import org.bankcrm.service.customer.CustomerViews.CustomerDetail;
import org.bankcrm.service.opportunity.OpportunityService;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.BranchService;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.UserService;
import org.bankcrm.service.org.UserService.UserView;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.web.shared.Choice;
import org.bankcrm.web.shared.FieldConflict;
import org.bankcrm.web.shared.Flashes;
import org.bankcrm.web.shared.FormErrors;
import org.bankcrm.web.shared.Formats;
import org.springframework.context.MessageSource;
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

/** Customer pages: the scoped list, the detail and registration. */
@Controller
@RequestMapping("/customers")
@RequiredArgsConstructor
class CustomerPageController {

    private final CustomerService customers;
    private final CustomerReveal reveals;
    private final CustomerAumHistory aumHistory;
    private final CustomerLinkage linkage;
    private final OpportunityService opportunities;
    private final org.bankcrm.service.opportunity.FollowUpService followUps;
    private final BranchService branches;
    private final UserService users;
    private final CustomerStandingService standings;
    private final Formats fmt;
    private final MessageSource messages;

    @GetMapping
    String list(CurrentUser user, @RequestParam(required = false) String q,
                @RequestParam(required = false) CustomerType type, @RequestParam(required = false) Tier tier,
                @RequestParam(required = false) String owner, @RequestParam(required = false) Integer page,
                Model model, Locale locale) {
        // Heads and admins narrow to one RM of their scope; an RM's list is their own, so the filter is theirs not.
        String ownerFilter = AccessPolicy.supervises(user) ? Texts.clean(owner) : null;
        model.addAttribute("page", customers.search(user, new CustomerQuery(q, type, tier, ownerFilter, page, 20)));
        model.addAttribute("q", q);
        model.addAttribute("type", type);
        model.addAttribute("tier", tier);
        model.addAttribute("owner", ownerFilter);
        model.addAttribute("rms", Choice.of(users.ownerChoices(user), UserView::username, UserView::displayName));
        model.addAttribute("types", Choice.named(List.of(CustomerType.values()), "customerType.", messages, locale));
        model.addAttribute("tiers", Choice.named(List.of(Tier.values()), "tier.", messages, locale));
        return "customers/list";
    }

    @GetMapping("/new")
    String newForm(CurrentUser user, Model model) {
        AccessPolicy.requireMayWorkOnRecords(user);
        CustomerForm form = new CustomerForm();
        form.setBranchCode(user.branchCode());
        return form(user, form, model);
    }

    @PostMapping
    String create(CurrentUser user, @ModelAttribute("form") CustomerForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return form(user, form, model);
        }
        try {
            CustomerDetail created = customers.create(user, form.toCommand());
            redirect.addFlashAttribute("flash", "customer.created");
            return "redirect:/customers/" + created.customerNo();
        } catch (InvalidInputException e) {
            FormErrors.apply(e, binding);
            return form(user, form, model);
        }
    }

    @GetMapping("/{customerNo}")
    String detail(CurrentUser user, @PathVariable String customerNo, Model model) {
        return detailPage(user, customerNo, model);
    }

    /** Reveals one personal datum with a reason (audited); the page shows it once, in this response only. */
    @PostMapping("/{customerNo}/reveal")
    String reveal(CurrentUser user, @PathVariable String customerNo,
                  @org.springframework.web.bind.annotation.RequestParam(required = false)
                  CustomerReveal.RevealedField field,
                  @org.springframework.web.bind.annotation.RequestParam(required = false) String reason, Model model) {
        try {
            String value = reveals.reveal(user, customerNo, field, reason);
            model.addAttribute("revealedField", field.name());
            model.addAttribute("revealedValue", value == null ? "—" : value);
        } catch (org.bankcrm.domain.shared.InvalidInputException e) {
            model.addAttribute("revealError", "customer.reveal.reason");
        }
        return detailPage(user, customerNo, model);
    }

    /** The edit form: a customer's correctable facts with the version it showed. */
    @lombok.Data
    static class EditForm {
        private Integer version;
        private String name;
        private String phone;
        private String industry;
        private CompanySize companySize;
        private java.math.BigDecimal aum;
    }

    @PostMapping("/{customerNo}/edit")
    String edit(CurrentUser user, @PathVariable String customerNo, @ModelAttribute("editForm") EditForm form,
                BindingResult binding, Model model, RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return detailPage(user, customerNo, model);
        }
        try {
            customers.edit(user, customerNo, new CustomerService.CustomerEdit(form.getVersion(), form.getName(),
                    Texts.clean(form.getPhone()), Texts.clean(form.getIndustry()), form.getCompanySize(),
                    form.getAum()));
            redirect.addFlashAttribute("flash", "customer.saved");
            return "redirect:/customers/" + customerNo;
        } catch (InvalidInputException e) {
            FormErrors.apply(e, binding);
            return detailPage(user, customerNo, model);
        } catch (org.bankcrm.domain.shared.ConflictException e) {
            // Someone saved the customer since this form was opened (D11): the page again, saying what differs
            // between what this user typed and what is stored now, the form keeping their values on the current
            // version, so that saving again applies them knowingly and leaving it keeps the other's.
            CustomerDetail now = customers.get(user, customerNo);
            model.addAttribute("conflict", conflict(form, now));
            form.setVersion(now.version());
            return detailPage(user, customerNo, model);
        }
    }

    /** The fields where the stale form and the stored customer differ, as the conflict panel lists them. */
    private List<FieldConflict> conflict(EditForm form, CustomerDetail now) {
        FieldConflict.Rows rows = new FieldConflict.Rows()
                .differing("customer.name", Texts.clean(form.getName()), now.name());
        if (form.getAum() != null) {      // left empty, the AUM is not changed
            rows.amount("customer.aum", form.getAum(), now.aum(), fmt);
        }
        if (Texts.clean(form.getPhone()) != null) {      // masked on both sides, two may read alike and differ
            rows.when(true, "customer.phone", Masking.phone(form.getPhone()), now.phoneMasked());
        }
        if (now.type() == CustomerType.CORPORATE) {
            rows.differing("customer.industry", Texts.clean(form.getIndustry()), now.industry())
                    .differing("customer.companySize", fmt.name("companySize.", form.getCompanySize()),
                            fmt.name("companySize.", now.companySize()));
        }
        return rows.list();
    }

    /** The quick contact from the customer page: back to the page with a flash, or the form again with its errors. */
    @PostMapping("/{customerNo}/follow-ups")
    String logFollowUp(CurrentUser user, @PathVariable String customerNo,
                       @ModelAttribute("followUpForm") CustomerFollowUpForm form, BindingResult binding, Model model,
                       RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return detailPage(user, customerNo, model);
        }
        try {
            followUps.logOnCustomer(user, customerNo, form.toCommand());
            redirect.addFlashAttribute("flash", "followUp.logged");
            return "redirect:/customers/" + customerNo;
        } catch (InvalidInputException e) {
            FormErrors.apply(e, binding);
            return detailPage(user, customerNo, model);
        }
    }

    @PostMapping("/{customerNo}/owner")
    String reassign(CurrentUser user, @PathVariable String customerNo, @RequestParam(required = false) String ownerRm,
                    @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
        try {
            customers.reassign(user, customerNo, ownerRm, version);
            redirect.addFlashAttribute("flash", "customer.reassigned");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", "customer.owner.invalid");
        } catch (org.bankcrm.domain.shared.ConflictException e) {
            Flashes.error(redirect, e);
        }
        return "redirect:/customers/" + customerNo;
    }

    private String detailPage(CurrentUser user, String customerNo, Model model) {
        CustomerDetail c = customers.get(user, customerNo);
        model.addAttribute("customer", c);
        // the employer by name when the user may open it; else its number alone, without a link that would 404
        model.addAttribute("employerName", customers.nameIfShown(user, c.employerNo()).orElse(null));
        model.addAttribute("opportunities", opportunities.ofCustomer(user, customerNo, 50));
        model.addAttribute("aum", aumHistory.aumHistory(user, customerNo));
        model.addAttribute("followUps", followUps.forCustomer(user, customerNo));
        model.addAttribute("linkage", linkage.linkage(user, customerNo));
        model.addAttribute("standing", standings.of(user, customerNo));
        if (!model.containsAttribute("followUpForm")) {
            model.addAttribute("followUpForm", new CustomerFollowUpForm());
        }
        model.addAttribute("followUpTypes", FollowUpType.values());
        if (!model.containsAttribute("editForm")) {
            EditForm form = new EditForm();
            form.setVersion(c.version());
            form.setName(c.name());
            form.setIndustry(c.industry());
            form.setCompanySize(c.companySize());
            form.setAum(c.aum());
            model.addAttribute("editForm", form);
        }
        model.addAttribute("sizes", CompanySize.values());
        model.addAttribute("mayReveal", AccessPolicy.mayReveal(user, c.ownerRm()));
        model.addAttribute("supervises", AccessPolicy.supervises(user));
        model.addAttribute("rms", users.ownerChoicesUnder(user, c.branchCode()));
        return "customers/detail";
    }

    private String form(CurrentUser user, CustomerForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("types", CustomerType.values());
        model.addAttribute("sizes", CompanySize.values());
        model.addAttribute("branches", branches.visible(user));
        model.addAttribute("rms", users.ownerChoices(user));
        return "customers/form";
    }
}
