package org.bankcrm.web.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.alert.AlertCode;
import org.bankcrm.service.alert.AlertQueries.OwnerCodeCount;
import org.bankcrm.service.alert.AlertRun;
import org.bankcrm.service.alert.AlertService;
import org.bankcrm.service.alert.AlertService.ListFilter;
import org.bankcrm.service.alert.AlertSetting;
import org.bankcrm.service.alert.AlertSettingService;
import org.bankcrm.service.alert.AlertSettingService.SettingChange;
import org.bankcrm.service.alert.DigestSender;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.web.shared.Flashes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Alerts on pages: the list in the caller's scope (for heads, first the open alerts by RM and code, each count
 * opening its list), and the admin's page of settings, "run now", the digest and the runs.
 */
@Controller
@RequiredArgsConstructor
class AlertPageController {

    /** One RM's line of the head's table: open alerts per code, escalated ones, the total. */
    record OwnerLine(String ownerRm, String ownerName, Map<AlertCode, Long> open, long escalated, long total) {
    }

    /** A row of the admin's settings: what is stored, or for the refused row what was sent, and its messages. */
    record SettingRow(AlertSetting stored, boolean enabled, String days, String escalateAfterDays,
                      Map<String, List<String>> errors) {

        static SettingRow of(AlertSetting s) {
            return new SettingRow(s, s.enabled(), s.days() == null ? "" : String.valueOf(s.days()),
                    String.valueOf(s.escalateAfterDays()), Map.of());
        }
    }

    private final AlertService alerts;
    private final AlertSettingService settings;
    private final DigestSender digests;
    private final org.bankcrm.web.shared.Problems problems;

    @GetMapping("/alerts")
    String list(CurrentUser user, @RequestParam(required = false) String status,
                @RequestParam(required = false) String code, @RequestParam(required = false) String owner,
                @RequestParam(required = false) String branch, @RequestParam(required = false) String escalated,
                @RequestParam(required = false) Integer page, Model model) {
        AccessPolicy.requireMayWorkOnRecords(user);
        String st = status == null ? "OPEN" : status;
        try {
            model.addAttribute("alerts", alerts.list(user, new ListFilter(st.isBlank() ? null : st, code, owner,
                    branch, escalated), page, 50));
        } catch (InvalidInputException e) {
            model.addAttribute("alerts", alerts.list(user, ListFilter.ofStatus("OPEN"), 0, 50));
            model.addAttribute("filterError", e);
            branch = null;
            escalated = null;
        }
        if (AccessPolicy.supervises(user)) {
            model.addAttribute("byOwner", byOwner(alerts.openByOwnerAndCode(user, branch)));
        }
        model.addAttribute("codes", AlertCode.values());
        model.addAttribute("status", st);
        model.addAttribute("code", code);
        model.addAttribute("owner", owner);
        model.addAttribute("branch", branch == null || branch.isBlank() ? null : branch.strip());
        model.addAttribute("escalated", "true".equals(escalated));
        return "alerts/list";
    }

    private static List<OwnerLine> byOwner(List<OwnerCodeCount> counts) {
        Map<String, OwnerLine> lines = new LinkedHashMap<>();
        for (OwnerCodeCount c : counts) {
            String key = c.ownerRm() == null ? "" : c.ownerRm();
            OwnerLine l = lines.computeIfAbsent(key, k -> new OwnerLine(c.ownerRm(), c.ownerName(),
                    new LinkedHashMap<>(), 0, 0));
            l.open().put(c.code(), c.open());
            lines.put(key, new OwnerLine(l.ownerRm(), l.ownerName(), l.open(), l.escalated() + c.escalated(),
                    l.total() + c.open()));
        }
        return new ArrayList<>(lines.values());
    }

    @GetMapping("/admin/alerts")
    String admin(CurrentUser user, Model model) {
        return renderAdmin(user, model, null, null);
    }

    @PostMapping("/admin/alerts/settings/{code}")
    String save(CurrentUser user, @PathVariable String code, @RequestParam(required = false) String enabled,
                @RequestParam(required = false) String days, @RequestParam(required = false) String escalateAfterDays,
                @RequestParam(required = false) Integer version, Model model, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        Integer d = number(days, "days", errors);
        Integer e = number(escalateAfterDays, "escalateAfterDays", errors);
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            settings.update(user, code, new SettingChange(enabled != null, true, d, e, version));
            redirect.addFlashAttribute("flash", "alert.settings.saved");
            return "redirect:/admin/alerts";
        } catch (InvalidInputException ex) {
            Map<String, List<String>> messages = new LinkedHashMap<>();
            for (FieldError f : ex.errors()) {
                messages.computeIfAbsent(f.field(), k -> new ArrayList<>())
                        .add(problems.text(f.messageKey(), f.args(), f.messageKey()));
            }
            AlertCode c = AlertCode.parse(code);
            SettingRow refused = c == null ? null : new SettingRow(new AlertSetting(c, false, null, 0, 0),
                    enabled != null, days == null ? "" : days, escalateAfterDays == null ? "" : escalateAfterDays,
                    messages);
            return renderAdmin(user, model, refused, null);
        } catch (ConflictException ex) {
            Flashes.error(redirect, ex);
            return "redirect:/admin/alerts";
        }
    }

    @PostMapping("/admin/alerts/runs")
    String run(CurrentUser user, @RequestParam(required = false) String asOf, Model model,
               RedirectAttributes redirect) {
        try {
            AlertRun run = alerts.runNow(user, asOf);
            redirect.addFlashAttribute("flash", "alert.run.done");
            redirect.addFlashAttribute("lastRun", run.id());
            return "redirect:/admin/alerts";
        } catch (InvalidInputException e) {
            return renderAdmin(user, model, null, problems.text(e.messageKey(), e.errors().getFirst().args(),
                    e.messageKey()));
        }
    }

    @PostMapping("/admin/alerts/digest")
    String digest(CurrentUser user, RedirectAttributes redirect) {
        try {
            digests.requestNow(user);
            redirect.addFlashAttribute("flash", "digest.queued");
        } catch (ConflictException e) {
            Flashes.error(redirect, e);
        }
        return "redirect:/admin/alerts";
    }

    private String renderAdmin(CurrentUser user, Model model, SettingRow refused, String runError) {
        AccessPolicy.requireAdmin(user);
        List<SettingRow> rows = new ArrayList<>();
        for (AlertSetting s : settings.list(user)) {
            if (refused != null && refused.stored().code() == s.code()) {
                rows.add(new SettingRow(s, refused.enabled(), refused.days(), refused.escalateAfterDays(),
                        refused.errors()));
            } else {
                rows.add(SettingRow.of(s));
            }
        }
        model.addAttribute("rows", rows);
        model.addAttribute("runs", alerts.runs(user));
        model.addAttribute("runError", runError);
        model.addAttribute("mailConfigured", digests.configured());
        model.addAttribute("codes", AlertCode.values());
        return "admin/alerts";
    }

    /** A whole number, blank for none; anything else is a field error. */
    private static Integer number(String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "validation.wholeNumber"));
            return null;
        }
    }
}
