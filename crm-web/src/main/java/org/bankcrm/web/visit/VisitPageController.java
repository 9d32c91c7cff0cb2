package org.bankcrm.web.visit;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import lombok.Data;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.visit.VisitPlanService;
import org.bankcrm.service.visit.VisitPlanService.NewVisit;
import org.bankcrm.service.visit.VisitPlanService.VisitView;
import org.bankcrm.service.org.CurrentUser;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The RM's visit plan: a week view, planning a visit, recording one as done. */
@Controller
@RequestMapping("/visits")
@RequiredArgsConstructor
class VisitPageController {

    /** The plan-a-visit form. */
    @Data
    static class VisitForm {
        private String customerNo;
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate plannedOn;
        private String purpose;
        private Long opportunityId;
    }

    private final VisitPlanService visits;
    private final Clock clock;

    @GetMapping
    String week(CurrentUser user, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                LocalDate week, @RequestParam(required = false) String customerNo, Model model) {
        VisitForm form = new VisitForm();
        form.setPlannedOn(LocalDate.now(clock));
        form.setCustomerNo(customerNo);
        return page(user, week, form, model);
    }

    @PostMapping
    String plan(CurrentUser user, @ModelAttribute("form") VisitForm form, BindingResult binding, Model model,
                RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return page(user, form.getPlannedOn(), form, model);
        }
        try {
            VisitView v = visits.plan(user, new NewVisit(form.getCustomerNo(), form.getPlannedOn(), form.getPurpose(),
                    form.getOpportunityId()));
            redirect.addFlashAttribute("flash", "visit.planned");
            return "redirect:/visits?week=" + v.plannedOn();
        } catch (InvalidInputException e) {
            FormErrors.apply(e, binding);
            return page(user, form.getPlannedOn(), form, model);
        }
    }

    /** Records a visit as a follow-up, from the week plan or from My day ({@code from=myday}: back there). */
    @PostMapping("/{id}/done")
    String done(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String summary,
                @RequestParam(required = false) String outcome, @RequestParam(required = false) String from,
                RedirectAttributes redirect) {
        boolean fromMyDay = "myday".equals(from);
        try {
            VisitView v = visits.done(user, id, summary, outcome);
            redirect.addFlashAttribute("flash", "visit.recorded");
            return fromMyDay ? "redirect:/" : "redirect:/visits?week=" + v.plannedOn();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", "visit.summaryRequired");
            return fromMyDay ? "redirect:/" : "redirect:/visits";
        }
    }

    @PostMapping("/{id}/cancel")
    String cancel(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        VisitView v = visits.cancel(user, id);
        redirect.addFlashAttribute("flash", "visit.cancelled");
        return "redirect:/visits?week=" + v.plannedOn();
    }

    private String page(CurrentUser user, LocalDate week, VisitForm form, Model model) {
        LocalDate day = week == null ? LocalDate.now(clock) : week;
        LocalDate monday = day.with(DayOfWeek.MONDAY);
        List<VisitView> list = visits.week(user, monday);
        Map<LocalDate, List<VisitView>> byDay = new TreeMap<>();
        for (int i = 0; i < 7; i++) {
            byDay.put(monday.plusDays(i), List.of());
        }
        byDay.putAll(list.stream().collect(Collectors.groupingBy(VisitView::plannedOn)));
        model.addAttribute("days", byDay);
        model.addAttribute("monday", monday);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("form", form);
        return "visits/week";
    }
}
