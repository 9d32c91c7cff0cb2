package org.bankcrm.service.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.dashboard.SelectionQueries.BranchRow;
import org.bankcrm.service.dashboard.SelectionQueries.UserRow;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Texts;
import org.springframework.stereotype.Component;

/**
 * Turns what a dashboard request asks for (branch, RM, period) into a {@link Selection}, or refuses it: a
 * branch head within their subtree, an admin anywhere (no branch: the whole bank), an RM their own figures
 * only. A missing period is the current month; half a period is completed to its month.
 */
@Component
@RequiredArgsConstructor
public class DashboardSelector {

    /** The longest period one request may cover. */
    static final long MAX_DAYS = 3 * 366;

    private final SelectionQueries queries;
    private final Clock clock;

    public Selection select(CurrentUser user, String branch, String owner, LocalDate from, LocalDate to) {
        AccessPolicy.requireMayWorkOnRecords(user);
        LocalDate today = LocalDate.now(clock);
        if (from == null && to == null) {
            from = Period.monthOf(today).start();
            to = Period.monthOf(today).lastDay();
        } else if (to == null) {
            to = Period.monthOf(from).lastDay();
        } else if (from == null) {
            from = Period.monthOf(to).start();
        }
        if (from.isAfter(to)) {
            throw new InvalidInputException("from", "dashboard.period.order");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new InvalidInputException("to", "dashboard.period.tooLong", MAX_DAYS);
        }
        String branchCode = Texts.clean(branch);
        String ownerName = Texts.clean(owner);
        if (!AccessPolicy.supervises(user)) {
            AccessPolicy.requireOwnFigures(user, ownerName, branchCode);
            return new Selection(user, user.branchCode(), branchName(user.branchCode()), null, user.id(),
                    user.username(), from, to);
        }
        BranchRow b = null;
        if (branchCode != null) {
            b = findBranch(branchCode).orElseThrow(() -> new NotFoundException("dashboard.branchNotFound", branchCode));
        } else if (!AccessPolicy.isAdmin(user)) {
            // A head's figures default to their branch (one that cannot be found has no path: refused below).
            b = findBranch(user.branchCode()).orElse(new BranchRow(user.branchCode(), null, null));
        }
        if (b != null) {
            AccessPolicy.requireBranchInScope(user, b.code(), b.path());
        }
        Long ownerId = null;
        if (ownerName != null) {
            UserRow u = queries.user(ownerName)
                    .orElseThrow(() -> new NotFoundException("user.notFound", ownerName));
            AccessPolicy.requireOwnerInScope(user, u.username(), u.path());
            ownerId = u.id();
        }
        return new Selection(user, b == null ? null : b.code(), b == null ? null : b.name(),
                b == null ? null : b.path(), ownerId, ownerId == null ? null : ownerName, from, to);
    }

    private Optional<BranchRow> findBranch(String code) {
        return queries.branch(code);
    }

    private String branchName(String code) {
        return findBranch(code).map(BranchRow::name).orElse(code);
    }
}
