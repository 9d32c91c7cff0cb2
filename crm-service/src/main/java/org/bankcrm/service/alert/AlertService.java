package org.bankcrm.service.alert;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.ContactStatus;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.coverage.CoverageQuery;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.PageRequestParams;
import org.bankcrm.service.shared.Paged;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Alerts as people read them, and the evaluation an admin asks for. */
@Service
@RequiredArgsConstructor
public class AlertService {

    /** How many runs the admin page lists. */
    public static final int RUNS_SHOWN = 20;

    /** An alert on My day: the alert and the days that say why (null: never contacted, or nothing to count). */
    public record Attention(AlertView alert, Long days) {
    }

    private final AlertEvaluator evaluator;
    private final AlertQueries queries;
    private final CoverageQuery coverage;
    private final AuditLog audit;
    private final Clock clock;

    /** Evaluates now (ADMIN) as of {@code asOf} (yyyy-MM-dd; blank for today in bank time). */
    @Transactional
    public AlertRun runNow(CurrentUser user, String asOf) {
        AccessPolicy.requireAdmin(user);
        LocalDate day = LocalDate.now(clock);
        if (asOf != null && !asOf.isBlank()) {
            try {
                day = LocalDate.parse(asOf.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("asOf", "alert.asOf.invalid", asOf);
            }
        }
        AlertRun run = evaluator.evaluate(day, user.username());
        audit.record(user.username(), "ALERT_RUN", "alert_run", String.valueOf(run.id()), "as of " + day);
        return run;
    }

    @Transactional(readOnly = true)
    public AlertRun run(CurrentUser user, long id) {
        AccessPolicy.requireAdmin(user);
        return queries.run(id).orElseThrow(() -> new NotFoundException("alert.run.notFound", id));
    }

    @Transactional(readOnly = true)
    public List<AlertRun> runs(CurrentUser user) {
        AccessPolicy.requireAdmin(user);
        return queries.runs(RUNS_SHOWN);
    }

    /** The alerts in the caller's scope (as opportunities), filtered; bad filters reported at once. */
    @Transactional(readOnly = true)
    public Paged<AlertView> list(CurrentUser user, String status, String code, String owner, Integer page,
                                 Integer size) {
        AccessPolicy.requireMayWorkOnRecords(user);
        List<FieldError> errors = new ArrayList<>();
        String st = status == null || status.isBlank() ? null : status.strip();
        if (st != null && !st.equals("OPEN") && !st.equals("RESOLVED")) {
            errors.add(new FieldError("status", "alert.status.unknown", st));
        }
        AlertCode c = null;
        if (code != null && !code.isBlank()) {
            c = AlertCode.parse(code.strip());
            if (c == null) {
                errors.add(new FieldError("code", "alert.code.unknown", code));
            }
        }
        PageRequest p;
        try {
            p = PageRequestParams.of(page, size, 50, Sort.unsorted());
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
            p = null;
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String o = owner == null || owner.isBlank() ? null : owner.strip();
        return queries.list(user.scope(), new AlertQueries.Filter(st, c, o), p.getPageNumber(), p.getPageSize());
    }

    /** The open alerts in the caller's scope by current owner and code (heads and admins). */
    @Transactional(readOnly = true)
    public List<AlertQueries.OwnerCodeCount> openByOwnerAndCode(CurrentUser user) {
        AccessPolicy.requireSupervisor(user);
        return queries.openByOwnerAndCode(user.scope());
    }

    /** "需要关注" on My day: the open alerts on the caller's records, oldest first, each with its days. */
    @Transactional(readOnly = true)
    public List<Attention> attention(CurrentUser user, int limit) {
        LocalDate today = LocalDate.now(clock);
        return queries.attentionOf(user.scope(), today, limit).stream().map(a -> {
            Long days = a.days();
            if (a.alert().code() == AlertCode.CONTACT_OVERDUE) {
                days = coverage.contactOf(a.customerId(), today).map(ContactStatus::overdueDays).orElse(null);
            }
            return new Attention(a.alert(), days);
        }).toList();
    }
}
