package org.bankcrm.web.alert;

import java.time.LocalDate;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.alert.AlertRun;
import org.bankcrm.service.alert.AlertService;
import org.bankcrm.service.alert.AlertView;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Alerts in the caller's scope, and evaluations (ADMIN): run now, synchronously, and read a run back. */
@RestController
@RequestMapping("/api/v1/alerts")
@RequiredArgsConstructor
class AlertApiController {

    /** An alert as the contract has it. */
    record AlertJson(long id, String code, Long opportunityId, String customerNo, String ownerRm, LocalDate raisedOn,
                     LocalDate escalatedOn, LocalDate resolvedOn, String status) {

        static AlertJson of(AlertView a) {
            return new AlertJson(a.id(), a.code().name(), a.opportunityId(), a.customerNo(), a.ownerRm(),
                    a.raisedOn(), a.escalatedOn(), a.resolvedOn(), a.status());
        }
    }

    /** A run as the contract has it, plus the notifications it wrote and when. */
    record RunJson(long id, LocalDate asOf, Map<String, Integer> raised, int resolved, int escalated, int notified,
                   java.time.Instant startedAt, java.time.Instant finishedAt, String startedBy) {

        static RunJson of(AlertRun r) {
            return new RunJson(r.id(), r.asOf(), r.raised(), r.resolved(), r.escalated(), r.notified(),
                    r.startedAt(), r.finishedAt(), r.startedBy());
        }
    }

    /** {@code {"asOf"?}}: a text, so that a bad date is the service's translated field error. */
    record RunBody(String asOf) {
    }

    private final AlertService alerts;

    @GetMapping
    Paged<AlertJson> list(CurrentUser user, @RequestParam(required = false) String status,
                          @RequestParam(required = false) String code, @RequestParam(required = false) String owner,
                          @RequestParam(required = false) String branch,
                          @RequestParam(required = false) String escalated,
                          @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Paged<AlertView> p = alerts.list(user, new AlertService.ListFilter(status, code, owner, branch, escalated),
                page, size);
        return p.map(AlertJson::of);
    }

    /** Evaluates now and answers once done (the contract's synchronous form). */
    @PostMapping("/runs")
    RunJson run(CurrentUser user, @RequestBody(required = false) RunBody body) {
        return RunJson.of(alerts.runNow(user, body == null ? null : body.asOf()));
    }

    @GetMapping("/runs/{id}")
    RunJson get(CurrentUser user, @PathVariable long id) {
        return RunJson.of(alerts.run(user, id));
    }
}
