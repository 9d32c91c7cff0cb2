package org.bankcrm.web.target;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import lombok.Data;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.referral.ReferralChannel;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.BranchService;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.UserService;
import org.bankcrm.service.target.TargetQueries.TargetView;
import org.bankcrm.service.target.ServedCountService;
import org.bankcrm.service.target.TargetService;
import org.bankcrm.service.target.TargetService.NewTarget;
import org.bankcrm.service.target.TargetService.StaleTarget;
import org.bankcrm.web.shared.Flashes;
import org.bankcrm.web.shared.FormErrors;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Heads and admins set targets and enter customers served per channel (one by one or as a small CSV). The target
 * form carries the version of the target it replaces (D11): a submit that would overwrite a target someone else set
 * meanwhile is refused, and the page comes back with the form as entered, the target as it is now and the form
 * set to that version, so that saving again re-applies the change knowingly.
 */
@Controller
@RequestMapping("/dashboard")
@RequiredArgsConstructor
class TargetPageController {

    /** The target form; {@code version} is that of the target it replaces, empty for a new one. */
    @Data
    static class TargetForm {
        private Integer version;
        private String measure = "WON";
        private String periodType = "MONTH";
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate periodStart;
        private String rm;
        private String branch;
        private String category;
        private BigDecimal amount;
        private Integer count;
    }

    /** The served-count form. */
    @Data
    static class ServedForm {
        private String branch;
        private String channel = "LOBBY";
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate day;
        private Integer served;
    }

    private final TargetService targets;
    private final ServedCountService servedCounts;
    private final BranchService branches;
    private final UserService users;
    private final Clock clock;

    @GetMapping("/targets")
    String page(CurrentUser user, @RequestParam(required = false) Long edit, Model model) {
        AccessPolicy.requireSupervisor(user);
        LocalDate today = LocalDate.now(clock);
        TargetForm t = new TargetForm();
        t.setPeriodStart(today.withDayOfMonth(1));
        if (edit != null) {
            // A target of the list, in the form with the version it has now: saving replaces it (D11).
            targets.target(user, edit).ifPresent(x -> {
                t.setMeasure(x.measure().name());
                t.setPeriodType(x.periodType());
                t.setPeriodStart(x.periodStart());
                t.setRm(x.rm());
                t.setBranch(x.branch());
                t.setCategory(x.category() == null ? null : x.category().name());
                t.setAmount(x.amount());
                t.setCount(x.count());
                t.setVersion(x.version());
            });
        }
        ServedForm s = new ServedForm();
        s.setDay(today.minusDays(1));
        s.setBranch(user.branchCode());
        return render(user, t, s, model);
    }

    private String render(CurrentUser user, TargetForm t, ServedForm s, Model model) {
        AccessPolicy.requireSupervisor(user);
        LocalDate today = LocalDate.now(clock);
        if (!model.containsAttribute("targetForm")) {
            model.addAttribute("targetForm", t);
        }
        if (!model.containsAttribute("servedForm")) {
            model.addAttribute("servedForm", s);
        }
        model.addAttribute("targets", listed(user));
        model.addAttribute("servedRows", servedCounts.served(user, today.minusDays(31), today));
        model.addAttribute("branches", branches.visible(user));
        model.addAttribute("rms", users.ownerChoices(user));
        model.addAttribute("categories", ProductCategory.values());
        model.addAttribute("measures", org.bankcrm.service.target.TargetMeasure.values());
        model.addAttribute("channels", ReferralChannel.values());
        model.addAttribute("isAdmin", AccessPolicy.isAdmin(user));
        return "dashboard-targets";
    }

    /** The targets the page lists: from the quarter before this one to the quarter after. */
    private java.util.List<TargetView> listed(CurrentUser user) {
        LocalDate quarter = Period.quarterOf(LocalDate.now(clock)).start();
        return targets.targets(user, quarter.minusMonths(3), quarter.plusMonths(6).minusDays(1));
    }

    @PostMapping("/targets")
    String save(CurrentUser user, @ModelAttribute("targetForm") TargetForm form, BindingResult binding, Model model,
                RedirectAttributes redirect) {
        AccessPolicy.requireSupervisor(user);
        if (!binding.hasErrors()) {
            try {
                targets.set(user, new NewTarget(form.getMeasure(), form.getPeriodType(), form.getPeriodStart(),
                        form.getRm(), form.getBranch(), form.getCategory(), form.getAmount(), form.getCount(), form.getVersion()));
                redirect.addFlashAttribute("flash", "target.saved");
                return "redirect:/dashboard/targets";
            } catch (InvalidInputException e) {
                FormErrors.apply(e, binding);
            } catch (StaleTarget e) {
                binding.reject("target.stale");
                model.addAttribute("currentTarget", e.current());
                form.setVersion(e.current() == null ? null : e.current().version());
            }
        }
        ServedForm s = new ServedForm();
        s.setDay(LocalDate.now(clock).minusDays(1));
        s.setBranch(user.branchCode());
        return render(user, form, s, model);
    }

    @PostMapping("/targets/{id}/delete")
    String delete(CurrentUser user, @PathVariable long id, @RequestParam(required = false) Integer version,
                  RedirectAttributes redirect) {
        try {
            targets.delete(user, id, version);
            redirect.addFlashAttribute("flash", "target.deleted");
        } catch (ConflictException e) {
            Flashes.error(redirect, e);   // changed since the page was shown
        }
        return "redirect:/dashboard/targets";
    }

    @PostMapping("/served")
    String served(CurrentUser user, @ModelAttribute("servedForm") ServedForm form, BindingResult binding,
                  Model model, RedirectAttributes redirect) {
        AccessPolicy.requireSupervisor(user);
        if (!binding.hasErrors()) {
            try {
                servedCounts.setServed(user, form.getBranch(), form.getChannel(), form.getDay(), form.getServed());
                redirect.addFlashAttribute("flash", "served.saved");
                return "redirect:/dashboard/targets";
            } catch (InvalidInputException e) {
                FormErrors.apply(e, binding);
            }
        }
        TargetForm t = new TargetForm();
        t.setPeriodStart(LocalDate.now(clock).withDayOfMonth(1));
        return render(user, t, form, model);
    }

    @PostMapping("/served/upload")
    String upload(CurrentUser user, @RequestParam(required = false) String branch,
                  @RequestParam(required = false) MultipartFile file, Model model, RedirectAttributes redirect) {
        AccessPolicy.requireSupervisor(user);
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidInputException("file", "served.upload.missing");
            }
            int n = servedCounts.uploadServed(user, branch, file.getInputStream());
            redirect.addFlashAttribute("uploaded", n);
            redirect.addFlashAttribute("flash", "served.saved");
            return "redirect:/dashboard/targets";
        } catch (InvalidInputException e) {
            model.addAttribute("uploadErrors", e.errors());
        } catch (IOException e) {
            model.addAttribute("uploadErrors", java.util.List.of(
                    new InvalidInputException.FieldError("file", "served.upload.unreadable")));
        }
        TargetForm t = new TargetForm();
        t.setPeriodStart(LocalDate.now(clock).withDayOfMonth(1));
        ServedForm s = new ServedForm();
        s.setDay(LocalDate.now(clock).minusDays(1));
        s.setBranch(branch);
        return render(user, t, s, model);
    }
}
