package org.bankcrm.service.org;

/**
 * Which records a user may see, derived from the role alone:
 * an RM their own customers and opportunities; a branch head everything of their branch subtree; an
 * admin everything; a referrer no customer or opportunity (only their own referrals).
 * Every query a user triggers carries it (see the {@code *Specs} classes), so a record outside it is
 * never even loaded.
 */
public record Scope(Kind kind, long userId, String branchPattern) {

    /** The four shapes of scope. */
    public enum Kind { OWN, SUBTREE, ALL, NONE }

    public static Scope of(CurrentUser u) {
        return switch (u.role()) {
            case RM -> new Scope(Kind.OWN, u.id(), null);
            case BRANCH_HEAD -> new Scope(Kind.SUBTREE, u.id(), u.branchPath() + "%");
            case ADMIN -> new Scope(Kind.ALL, u.id(), null);
            case REFERRER -> new Scope(Kind.NONE, u.id(), null);
        };
    }

    /** Whether a branch with this path lies within the scope's subtree (always for ALL, never for OWN/NONE). */
    public boolean coversBranch(String branchPath) {
        return switch (kind) {
            case ALL -> true;
            case SUBTREE -> branchPath.startsWith(branchPattern.substring(0, branchPattern.length() - 1));
            case OWN, NONE -> false;
        };
    }
}
