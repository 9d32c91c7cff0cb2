package org.bankcrm.web.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.audit.AuditQueries;
import org.bankcrm.service.audit.AuditQueries.Query;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.web.shared.Choice;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The admin's audit log search: who did what to which record, when and from where, in words ({@link AuditText}).
 * A bad filter (an unreadable day, a range that ends before it starts) is a 400 whose page marks the field and
 * shows no entries.
 */
@Controller
@RequestMapping("/admin/audit")
@RequiredArgsConstructor
class AuditPageController {

    private final AuditQueries audit;
    private final AuditText auditText;

    @GetMapping
    String search(CurrentUser user, @RequestParam(required = false) String actor,
                  @RequestParam(required = false) String action, @RequestParam(required = false) String entity,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) Integer page, Model model, HttpServletResponse response) {
        Query q = new Query(actor, action, entity, from, to, page);
        model.addAttribute("q", q);
        Map<String, FieldError> errors = new LinkedHashMap<>();
        Paged<AuditQueries.Row> entries;
        try {
            entries = audit.search(user, q);
        } catch (InvalidInputException e) {
            e.errors().forEach(err -> errors.putIfAbsent(err.field(), err));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            entries = new Paged<>(List.of(), 0, 1, 0);
        }
        model.addAttribute("errors", errors);
        model.addAttribute("entries", entries);
        model.addAttribute("actions", Choice.of(audit.actions(user), a -> a, auditText::action));
        model.addAttribute("base", UriComponentsBuilder.fromPath("/admin/audit")
                .queryParamIfPresent("actor", present(actor))
                .queryParamIfPresent("action", present(action))
                .queryParamIfPresent("entity", present(entity))
                .queryParamIfPresent("from", present(from))
                .queryParamIfPresent("to", present(to))
                .encode().build().toUriString());
        return "admin/audit";
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(s -> !s.isBlank());
    }
}
