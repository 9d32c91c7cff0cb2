package org.bankcrm.service.org;

import org.bankcrm.domain.opportunity.TeamRole;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.shared.ForbiddenException;
import org.bankcrm.domain.shared.Masking;

/**
 * Who may do what: the one place that answers "may this user see, change, decide this, administer". Every
 * service asks it, and so does the web when it chooses what to offer; nothing else compares roles to allow or
 * refuse, and only this class throws {@link ForbiddenException} (403). Which records a user sees at all is
 * their {@link Scope} (404 outside it), turned into query conditions by {@link ScopeSql} alone.
 *
 * <p>Every question is a pure function of the user (and the record's facts), so the rules are testable without
 * Spring; a rule that needs more (a team, an approver) is added here, and its record set to {@link Scope}.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /** Administers the system: users, branches, settings, imports, discovery, scoring, audit. */
    public static boolean isAdmin(CurrentUser user) {
        return user.is(Role.ADMIN);
    }

    public static void requireAdmin(CurrentUser user) {
        if (!isAdmin(user)) {
            throw forbidden();
        }
    }

    /**
     * Supervises the records of their scope (branch heads and admins): reassigns owners, reopens closed
     * opportunities, narrows lists to one RM, sets targets and routes referrals.
     */
    public static boolean supervises(CurrentUser user) {
        return user.role().supervises();
    }

    public static void requireSupervisor(CurrentUser user) {
        if (!supervises(user)) {
            throw forbidden();
        }
    }

    /**
     * Chooses the owning RM of what they create (a customer, an opportunity, an accepted referral); an RM owns
     * what they create.
     */
    public static boolean choosesOwners(CurrentUser user) {
        return supervises(user);
    }

    /** Gives a customer of their scope to another RM. */
    public static void requireMayReassignCustomer(CurrentUser user) {
        if (!supervises(user)) {
            throw new ForbiddenException("customer.reassign.forbidden");
        }
    }

    /** Hands an RM's whole book (customers, open opportunities, planned visits) to others: heads and admins. */
    public static void requireMayHandOverBooks(CurrentUser user) {
        if (!supervises(user)) {
            throw new ForbiddenException("handover.forbidden");
        }
    }

    /** Gives an opportunity of their scope to another RM. */
    public static void requireMayReassignOpportunity(CurrentUser user) {
        if (!supervises(user)) {
            throw new ForbiddenException("opportunity.reassign.forbidden");
        }
    }

    /** Moves a closed opportunity back to an open stage (the domain guards the same rule with the same role). */
    public static boolean mayReopen(CurrentUser user) {
        return supervises(user);
    }

    /**
     * Works on customers, opportunities, My day and dashboards: everyone but referrers and risk officers (who read
     * only the approvals of their subtree and the opportunities under them, D45).
     */
    public static boolean mayWorkOnRecords(CurrentUser user) {
        return !user.is(Role.REFERRER) && !user.is(Role.APPROVER);
    }

    public static void requireMayWorkOnRecords(CurrentUser user) {
        if (!mayWorkOnRecords(user)) {
            throw forbidden();
        }
    }

    /**
     * Sees one personal datum of a customer of their scope in full: its owning RM, or a branch head (whose
     * subtree holds it, which the scope has checked); admins and everyone else see it masked. For a customer
     * reached another way (an opportunity's team), {@link #mayReveal(CurrentUser, String, String)}.
     */
    public static boolean mayReveal(CurrentUser user, String ownerUsername) {
        return user.is(Role.BRANCH_HEAD) || user.is(Role.RM) && user.username().equals(ownerUsername);
    }

    /**
     * The same for a customer reached any way, a team's opportunity included: its owning RM, or a branch head whose
     * subtree holds the customer's branch ({@code customerBranchPath}); a head who is a team member on another
     * subtree's opportunity sees its customer's numbers masked, as any other member does.
     */
    public static boolean mayReveal(CurrentUser user, String ownerUsername, String customerBranchPath) {
        if (user.is(Role.BRANCH_HEAD)) {
            return customerBranchPath != null && user.scope().coversBranch(customerBranchPath);
        }
        return user.is(Role.RM) && user.username().equals(ownerUsername);
    }

    /**
     * Free text someone wrote on a customer's record (a next action, a loss's comment, a visit's purpose) as
     * {@code user} may read it: in full when they may reveal the customer
     * ({@link #mayReveal(CurrentUser, String, String)}), with phone and ID-like numbers masked otherwise.
     */
    public static String textFor(CurrentUser user, String ownerUsername, String customerBranchPath, String text) {
        return mayReveal(user, ownerUsername, customerBranchPath) ? text : Masking.inText(text);
    }

    public static void requireMayReveal(CurrentUser user, String ownerUsername) {
        if (!mayReveal(user, ownerUsername)) {
            throw new ForbiddenException("customer.reveal.forbidden");
        }
    }

    /** Registers a customer in this branch: an RM in their own branch, a supervisor within their scope. */
    public static boolean mayRegisterIn(CurrentUser user, long branchId, String branchPath) {
        return switch (user.role()) {
            case RM -> branchId == user.branchId();
            case BRANCH_HEAD, ADMIN -> user.scope().coversBranch(branchPath);
            case REFERRER, APPROVER -> false;
        };
    }

    /** Plans visits: RMs, for themselves. */
    public static void requireMayPlanVisits(CurrentUser user) {
        if (!user.is(Role.RM)) {
            throw forbidden();
        }
    }

    /** Refers a customer of their branch subtree: referrers, RMs and branch heads. */
    public static void requireMayRefer(CurrentUser user) {
        if (!user.is(Role.REFERRER) && !user.is(Role.RM) && !user.is(Role.BRANCH_HEAD)) {
            throw forbidden();
        }
    }

    /** Reads referrals and the referral form: everyone but risk officers, who see approvals only (D45). */
    public static boolean mayUseReferrals(CurrentUser user) {
        return !user.is(Role.APPROVER);
    }

    public static void requireMayUseReferrals(CurrentUser user) {
        if (!mayUseReferrals(user)) {
            throw forbidden();
        }
    }

    /**
     * Reads incentive statements (whose, the scope decides): everyone but risk officers, who earn none and see
     * approvals only (D45).
     */
    public static void requireMayReadIncentives(CurrentUser user) {
        if (user.is(Role.APPROVER)) {
            throw forbidden();
        }
    }

    /** Accepts or rejects the referrals they see: everyone but the referrers who made them and risk officers. */
    public static boolean mayDecideReferrals(CurrentUser user) {
        return !user.is(Role.REFERRER) && !user.is(Role.APPROVER);
    }

    public static void requireMayDecideReferrals(CurrentUser user) {
        if (!mayDecideReferrals(user)) {
            throw forbidden();
        }
    }

    /** Sets and removes branch targets (not an RM's): admins. */
    public static void requireMayChangeBranchTargets(CurrentUser user) {
        if (!isAdmin(user)) {
            throw new ForbiddenException("target.branch.adminOnly");
        }
    }

    /**
     * An RM's dashboard shows their own figures only: no other owner, no other branch.
     *
     * @param owner      the owner asked for, or null
     * @param branchCode the branch asked for, or null
     */
    public static void requireOwnFigures(CurrentUser user, String owner, String branchCode) {
        if (owner != null && !owner.equals(user.username())
                || branchCode != null && !branchCode.equals(user.branchCode())) {
            throw new ForbiddenException("dashboard.ownFiguresOnly");
        }
    }

    /** Figures of a branch: it must lie in the user's scope (one that cannot be found lies in nobody's). */
    public static void requireBranchInScope(CurrentUser user, String branchCode, String branchPath) {
        if (branchPath == null) {
            throw forbidden();
        }
        if (!user.scope().coversBranch(branchPath)) {
            throw new ForbiddenException("dashboard.branchOutOfScope", branchCode);
        }
    }

    /** Figures of an owner: their branch must lie in the user's scope. */
    public static void requireOwnerInScope(CurrentUser user, String username, String ownerBranchPath) {
        if (!user.scope().coversBranch(ownerBranchPath)) {
            throw new ForbiddenException("dashboard.ownerOutOfScope", username);
        }
    }

    /**
     * The branch subtree the user works in, for pickers of branches and RMs: the whole bank for an admin, their
     * branch and its sub-branches for everyone else.
     */
    public static String workingSubtree(CurrentUser user) {
        return isAdmin(user) ? "/" : user.branchPath();
    }

    /** Defines, lists and exports customer groups (客户分群): branch heads and admins. */
    public static boolean mayManageSegments(CurrentUser user) {
        return user.is(Role.BRANCH_HEAD) || isAdmin(user);
    }

    public static void requireMayManageSegments(CurrentUser user) {
        if (!mayManageSegments(user)) {
            throw forbidden();
        }
    }

    /** Creates, launches, ends campaigns (名单制营销) and assigns their queued targets: branch heads and admins. */
    public static boolean mayManageCampaigns(CurrentUser user) {
        return user.is(Role.BRANCH_HEAD) || isAdmin(user);
    }

    public static void requireMayManageCampaigns(CurrentUser user) {
        if (!mayManageCampaigns(user)) {
            throw forbidden();
        }
    }

    // --- Risk approval (D45) ---

    /**
     * Asks for the approval of an opportunity: the contract's "owner or CO_OWNER", that is whoever may change it
     * ({@link #mayChangeOpportunity}: its scope, the owner, heads and admins, or a CO_OWNER of its team).
     */
    public static boolean mayRequestApproval(CurrentUser user, OpportunityAccess access) {
        return mayChangeOpportunity(user, access);
    }

    public static void requireMayRequestApproval(CurrentUser user, OpportunityAccess access) {
        if (!mayRequestApproval(user, access)) {
            throw new ForbiddenException("approval.request.forbidden");
        }
    }

    /** Decides approvals (of their subtree, which the scope checks): risk officers. */
    public static boolean mayDecideApprovals(CurrentUser user) {
        return user.is(Role.APPROVER);
    }

    /** Decides this request: a risk officer who did not ask for it. */
    public static void requireMayDecideApproval(CurrentUser user, long requesterId) {
        if (!mayDecideApprovals(user)) {
            throw new ForbiddenException("approval.decide.forbidden");
        }
        if (requesterId == user.id()) {
            throw new ForbiddenException("approval.decide.ownRequest");
        }
    }

    /** Opens the approval inbox: everyone who sees approvals (risk officers, heads, admins, RMs their requests). */
    public static boolean mayUseApprovals(CurrentUser user) {
        return !user.is(Role.REFERRER);
    }

    public static void requireMayUseApprovals(CurrentUser user) {
        if (!mayUseApprovals(user)) {
            throw forbidden();
        }
    }

    // Opportunity teams (D44): the scope (owner, heads, admins) works an opportunity fully; a CO_OWNER works it
    // like the owner; a SUPPORT member logs follow-ups and comments; the team is managed by the scope alone.

    /** Edits an opportunity and moves its stage: its scope (owner, head, admin) or a CO_OWNER of its team. */
    public static boolean mayChangeOpportunity(CurrentUser user, OpportunityAccess access) {
        return mayWorkOnRecords(user) && (access.inScope() || access.teamRole() == TeamRole.CO_OWNER);
    }

    public static void requireMayChangeOpportunity(CurrentUser user, OpportunityAccess access) {
        if (!mayChangeOpportunity(user, access)) {
            throw new ForbiddenException("team.forbidden.change");
        }
    }

    /** Logs a follow-up and comments on an opportunity: its scope or any member of its team. */
    public static boolean mayContribute(CurrentUser user, OpportunityAccess access) {
        return mayWorkOnRecords(user) && (access.inScope() || access.teamRole() != null);
    }

    public static void requireMayContribute(CurrentUser user, OpportunityAccess access) {
        if (!mayContribute(user, access)) {
            throw forbidden();
        }
    }

    /** Whether the navigation offers the approval inbox: risk officers, heads and admins (RMs reach it per deal). */
    public static boolean offersApprovalInbox(CurrentUser user) {
        return user.is(Role.APPROVER) || supervises(user);
    }

    /** Whether the user is a risk officer, whose navigation shows only the approval inbox. */
    public static boolean onlyApproves(CurrentUser user) {
        return user.is(Role.APPROVER);
    }

    /** Registers and reads complaints (D46): staff who work on records, and referrers; never a risk officer. */
    public static boolean mayUseComplaints(CurrentUser user) {
        return mayWorkOnRecords(user) || user.is(Role.REFERRER);
    }

    public static void requireMayUseComplaints(CurrentUser user) {
        if (!mayUseComplaints(user)) {
            throw forbidden();
        }
    }

    /**
     * Resolves the complaints they see (D46): the customer's owner RM, heads and admins in scope; not referrers, who
     * see only the complaints they registered.
     */
    public static boolean mayResolveComplaints(CurrentUser user) {
        return mayWorkOnRecords(user);
    }

    public static void requireMayResolveComplaints(CurrentUser user) {
        if (!mayResolveComplaints(user)) {
            throw new ForbiddenException("complaint.resolve.forbidden");
        }
    }

    /**
     * Reads the branch league table (D53): admins, and heads whose branch has child branches (the caller says whether
     * it has).
     */
    public static boolean mayReadLeague(CurrentUser user, boolean branchHasChildren) {
        return isAdmin(user) || user.is(Role.BRANCH_HEAD) && branchHasChildren;
    }

    public static void requireMayReadLeague(CurrentUser user, boolean branchHasChildren) {
        if (!mayReadLeague(user, branchHasChildren)) {
            throw new ForbiddenException("league.forbidden");
        }
    }

    /**
     * Adds and removes team members, reassigns: the opportunity's scope (its owner, heads of its branch path,
     * admins), never a member as such.
     */
    public static boolean mayManageTeam(CurrentUser user, OpportunityAccess access) {
        return mayWorkOnRecords(user) && access.inScope();
    }

    public static void requireMayManageTeam(CurrentUser user, OpportunityAccess access) {
        if (!mayManageTeam(user, access)) {
            throw new ForbiddenException("team.forbidden.manage");
        }
    }

    /**
     * Reopens a closed opportunity as far as the team goes: only through the scope (a head who is only a team
     * member of another branch's deal may not); whether the role may reopen at all is {@link #mayReopen}, which the
     * domain guards too.
     */
    public static void requireMayReopen(CurrentUser user, OpportunityAccess access) {
        if (!access.inScope()) {
            throw forbidden();
        }
    }

    /**
     * Whom a team may take: staff who work on records (RMs, heads, admins); never a referrer, nor a risk officer, who
     * decides the approvals of deals and may hold no credit in them (D45).
     */
    public static boolean mayJoinTeams(Role role) {
        return role == Role.RM || role == Role.BRANCH_HEAD || role == Role.ADMIN;
    }

    private static ForbiddenException forbidden() {
        return new ForbiddenException("error.forbidden");
    }
}
