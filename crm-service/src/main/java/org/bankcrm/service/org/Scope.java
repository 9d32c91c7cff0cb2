package org.bankcrm.service.org;

import org.bankcrm.service.shared.Texts;

/**
 * Which records a user may see, derived from the role alone:
 * an RM their own customers and opportunities; a branch head everything of their branch subtree; an
 * admin everything; a referrer no customer or opportunity (only their own referrals).
 * Every query a user triggers carries it (see the {@code *Specs} classes), so a record outside it is
 * never even loaded.
 *
 * @param branchPath the materialised path of the head's branch ({@code /HQ/BR001/}), for SUBTREE only
 */
public record Scope(Kind kind, long userId, String branchPath) {

    /** The four shapes of scope. */
    public enum Kind { OWN, SUBTREE, ALL, NONE }

    public static Scope of(CurrentUser u) {
        return switch (u.role()) {
            case RM -> new Scope(Kind.OWN, u.id(), null);
            case BRANCH_HEAD -> new Scope(Kind.SUBTREE, u.id(), u.branchPath());
            case ADMIN -> new Scope(Kind.ALL, u.id(), null);
            case REFERRER -> new Scope(Kind.NONE, u.id(), null);
            // A risk officer reads no customer, opportunity or figure as such: only approvals (ofApprovals, D45).
            case APPROVER -> new Scope(Kind.NONE, u.id(), null);
        };
    }

    /**
     * Which approvals, and the opportunities under them, a user sees (D45): approvers and branch heads those of
     * their branch subtree (by the opportunity's branch), admins all, an RM the requests they made (the owner
     * column is the requester's), referrers none. Only the approval read models and
     * {@code OpportunityService.findUnderApproval} (for an approver) use it; every other read of an approver goes
     * through {@link #of}, which gives them nothing.
     */
    public static Scope ofApprovals(CurrentUser u) {
        return switch (u.role()) {
            case APPROVER, BRANCH_HEAD -> new Scope(Kind.SUBTREE, u.id(), u.branchPath());
            case ADMIN -> new Scope(Kind.ALL, u.id(), null);
            case RM -> new Scope(Kind.OWN, u.id(), null);
            case REFERRER -> new Scope(Kind.NONE, u.id(), null);
        };
    }

    /**
     * The LIKE pattern of this SUBTREE scope's branch paths, to be used with {@code escape '\'}
     * ({@link #subtreePattern(String)}).
     */
    public String subtreePattern() {
        if (kind != Kind.SUBTREE) {
            throw new IllegalStateException("no subtree in a " + kind + " scope");
        }
        return subtreePattern(branchPath);
    }

    /**
     * The LIKE pattern that selects the branch at {@code branchPath} and every branch below it:
     * {@code path like ? escape '\'}. Branch codes may contain {@code _}, a LIKE wildcard, so the path is
     * escaped ({@link Texts#likeLiteral}); {@code /HQ/B_1/%} unescaped would also match {@code /HQ/BX1/}.
     */
    public static String subtreePattern(String branchPath) {
        return Texts.likeLiteral(branchPath) + "%";
    }

    /**
     * Whether the scope is decided by branch alone (SUBTREE, ALL, NONE), not by owner: its figures can then be read
     * from the per-branch read model (D54).
     */
    public boolean byBranchOnly() {
        return kind != Kind.OWN;
    }

    /**
     * Whether the scope is one owner's records (an RM's): its queries read the owner's index whatever else they ask,
     * so one plan a statement serves every RM (D89).
     */
    public boolean byOwner() {
        return kind == Kind.OWN;
    }

    /**
     * Whether the scope itself (not a team membership) covers a record with this owner and branch path: the
     * owner for OWN, the subtree for SUBTREE, anything for ALL. The Java twin of {@link ScopeSql#of}.
     */
    public boolean coversRecord(Long ownerId, String branchPath) {
        return switch (kind) {
            case OWN -> ownerId != null && ownerId == userId;
            case SUBTREE, ALL, NONE -> coversBranch(branchPath);
        };
    }

    /** Whether a branch with this path lies within the scope's subtree (always for ALL, never for OWN/NONE). */
    public boolean coversBranch(String branchPath) {
        return switch (kind) {
            case ALL -> true;
            case SUBTREE -> branchPath.startsWith(this.branchPath);
            case OWN, NONE -> false;
        };
    }
}
