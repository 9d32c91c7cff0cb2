package org.bankcrm.service.target;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.service.target.TargetPlanStore.PlanRow;
import org.bankcrm.service.target.TargetQueries.BranchRef;
import org.bankcrm.service.target.TargetQueries.StaffRef;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The annual branch plan (目标分解, D48): a head gives their branch (or one of its subtree) an annual figure on one
 * measure, breaks it down to the four quarters and each quarter to the branch's RMs. The breakdown must add up
 * (quarters = annual, each quarter's RMs = the quarter) or nothing is saved. A saved plan IS quarterly targets: one
 * branch target per quarter and one per RM and quarter, marked with the plan, so attainment reads them like any
 * other target. Saving again replaces the plan's targets (a hand-set target of the same key is taken over); a plan
 * names the version it replaces (D11).
 */
@Service
@RequiredArgsConstructor
public class TargetPlanService {

    /** One RM's four quarters. */
    public record PlanLine(String rm, List<BigDecimal> quarters) {
    }

    /** A plan to save; {@code version} is that of the plan it replaces as the caller read it, null for a new one. */
    public record NewPlan(String branch, Integer year, String measure, BigDecimal annual, List<BigDecimal> quarters,
                          List<PlanLine> lines, Integer version) {
    }

    /** One RM's line of a saved plan. */
    public record PlanLineView(String rm, String displayName, List<BigDecimal> quarters) {
    }

    /** A saved plan with its breakdown. */
    public record PlanView(long id, String branch, int year, TargetMeasure measure, BigDecimal annual,
                           List<BigDecimal> quarters, List<PlanLineView> lines, int version) {
    }

    /** Someone saved the plan since the caller read it (or saved one while the caller saw none): nothing saved. */
    public static final class StalePlan extends ConflictException {
        public StalePlan() {
            super("error.stale");
        }
    }

    private final TargetQueries queries;
    private final TargetPlanStore store;
    private final AuditLog audit;

    /** The plan of a branch, year and measure in the caller's scope, if there is one. */
    @Transactional(readOnly = true)
    public Optional<PlanView> plan(CurrentUser user, String branch, int year, TargetMeasure measure) {
        AccessPolicy.requireSupervisor(user);
        BranchRef b = queries.branch(branch == null ? user.branchCode() : branch);
        if (b == null || !user.scope().coversBranch(b.path())) {
            return Optional.empty();
        }
        return store.find(b.id(), year, measure).map(this::view);
    }

    private PlanView view(PlanRow p) {
        return new PlanView(p.id(), p.branch(), p.year(), p.measure(), p.annual(), store.quarters(p.id()),
                store.lines(p.id()), p.version());
    }

    /** Saves the plan and its breakdown as quarterly targets, or refuses it whole. */
    @Transactional
    public PlanView save(CurrentUser user, NewPlan cmd) {
        AccessPolicy.requireSupervisor(user);
        List<FieldError> errors = new ArrayList<>();
        String branchCode = Texts.clean(cmd.branch()) == null ? user.branchCode() : cmd.branch().strip();
        BranchRef branch = queries.branch(branchCode);
        if (branch == null || !user.scope().coversBranch(branch.path())) {
            errors.add(new FieldError("branch", "plan.branch.outOfScope", branchCode));
        }
        if (cmd.year() == null || cmd.year() < 2000 || cmd.year() > 2100) {
            errors.add(new FieldError("year", "plan.year.invalid"));
        }
        TargetMeasure measure = TargetMeasure.parse(cmd.measure());
        if (measure == null || !measure.plannable() || Texts.clean(cmd.measure()) == null) {
            errors.add(new FieldError("measure", "plan.measure.invalid", cmd.measure()));
            measure = null;
        }
        int scale = measure == null || measure.hasAmount() ? 2 : 0;
        BigDecimal annual = figure("annual", cmd.annual(), scale, true, errors);
        List<BigDecimal> quarters = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            BigDecimal v = cmd.quarters() == null || cmd.quarters().size() <= q ? null : cmd.quarters().get(q);
            quarters.add(figure("quarters[" + q + "]", v, scale, true, errors));
        }
        // Lines without an RM are skipped; field names keep the caller's index, so a message lands on its row.
        List<PlanLine> given = cmd.lines() == null ? List.of() : cmd.lines();
        List<PlanLine> lines = new ArrayList<>();
        List<Long> rmIds = new ArrayList<>();
        List<List<BigDecimal>> rmFigures = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            PlanLine l = given.get(i);
            if (l == null || Texts.clean(l.rm()) == null) {
                continue;
            }
            lines.add(l);
            String rm = l.rm().strip();
            StaffRef u = queries.staff(rm);
            if (u == null || u.role() != Role.RM || !u.enabled() || branch == null
                    || !u.path().startsWith(branch.path()) || !user.scope().coversBranch(u.path())) {
                errors.add(new FieldError("lines[" + i + "].rm", "plan.rm.outOfScope", rm));
            } else if (!seen.add(rm)) {
                errors.add(new FieldError("lines[" + i + "].rm", "plan.rm.duplicate", rm));
            }
            rmIds.add(u == null ? null : u.id());
            List<BigDecimal> figures = new ArrayList<>();
            for (int q = 0; q < 4; q++) {
                BigDecimal v = l.quarters() == null || l.quarters().size() <= q ? null : l.quarters().get(q);
                // A quarter left empty on an RM's line is no target for them: 0.
                figures.add(figure("lines[" + i + "].quarters[" + q + "]", v, scale, false, errors));
            }
            rmFigures.add(figures);
        }
        if (annual != null && quarters.stream().allMatch(q -> q != null)) {
            BigDecimal sum = quarters.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(annual) != 0) {
                errors.add(new FieldError("annual", "plan.quarters.sum", sum, annual));
            }
        }
        for (int q = 0; q < 4; q++) {
            final int k = q;
            if (quarters.get(q) != null && rmFigures.stream().allMatch(f -> f.get(k) != null)) {
                BigDecimal sum = rmFigures.stream().map(f -> f.get(k)).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (sum.compareTo(quarters.get(q)) != 0) {
                    errors.add(new FieldError("quarters[" + q + "]", "plan.rms.sum", q + 1, sum, quarters.get(q)));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        int year = cmd.year();
        Optional<PlanRow> existing = store.find(branch.id(), year, measure);
        long id;
        if (existing.isEmpty()) {
            if (cmd.version() != null) {
                throw new StalePlan();
            }
            Long inserted = store.insert(branch.id(), year, measure, annual, user.id());
            if (inserted == null) {
                throw new StalePlan();
            }
            id = inserted;
        } else if (cmd.version() == null || cmd.version() != existing.get().version()
                || !store.update(existing.get().id(), existing.get().version(), annual, user.id())) {
            throw new StalePlan();
        } else {
            id = existing.get().id();
        }
        store.clearTargets(id);
        for (int q = 0; q < 4; q++) {
            Period quarter = new Period(Period.Type.QUARTER, LocalDate.of(year, 3 * q + 1, 1));
            store.putTarget(id, measure, quarter, branch.id(), null, quarters.get(q), user.id());
            for (int i = 0; i < rmIds.size(); i++) {
                store.putTarget(id, measure, quarter, null, rmIds.get(i), rmFigures.get(i).get(q), user.id());
            }
        }
        audit.record(user.username(), "TARGET_PLAN_SET", "target_plan", String.valueOf(id),
                branchCode + " " + year + " " + measure + " annual=" + annual + " quarters=" + quarters
                        + " rms=" + lines.stream().map(PlanLine::rm).toList());
        return view(store.find(branch.id(), year, measure).orElseThrow());
    }

    /** A figure of the plan: ≥ 0, cents (amounts) or whole (counts); a missing one is an error or 0. */
    private static BigDecimal figure(String field, BigDecimal v, int scale, boolean required,
                                     List<FieldError> errors) {
        if (v == null) {
            if (required) {
                errors.add(new FieldError(field, "validation.required"));
                return null;
            }
            return BigDecimal.ZERO.setScale(scale);
        }
        if (v.signum() < 0) {
            errors.add(new FieldError(field, "plan.figure.negative"));
            return null;
        }
        if (v.stripTrailingZeros().scale() > scale || v.precision() - v.scale() > 16) {
            errors.add(new FieldError(field, scale == 0 ? "plan.figure.whole" : "target.amount.invalid"));
            return null;
        }
        return v.setScale(scale, RoundingMode.UNNECESSARY);
    }
}
