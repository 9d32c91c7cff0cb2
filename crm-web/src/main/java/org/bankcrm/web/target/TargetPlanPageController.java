package org.bankcrm.web.target;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import lombok.Data;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.BranchService;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.UserService;
import org.bankcrm.service.target.TargetMeasure;
import org.bankcrm.service.target.TargetPlanService;
import org.bankcrm.service.target.TargetPlanService.NewPlan;
import org.bankcrm.service.target.TargetPlanService.PlanLine;
import org.bankcrm.service.target.TargetPlanService.PlanLineView;
import org.bankcrm.service.target.TargetPlanService.PlanView;
import org.bankcrm.service.target.TargetPlanService.StalePlan;
import org.bankcrm.web.shared.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The annual branch plan (目标分解, D48): the head picks a branch of their subtree, a year and a measure, enters the
 * annual figure, the four quarters and each quarter's share per RM. A breakdown that does not add up comes back
 * with the field messages and saves nothing; the form carries the plan's version (D11).
 */
@Controller
@RequestMapping("/dashboard/targets/plan")
@RequiredArgsConstructor
class TargetPlanPageController {

    /** One RM's row of the plan form. */
    @Data
    public static class Line {
        private String rm;
        private String name;
        private List<BigDecimal> quarters = new ArrayList<>(Arrays.asList(null, null, null, null));
    }

    /** The plan form. */
    @Data
    public static class PlanForm {
        private Integer version;
        private String branch;
        private Integer year;
        private String measure = TargetMeasure.WON.name();
        private BigDecimal annual;
        private List<BigDecimal> quarters = new ArrayList<>(Arrays.asList(null, null, null, null));
        private List<Line> lines = new ArrayList<>();
    }

    private final TargetPlanService plans;
    private final BranchService branches;
    private final UserService users;
    private final Clock clock;

    @GetMapping
    String page(CurrentUser user, @RequestParam(required = false) String branch,
                @RequestParam(required = false) Integer year, @RequestParam(required = false) String measure,
                Model model) {
        AccessPolicy.requireSupervisor(user);
        PlanForm form = new PlanForm();
        form.setBranch(branch == null || branch.isBlank() ? user.branchCode() : branch.strip());
        form.setYear(year == null ? LocalDate.now(clock).getYear() : year);
        TargetMeasure m = TargetMeasure.parse(measure);
        form.setMeasure((m == null || !m.plannable() ? TargetMeasure.WON : m).name());
        PlanView saved = year != null && (year < 2000 || year > 2100) ? null
                : plans.plan(user, form.getBranch(), form.getYear(), TargetMeasure.valueOf(form.getMeasure()))
                        .orElse(null);
        Map<String, PlanLineView> savedLines = saved == null ? Map.of()
                : saved.lines().stream().collect(Collectors.toMap(PlanLineView::rm, Function.identity()));
        if (saved != null) {
            form.setVersion(saved.version());
            form.setAnnual(saved.annual());
            form.setQuarters(new ArrayList<>(saved.quarters()));
        }
        List<String> listed = new ArrayList<>();
        for (var rm : users.ownerChoicesUnder(user, form.getBranch())) {
            form.getLines().add(line(rm.username(), rm.displayName(), savedLines.get(rm.username())));
            listed.add(rm.username());
        }
        // An RM of the saved plan who no longer is among the branch's RMs stays visible (saving drops them).
        savedLines.values().stream().filter(l -> !listed.contains(l.rm()))
                .forEach(l -> form.getLines().add(line(l.rm(), l.displayName(), l)));
        model.addAttribute("planForm", form);
        return render(user, model);
    }

    private static Line line(String rm, String name, PlanLineView saved) {
        Line l = new Line();
        l.setRm(rm);
        l.setName(name);
        if (saved != null) {
            l.setQuarters(new ArrayList<>(saved.quarters()));
        }
        return l;
    }

    private String render(CurrentUser user, Model model) {
        model.addAttribute("branches", branches.visible(user));
        model.addAttribute("measures", Arrays.stream(TargetMeasure.values()).filter(TargetMeasure::plannable)
                .toList());
        return "dashboard-target-plan";
    }

    @PostMapping
    String save(CurrentUser user, @ModelAttribute("planForm") PlanForm form, BindingResult binding, Model model,
                RedirectAttributes redirect) {
        AccessPolicy.requireSupervisor(user);
        if (!binding.hasErrors()) {
            try {
                // An RM whose four cells were left empty is given no share (no targets), not four targets of 0.
                plans.save(user, new NewPlan(form.getBranch(), form.getYear(), form.getMeasure(), form.getAnnual(),
                        form.getQuarters(), form.getLines().stream()
                                .map(l -> l.getQuarters().stream().allMatch(java.util.Objects::isNull) ? null
                                        : new PlanLine(l.getRm(), l.getQuarters()))
                                .toList(),
                        form.getVersion()));
                redirect.addFlashAttribute("flash", "plan.saved");
                redirect.addAttribute("branch", form.getBranch());
                redirect.addAttribute("year", form.getYear());
                redirect.addAttribute("measure", form.getMeasure());
                return "redirect:/dashboard/targets/plan";
            } catch (InvalidInputException e) {
                FormErrors.apply(e, binding);
            } catch (StalePlan e) {
                binding.reject("plan.stale");
            }
        }
        return render(user, model);
    }
}
