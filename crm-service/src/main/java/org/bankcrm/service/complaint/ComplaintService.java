package org.bankcrm.service.complaint;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.complaint.ComplaintCategory;
import org.bankcrm.domain.complaint.ComplaintRules;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.IsoDates;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.customer.CustomerSearch;
import org.bankcrm.service.dashboard.DashboardSelector;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.PageRequestParams;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.shared.RecordWorked;
import org.bankcrm.service.shared.Texts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Complaints (投诉, D46). Staff register them on customers of their scope, referrers on customers of their branch
 * subtree; a complaint is its customer's owner RM's to resolve, or its branch heads' when the customer has no owner
 * (heads and admins in scope may resolve any). Staff see the complaints of the customers in their scope; a referrer
 * sees the ones they registered.
 */
@Service
@RequiredArgsConstructor
public class ComplaintService {

    /** A complaint as registered; {@code receivedOn} (yyyy-MM-dd) defaults to the bank's today. */
    /** The earliest day a complaint may have been received on (the product's earliest bank date). */
    static final LocalDate EARLIEST_RECEIVED = LocalDate.of(2000, 1, 1);

    public record NewComplaint(String customerNo, String category, String text, String receivedOn) {
    }

    /** A resolution; {@code version}, when given, must still be the complaint's (else 409). */
    public record Resolution(String resolution, Integer version) {
    }

    /** Open and overdue complaints of a selection (My day, the dashboard). */
    public record Counts(long open, long overdue) {
    }

