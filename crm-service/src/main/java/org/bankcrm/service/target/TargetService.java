package org.bankcrm.service.target;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.service.shared.Versions;
import org.bankcrm.service.target.TargetQueries.StaffRef;
import org.bankcrm.service.target.TargetQueries.TargetView;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Targets. Heads set monthly or quarterly targets for the RMs of their subtree on one {@link TargetMeasure} (won:
 * amount and/or count, optionally per product category; new customers and activity: a count; AUM growth: an
 * amount); admins also set branch targets (an annual plan sets a head's own, {@link TargetPlanService}). Every change is validated with field messages, kept
 * within the caller's subtree, names the version it replaces (D11) and is audited.
 */
@Service
@RequiredArgsConstructor
public class TargetService {

    /**
     * A target to set; {@code rm} for an RM target, else {@code branch} for a branch target. {@code version} is
     * the version of the target it replaces as the caller read it, null when the caller saw none.
     */
    public record NewTarget(String measure, String periodType, LocalDate periodStart, String rm, String branch,
                            String category, BigDecimal amount, Integer count, Integer version) {
    }

    /**
     * Someone else set the same target since the caller read it (or set it while the caller saw none): nothing
     * was saved. {@code current} is the target as it is now, so the page can show it and offer to re-apply.
     */
    public static final class StaleTarget extends ConflictException {

        private final transient TargetView current;

        public StaleTarget(TargetView current) {
            super("error.stale");
            this.current = current;
        }

        public TargetView current() {
            return current;
        }
    }

    private final TargetQueries queries;
    private final TargetStore store;
    private final AuditLog audit;

    private record Who(Long rmId, Long branchId) {
    }

    /** Sets the target of one RM or branch, period and category, or replaces it at the version the caller read. */
    @Transactional
    public TargetView set(CurrentUser user, NewTarget cmd) {
        AccessPolicy.requireSupervisor(user);
        List<FieldError> errors = new ArrayList<>();
        Period period = period(cmd, errors);
        TargetMeasure measure = TargetMeasure.parse(cmd.measure());
        if (measure == null) {
            errors.add(new FieldError("measure", "target.measure.invalid", cmd.measure()));
        }
        ProductCategory category = null;
        if (Texts.clean(cmd.category()) != null && measure != null && measure != TargetMeasure.WON) {
            errors.add(new FieldError("category", "target.category.onlyWon"));
        } else if (Texts.clean(cmd.category()) != null) {
            try {
                category = ProductCategory.valueOf(cmd.category().strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("category", "target.category.invalid", cmd.category()));
            }
        }
        if (measure == TargetMeasure.WON && cmd.amount() == null && cmd.count() == null) {
            errors.add(new FieldError("amount", "target.amountOrCount"));
        } else if (measure != null && measure != TargetMeasure.WON) {
            // One figure per measure: an amount (AUM growth) or a count (new customers, the weekly quota).
            if (measure.hasAmount() && cmd.amount() == null) {
                errors.add(new FieldError("amount", "target.amount.required"));
            }
            if (!measure.hasAmount() && cmd.amount() != null) {
                errors.add(new FieldError("amount", "target.amount.notForMeasure"));
            }
            if (measure.hasCount() && cmd.count() == null) {
                errors.add(new FieldError("count", "target.count.required"));
            }
            if (!measure.hasCount() && cmd.count() != null) {
                errors.add(new FieldError("count", "target.count.notForMeasure"));
            }
        }
        if (cmd.amount() != null && (cmd.amount().signum() < 0 || cmd.amount().scale() > 2
                || cmd.amount().precision() - cmd.amount().scale() > 16)) {
            errors.add(new FieldError("amount", "target.amount.invalid"));
        }
        if (cmd.count() != null && cmd.count() < 0) {
            errors.add(new FieldError("count", "target.count.invalid"));
        }
        String rm = Texts.clean(cmd.rm());
        String branchCode = Texts.clean(cmd.branch());
        Who who = who(user, rm, branchCode, errors);
        if (measure == TargetMeasure.ACTIVITY && rm == null && branchCode != null) {
            errors.add(new FieldError("branch", "target.activity.rmOnly"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        BigDecimal amount = cmd.amount() == null ? null : cmd.amount().setScale(2, RoundingMode.UNNECESSARY);
        TargetView existing = queries.byKey(measure, period, who.branchId(), who.rmId(), category).orElse(null);
        long id;
        if (existing == null) {
            if (cmd.version() != null) {
                // an edit of a target deleted since the form was shown: not brought back
                throw new StaleTarget(null);
            }
            Long inserted = store.insert(measure, period, who.branchId(), who.rmId(), category, amount, cmd.count(), user.id());
            if (inserted == null) {
                throw new StaleTarget(queries.byKey(measure, period, who.branchId(), who.rmId(), category).orElse(null));
            }
            id = inserted;
        } else if (cmd.version() == null || cmd.version() != existing.version()
                || !store.update(existing.id(), existing.version(), amount, cmd.count(), user.id())) {
            throw new StaleTarget(queries.byKey(measure, period, who.branchId(), who.rmId(), category).orElse(existing));
        } else {
            id = existing.id();
        }
        audit.record(user.username(), "TARGET_SET", "target", String.valueOf(id),
                measure + " " + period.type() + " " + period.start() + " " + (rm != null ? "rm=" + rm : "branch=" + branchCode)
                        + (category == null ? "" : " " + category) + " amount=" + amount + " count=" + cmd.count());
        return queries.overlapping(user, period.start(), period.start()).stream().filter(t -> t.id() == id)
                .findFirst().orElseThrow();
    }

    private static Period period(NewTarget cmd, List<FieldError> errors) {
        String name = Texts.clean(cmd.periodType());
        Period.Type type = Period.Type.parse(name);
        if (type == null) {
            errors.add(new FieldError("periodType", "target.periodType.invalid"));
        }
        LocalDate start = cmd.periodStart();
        if (start == null) {
            errors.add(new FieldError("periodStart", "validation.required"));
        } else if (!Period.isValidStart(type == null ? Period.Type.MONTH : type, start)) {
            errors.add(new FieldError("periodStart", "target.periodStart.invalid"));
        }
        return type == null || start == null || !Period.isValidStart(type, start) ? null : new Period(type, start);
    }

    private Who who(CurrentUser user, String rm, String branchCode, List<FieldError> errors) {
        if (rm != null) {
            StaffRef u = queries.staff(rm);
            if (u == null || u.role() != Role.RM || !u.enabled() || !user.scope().coversBranch(u.path())) {
                errors.add(new FieldError("rm", "target.rm.outOfScope", rm));
                return null;
            }
            return new Who(u.id(), null);
        }
        if (branchCode == null) {
            errors.add(new FieldError("rm", "target.who.required"));
            return null;
        }
        if (!AccessPolicy.isAdmin(user)) {
            errors.add(new FieldError("branch", "target.branch.adminOnly"));
            return null;
        }
        TargetQueries.BranchRef b = queries.branch(branchCode);
        if (b == null) {
            errors.add(new FieldError("branch", "dashboard.branchNotFound", branchCode));
            return null;
        }
        return new Who(null, b.id());
    }

    /**
     * Removes a target in the caller's scope; with {@code version} (as the caller saw it; null: whatever it is now),
     * one changed since is a conflict ({@code error.stale}) and stays.
     */
    @Transactional
    public void delete(CurrentUser user, long id, Integer version) {
        AccessPolicy.requireSupervisor(user);
        TargetView t = queries.inScope(user, id)
                .orElseThrow(() -> new NotFoundException("target.notFound", String.valueOf(id)));
        if (t.rm() == null) {
            AccessPolicy.requireMayChangeBranchTargets(user);
        }
        Versions.check(version, t.version());
        if (!store.delete(id, t.version())) {
            throw new ConflictException("error.stale");
        }
        audit.record(user.username(), "TARGET_DELETED", "target", String.valueOf(id),
                t.periodType() + " " + t.periodStart() + " "
                        + (t.rm() != null ? "rm=" + t.rm() : "branch=" + t.branch()));
    }

    /** The target {@code id} with its current version, if it is in the caller's scope. */
    @Transactional(readOnly = true)
    public Optional<TargetView> target(CurrentUser user, long id) {
        AccessPolicy.requireSupervisor(user);
        return queries.inScope(user, id);
    }

    /** The targets in the caller's scope whose period overlaps [from, to]. */
    @Transactional(readOnly = true)
    public List<TargetView> targets(CurrentUser user, LocalDate from, LocalDate to) {
        AccessPolicy.requireSupervisor(user);
        return queries.overlapping(user, from, to);
    }
}
