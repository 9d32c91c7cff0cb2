package org.bankcrm.web.audit;

import java.time.LocalDate;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.audit.AuditQueries;
import org.bankcrm.service.audit.AuditQueries.Query;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The admin's audit log search: who did what to which record, when and from where. */
@Controller
@RequestMapping("/admin/audit")
@RequiredArgsConstructor
class AuditPageController {

    private final AuditQueries audit;

    @GetMapping
    String search(CurrentUser user, @RequestParam(required = false) String actor,
                  @RequestParam(required = false) String action, @RequestParam(required = false) String entity,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @RequestParam(required = false) Integer page, Model model) {
        Query q = new Query(actor, action, entity, from, to, page);
        model.addAttribute("q", q);
        model.addAttribute("entries", audit.search(user, q));
        model.addAttribute("actions", audit.actions(user));
        model.addAttribute("base", UriComponentsBuilder.fromPath("/admin/audit")
                .queryParamIfPresent("actor", java.util.Optional.ofNullable(actor).filter(s -> !s.isBlank()))
                .queryParamIfPresent("action", java.util.Optional.ofNullable(action).filter(s -> !s.isBlank()))
                .queryParamIfPresent("entity", java.util.Optional.ofNullable(entity).filter(s -> !s.isBlank()))
                .queryParamIfPresent("from", java.util.Optional.ofNullable(from))
                .queryParamIfPresent("to", java.util.Optional.ofNullable(to))
                .encode().build().toUriString());
        return "admin/audit";
    }
}