    private final ComplaintStore store;
    private final DashboardSelector selector;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    @Transactional
    public ComplaintView register(CurrentUser user, NewComplaint cmd) {
        AccessPolicy.requireMayUseComplaints(user);
        LocalDate today = LocalDate.now(clock);
        List<FieldError> errors = new ArrayList<>();
        String no = Texts.clean(cmd.customerNo());
        ComplaintStore.Target target = null;
        if (no == null) {
            errors.add(new FieldError("customerNo", "validation.required"));
        } else {
            target = store.target(no, registrable(user)).orElse(null);
            if (target == null) {
                errors.add(CustomerSearch.unknown("customerNo", cmd.customerNo()));
            }
        }
        ComplaintCategory category = null;
        if (Texts.clean(cmd.category()) == null) {
            errors.add(new FieldError("category", "validation.required"));
        } else {
            category = ComplaintCategory.parse(cmd.category());
            if (category == null) {
                errors.add(new FieldError("category", "complaint.category.unknown", cmd.category()));
            }
        }
        String text = text("text", cmd.text(), errors);
        LocalDate received = today;
        if (Texts.clean(cmd.receivedOn()) != null) {
            try {
                received = IsoDates.parse(cmd.receivedOn().strip());
                if (received.isAfter(today)) {
                    errors.add(new FieldError("receivedOn", "validation.date.future"));
                } else if (received.isBefore(EARLIEST_RECEIVED)) {
                    // a complaint of 0001-01-01 would stay overdue for ever in every figure
                    errors.add(new FieldError("receivedOn", "complaint.receivedOn.tooEarly"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("receivedOn", "complaint.receivedOn.invalid", cmd.receivedOn()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long id = store.insert(target, category, text, received, user.id());
        audit.record(user.username(), "COMPLAINT_REGISTERED", "complaint", String.valueOf(id),
                no + " " + category + " received " + received);
        return find(user, id);
    }

    @Transactional
    public ComplaintView resolve(CurrentUser user, long id, Resolution cmd) {
        ComplaintView k = find(user, id);
        AccessPolicy.requireMayResolveComplaints(user);
        List<FieldError> errors = new ArrayList<>();
        String resolution = text("resolution", cmd == null ? null : cmd.resolution(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (!k.open()) {
            throw new ConflictException("complaint.alreadyResolved", String.valueOf(id));
        }
        Long customerId = store.resolve(id, cmd.version(), resolution, LocalDate.now(clock), user.id())
                .orElseThrow(() -> new ConflictException("complaint.changed", String.valueOf(id)));
        // the customer's COMPLAINT_OVERDUE alert resolves now if this was its last overdue complaint (D38)
        events.publishEvent(new RecordWorked(null, customerId));
        audit.record(user.username(), "COMPLAINT_RESOLVED", "complaint", String.valueOf(id), k.customerNo());
        return find(user, id);
    }

    /** One complaint the user may see (else 404, like a missing one). */
    @Transactional(readOnly = true)
    public ComplaintView find(CurrentUser user, long id) {
        AccessPolicy.requireMayUseComplaints(user);
        return store.find(id, visible(user), isReferrer(user), LocalDate.now(clock))
                .orElseThrow(() -> new NotFoundException("complaint.notFound", String.valueOf(id)));
    }

    /**
     * The complaints the user sees, filtered (status OPEN|RESOLVED, overdue only); heads and admins may narrow to a
     * branch and an RM as on the dashboard (the same selection, so its counts open the same list).
     */
    @Transactional(readOnly = true)
    public Paged<ComplaintView> list(CurrentUser user, String status, Boolean overdue, String branch, String owner,
                                     Integer page, Integer size) {
        AccessPolicy.requireMayUseComplaints(user);
        List<FieldError> errors = new ArrayList<>();
        String st = Texts.clean(status);
        if (st != null && !st.equals("OPEN") && !st.equals("RESOLVED")) {
            errors.add(new FieldError("status", "complaint.status.unknown", st));
        }
        PageRequest p = null;
        try {
            p = PageRequestParams.of(page, size, 50, Sort.unsorted());
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        ScopeSql visible = isReferrer(user) ? visible(user) : selection(user, branch, owner).customers("c", "b");
        LocalDate today = LocalDate.now(clock);
        ComplaintStore.Filter filter = new ComplaintStore.Filter(st, Boolean.TRUE.equals(overdue), null);
        long total = store.count(visible, filter, today);
        return new Paged<>(store.list(visible, filter, isReferrer(user), today, p.getOffset(), p.getPageSize()),
                p.getPageNumber(), p.getPageSize(), total);
    }

    /** Open and overdue complaints of a dashboard selection (an RM: their customers'). */
    @Transactional(readOnly = true)
    public Counts counts(Selection selection) {
        long[] c = store.openAndOverdue(selection.customers("c", "b"), LocalDate.now(clock));
        return new Counts(c[0], c[1]);
    }

    /** Open and overdue complaints of the user's own customers, for My day (none for a referrer). */
    @Transactional(readOnly = true)
    public Counts mine(CurrentUser user) {
        if (!AccessPolicy.mayWorkOnRecords(user)) {
            return new Counts(0, 0);
        }
        return counts(selection(user, null, null));
    }

    /** The open complaints of the user's scope, the earliest due first, for My day. */
    @Transactional(readOnly = true)
    public List<ComplaintView> openOf(CurrentUser user, int limit) {
        if (!AccessPolicy.mayWorkOnRecords(user)) {
            return List.of();
        }
        return store.list(selection(user, null, null).customers("c", "b"),
                new ComplaintStore.Filter("OPEN", false, null), false, LocalDate.now(clock), 0, limit);
    }

    private Selection selection(CurrentUser user, String branch, String owner) {
        return selector.select(user, branch, owner, null, null);
    }

    /** Whom a complaint may be registered on: the customers in scope, a referrer's branch subtree's. */
    private static ScopeSql registrable(CurrentUser user) {
        return isReferrer(user) ? ScopeSql.underBranchPath(user.branchPath(), "b.path")
                : ScopeSql.of(user.scope(), "c.owner_id", "b.path");
    }

    /** The complaints the user sees: those of the customers in scope, or those a referrer registered. */
    private static ScopeSql visible(CurrentUser user) {
        return isReferrer(user) ? new ScopeSql("k.registered_by = :me", java.util.Map.of("me", user.id()))
                : ScopeSql.of(user.scope(), "c.owner_id", "b.path");
    }

    /** A referrer (the callers have refused everyone else who does not work on records). */
    private static boolean isReferrer(CurrentUser user) {
        return !AccessPolicy.mayWorkOnRecords(user);
    }

    private static String text(String field, String value, List<FieldError> errors) {
        String clean = Texts.clean(value);
        if (clean == null) {
            errors.add(new FieldError(field, "validation.required"));
        } else if (clean.length() > ComplaintRules.TEXT_MAX) {
            errors.add(new FieldError(field, "validation.size.max", 0, ComplaintRules.TEXT_MAX));
        }
        return clean;
    }
}
