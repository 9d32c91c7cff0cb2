package org.bankcrm.service.dashboard;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.ClockConfig;

/**
 * What a dashboard figure is about, resolved and checked against the caller's scope: a branch subtree (or
 * the whole bank), optionally one RM, and a period of bank-zone days, both ends inclusive.
 *
 * @param branchCode  the selected branch, null for the whole bank (admin) or an RM's own figures
 * @param branchPath  its materialised path, null when no branch narrows the selection
 * @param ownerId     the selected RM, null for everyone in the branch
 * @param ownerRm     that RM's username
 * @param from        first day of the period
 * @param to          last day of the period
 */
public record Selection(CurrentUser user, String branchCode, String branchName, String branchPath, Long ownerId,
                        String ownerRm, LocalDate from, LocalDate to) {

    /** The start of {@code from} in the bank's zone: an instant at or after it belongs to the period. */
    public OffsetDateTime start() {
        return from.atStartOfDay(ClockConfig.BANK_ZONE).toOffsetDateTime();
    }

    /** The start of the day after {@code to}: instants before it belong to the period. */
    public OffsetDateTime end() {
        return to.plusDays(1).atStartOfDay(ClockConfig.BANK_ZONE).toOffsetDateTime();
    }

    /**
     * The condition on opportunities: the caller's scope, the selected branch subtree and RM.
     *
     * @param o alias of {@code opportunity}, {@code b} alias of its {@code branch}
     */
    public ScopeSql opportunities(String o, String b) {
        return condition(o + ".owner_id", b + ".path");
    }

    /**
     * The condition on follow-ups: an RM's are those they wrote, on whichever customer (a team's opportunity in
     * another branch included; the selection has checked that the caller may read this RM's figures), so an RM's
     * count is the same for every caller who selects them; a branch's are those on customers of its subtree.
     *
     * @param f alias of {@code follow_up}, {@code b} alias of the branch of its customer
     */
    public ScopeSql followUps(String f, String b) {
        if (ownerId != null) {
            return new ScopeSql("(" + f + ".created_by = :selOwnerId)", Map.of("selOwnerId", ownerId));
        }
        return condition(f + ".created_by", b + ".path");
    }

    /**
     * The condition on the authors of follow-ups when each is credited with what they wrote (an RM's line on a
     * branch's page): one RM, or the people of the selection's branches (by their own branch, not the customers'),
     * so that an RM's line is the same wherever it is shown and no one outside the subtree is listed.
     *
     * @param f  alias of {@code follow_up}
     * @param ub alias of the branch of its author
     */
    public ScopeSql authors(String f, String ub) {
        if (ownerId != null) {
            return followUps(f, ub);
        }
        return condition(f + ".created_by", ub + ".path");
    }

    /**
     * The condition on next actions ({@link org.bankcrm.service.opportunity.PipelineRules#FROM_ACTION}): by whose
     * they are now, not who wrote them, as My day shows them.
     */
    public ScopeSql actions(String b) {
        return condition(org.bankcrm.service.opportunity.PipelineRules.ACTION_OWNER, b + ".path");
    }

    /** The condition on customers: their branch subtree, or an RM's own customers. */
    public ScopeSql customers(String c, String b) {
        return condition(c + ".owner_id", b + ".path");
    }

    /** The same condition over any owner and branch-path columns (referrals, targets). */
    public ScopeSql condition(String ownerColumn, String pathColumn) {
        ScopeSql scope = ScopeSql.of(user.scope(), ownerColumn, pathColumn);
        List<String> parts = new ArrayList<>(List.of(scope.condition()));
        Map<String, Object> params = new HashMap<>(scope.params());
        if (branchPath != null) {
            parts.add(pathColumn + " like :selBranchPattern escape '\\'");
            params.put("selBranchPattern", Scope.subtreePattern(branchPath));
        }
        if (ownerId != null) {
            parts.add(ownerColumn + " = :selOwnerId");
            params.put("selOwnerId", ownerId);
        }
        return new ScopeSql("(" + String.join(" and ", parts) + ")", params);
    }

    /**
     * The condition on branch-level rows (served counts, branch targets, the read model of D54), or null when the
     * selection is one RM's figures and branch-level rows do not apply.
     */
    public ScopeSql branches(String pathColumn) {
        if (ownerId != null) {
            return null;
        }
        return condition("null", pathColumn);
    }

    /**
     * Whether the figures of this selection are read from the per-branch read model (V36, D54): when no one RM
     * narrows it, neither a chosen RM nor the caller's own scope. An RM's figures are read from their own rows.
     */
    public boolean fromReadModel() {
        return ownerId == null && user.scope().byBranchOnly();
    }

    /** The query string that selects the same thing again (for links and exports). */
    public Map<String, String> query() {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        if (branchCode != null) {
            q.put("branch", branchCode);
        }
        if (ownerRm != null && !user.username().equals(ownerRm)) {
            q.put("owner", ownerRm);
        }
        q.put("from", from.toString());
        q.put("to", to.toString());
        return q;
    }
}
