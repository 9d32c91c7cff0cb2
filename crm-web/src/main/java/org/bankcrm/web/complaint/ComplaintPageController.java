package org.bankcrm.web.complaint;

import java.time.Clock;
import java.time.LocalDate;
import lombok.Data;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.complaint.ComplaintCategory;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.complaint.ComplaintService;
import org.bankcrm.service.complaint.ComplaintService.NewComplaint;
import org.bankcrm.service.complaint.ComplaintService.Resolution;
import org.bankcrm.service.complaint.ComplaintView;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.web.shared.Flashes;
import org.bankcrm.web.shared.FormErrors;
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

/**
 * Complaint pages (D46): the list (filters status and overdue, and for heads the dashboard's branch and RM), the
 * register form (from the list with the customer picker, or from a customer's page with its number filled in), and
 * one complaint with its resolve form.
 */
@Controller
@RequestMapping("/complaints")
@RequiredArgsConstructor
class ComplaintPageController {

    /** The register form; every field text, so that anything typed comes back with its message. */
    @Data
    static class RegisterForm {
        private String customerNo;
        private String category;
        private String text;
        private String receivedOn;
    }

    /** The resolve form, with the version the page showed. */
    @Data
    static class ResolveForm {
        private String resolution;
        private Integer version;
    }

    private final ComplaintService complaints;
    private final Clock clock;

    @GetMapping
    String list(CurrentUser user, @RequestParam(required = false) String status,
                @RequestParam(required = false) String overdue, @RequestParam(required = false) String branch,
                @RequestParam(required = false) String owner, @RequestParam(required = false) Integer page,
                Model model) {
        boolean overdueOnly = "true".equals(overdue);
        String st = status == null ? "OPEN" : status;
        Paged<ComplaintView> list;
        try {
            list = complaints.list(user, st.isBlank() ? null : st, overdueOnly, branch, owner, page, 50);
        } catch (InvalidInputException e) {
            list = complaints.list(user, "OPEN", false, null, null, 0, 50);
            model.addAttribute("filterError", e);
        }
        model.addAttribute("complaints", list);
        model.addAttribute("staff", AccessPolicy.mayWorkOnRecords(user));
        model.addAttribute("status", st);
        model.addAttribute("overdue", overdueOnly);
        model.addAttribute("branch", branch);
        model.addAttribute("owner", owner);
        StringBuilder base = new StringBuilder("/complaints?status=").append(st);
        if (overdueOnly) {
            base.append("&overdue=true");
        }
        if (branch != null) {
            base.append("&branch=").append(java.net.URLEncoder.encode(branch, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (owner != null) {
            base.append("&owner=").append(java.net.URLEncoder.encode(owner, java.nio.charset.StandardCharsets.UTF_8));
        }
        model.addAttribute("base", base.toString());
        return "complaints/list";
    }

    @GetMapping("/new")
    String newForm(CurrentUser user, @RequestParam(required = false) String customerNo, Model model) {
        AccessPolicy.requireMayUseComplaints(user);
        RegisterForm form = new RegisterForm();
        form.setCustomerNo(customerNo);
        form.setReceivedOn(LocalDate.now(clock).toString());   // received today unless the user says otherwise
        return form(user, form, model);
    }

    @PostMapping
    String register(CurrentUser user, @ModelAttribute("form") RegisterForm form, BindingResult binding, Model model,
                    RedirectAttributes redirect) {
        try {
            ComplaintView k = complaints.register(user, new NewComplaint(form.getCustomerNo(), form.getCategory(),
                    form.getText(), form.getReceivedOn()));
            redirect.addFlashAttribute("flash", "complaint.registered");
            return "redirect:/complaints/" + k.id();
        } catch (InvalidInputException e) {
            FormErrors.apply(e, binding);
            return form(user, form, model);
        }
    }

    @GetMapping("/{id}")
    String show(CurrentUser user, @PathVariable long id, Model model) {
        ComplaintView k = complaints.find(user, id);
        ResolveForm form = new ResolveForm();
        form.setVersion(k.version());
        return detail(user, k, form, model);
    }

    @PostMapping("/{id}/resolve")
    String resolve(CurrentUser user, @PathVariable long id, @ModelAttribute("form") ResolveForm form,
                   BindingResult binding, Model model, RedirectAttributes redirect) {
        try {
            complaints.resolve(user, id, new Resolution(form.getResolution(), form.getVersion()));
            redirect.addFlashAttribute("flash", "complaint.resolved");
            return "redirect:/complaints/" + id;
        } catch (InvalidInputException e) {
            FormErrors.apply(e, binding);
            return detail(user, complaints.find(user, id), form, model);
        } catch (ConflictException e) {
            Flashes.error(redirect, e);
            return "redirect:/complaints/" + id;
        }
    }

    private String form(CurrentUser user, RegisterForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("categories", ComplaintCategory.values());
        model.addAttribute("reach", AccessPolicy.mayWorkOnRecords(user) ? "SCOPE" : "REFERRAL");
        return "complaints/form";
    }

    private String detail(CurrentUser user, ComplaintView k, ResolveForm form, Model model) {
        model.addAttribute("k", k);
        model.addAttribute("form", form);
        model.addAttribute("resolves", k.open() && AccessPolicy.mayResolveComplaints(user));
        model.addAttribute("seesCustomer", AccessPolicy.mayWorkOnRecords(user));
        return "complaints/detail";
    }
}
