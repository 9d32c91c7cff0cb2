package org.bankcrm.service.alert;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.ContactStatus;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.IsoDates;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.coverage.CoverageQuery;
import org.bankcrm.service.dashboard.DashboardSelector;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.PageRequestParams;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.shared.Texts;
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
    private final DashboardSelector selector;
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
                day = IsoDates.parse(asOf.strip());
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
        return queries.run(id).orElseThrow(() -> new NotFoundException("alert.run.notFound", String.valueOf(id)));
    }

    @Transactional(readOnly = true)
    public List<AlertRun> runs(CurrentUser user) {
        AccessPolicy.requireAdmin(user);
        return queries.runs(RUNS_SHOWN);
    }

    /** What the alert list is narrowed by, as a request gives it (blank: not narrowed). */
    public record ListFilter(String status, String code, String owner, String branch, String escalated) {

        /** Only the status: the other fields do not narrow. */
        public static ListFilter ofStatus(String status) {
            return new ListFilter(status, null, null, null, null);
        }
    }

    /**
     * The alerts in the caller's scope (as opportunities), filtered; bad filters reported at once. A branch narrows
     * to its subtree and must lie in the caller's scope, as on the dashboard ({@link DashboardSelector}).
     */
    @Transactional(readOnly = true)
    public Paged<AlertView> list(CurrentUser user, ListFilter filter, Integer page, Integer size) {
        AccessPolicy.requireMayWorkOnRecords(user);
        String status = filter.status();
        String code = filter.code();
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
        Boolean escalated = null;
        String esc = Texts.clean(filter.escalated());
        if (esc != null) {
            if (esc.equals("true") || esc.equals("false")) {
                escalated = Boolean.valueOf(esc);
            } else {
                errors.add(new FieldError("escalated", "alert.escalated.invalid", esc));
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
        return queries.list(user.scope(), new AlertQueries.Filter(st, c, Texts.clean(filter.owner()),
                branchPath(user, filter.branch()), escalated), p.getPageNumber(), p.getPageSize());
    }

    /** The open alerts in the caller's scope (of a branch's subtree when given) by current owner and code. */
    @Transactional(readOnly = true)
    public List<AlertQueries.OwnerCodeCount> openByOwnerAndCode(CurrentUser user, String branch) {
        AccessPolicy.requireSupervisor(user);
        return queries.openByOwnerAndCode(user.scope(), branchPath(user, branch));
    }

    /**
     * The open alerts of a dashboard's selection (its branch subtree and RM; alerts are a state, not a period): the
     * same rows as the list {@code /alerts?status=OPEN&branch=…&owner=…} counts.
     */
    @Transactional(readOnly = true)
    public AlertQueries.Figures figures(Selection sel) {
        return queries.figures(sel.user().scope(), sel.ownerRm(), sel.branchPath());
    }

    /** The path of a branch the caller may narrow to (null: none asked; refused when unknown or out of scope). */
    private String branchPath(CurrentUser user, String branch) {
        return Texts.clean(branch) == null ? null : selector.select(user, branch, null, null, null).branchPath();
    }

    /**
     * "需要关注" on My day: the first {@code limit} open alerts on the caller's records by the day they were raised (then
     * id), each with its days; shown with those raised on the same day longest waiting first (a customer never
     * contacted first of all; an alert whose count of days is gone, its condition ended since, last). The cut stays
     * the database's, by id within a day, so a head's thousands of alerts are not each counted to be sorted.
     */
    @Transactional(readOnly = true)
    public List<Attention> attention(CurrentUser user, int limit) {
        LocalDate today = LocalDate.now(clock);
        return queries.attentionOf(user.scope(), today, limit).stream().map(a -> {
            Long days = a.days();
            if (a.alert().code() == AlertCode.CONTACT_OVERDUE) {
                days = coverage.contactOf(a.customerId(), today).map(ContactStatus::overdueDays).orElse(null);
            }
            return new Attention(a.alert(), days);
        }).sorted(LONGEST_WAITING).toList();
    }

    private static final Comparator<Attention> LONGEST_WAITING = Comparator
            .comparing((Attention a) -> a.alert().raisedOn())
            .thenComparing(AlertService::waiting, Comparator.reverseOrder())
            .thenComparingLong(a -> a.alert().id());

    /** Days waited, for the order: never contacted waits longest; no count of days (condition ended) least. */
    private static long waiting(Attention a) {
        if (a.days() != null) {
            return a.days();
        }
        return a.alert().code() == AlertCode.CONTACT_OVERDUE ? Long.MAX_VALUE : -1;
    }
}
