package org.bankcrm.service.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private record BranchRow(String code, String name, String path) {
    }

    private record UserRow(long id, String username, Role role, String path) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public Selection select(CurrentUser user, String branch, String owner, LocalDate from, LocalDate to) {
        AccessPolicy.requireMayWorkOnRecords(user);
        LocalDate today = LocalDate.now(clock);
        if (from == null && to == null) {
            from = today.withDayOfMonth(1);
            to = from.plusMonths(1).minusDays(1);
        } else if (to == null) {
            to = from.withDayOfMonth(1).plusMonths(1).minusDays(1);
        } else if (from == null) {
            from = to.withDayOfMonth(1);
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
            UserRow u = jdbc.sql("""
                            select u.id, u.username, u.role, b.path from staff_user u join branch b on b.id = u.branch_id
                            where u.username = :name""")
                    .param("name", ownerName)
                    .query((rs, i) -> new UserRow(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                            rs.getString(4)))
                    .optional().orElseThrow(() -> new NotFoundException("user.notFound", ownerName));
            AccessPolicy.requireOwnerInScope(user, u.username(), u.path());
            ownerId = u.id();
        }
        return new Selection(user, b == null ? null : b.code(), b == null ? null : b.name(),
                b == null ? null : b.path(), ownerId, ownerId == null ? null : ownerName, from, to);
    }

    private Optional<BranchRow> findBranch(String code) {
        return jdbc.sql("select code, name, path from branch where code = :code").param("code", code)
                .query((rs, i) -> new BranchRow(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    private String branchName(String code) {
        return findBranch(code).map(BranchRow::name).orElse(code);
    }
}
