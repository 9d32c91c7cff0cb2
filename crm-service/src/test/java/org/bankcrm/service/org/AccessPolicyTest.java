package org.bankcrm.service.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.shared.CrmException;
import org.bankcrm.domain.shared.ForbiddenException;
import org.junit.jupiter.api.Test;

/** The policy and the scope translation without Spring: who may do what, and what they see. */
class AccessPolicyTest {

    private static final CurrentUser ADMIN = user(1, "admin", Role.ADMIN, "/HQ/");
    private static final CurrentUser HEAD = user(2, "head1", Role.BRANCH_HEAD, "/HQ/B_1/");
    private static final CurrentUser RM = user(3, "rm1", Role.RM, "/HQ/B_1/");
    private static final CurrentUser REFERRER = user(4, "teller1", Role.REFERRER, "/HQ/B_1/");

    private static CurrentUser user(long id, String name, Role role, String path) {
        return new CurrentUser(id, name, name, role, 10, "B_1", path);
    }

    @Test
    void onlyAdminsAdminister() {
        assertThatCode(() -> AccessPolicy.requireAdmin(ADMIN)).doesNotThrowAnyException();
        for (CurrentUser u : new CurrentUser[]{HEAD, RM, REFERRER}) {
            assertThatThrownBy(() -> AccessPolicy.requireAdmin(u)).isInstanceOf(ForbiddenException.class)
                    .extracting(e -> ((CrmException) e).messageKey()).isEqualTo("error.forbidden");
        }
    }

    @Test
    void headsAndAdminsSupervise() {
        assertThat(AccessPolicy.supervises(ADMIN)).isTrue();
        assertThat(AccessPolicy.supervises(HEAD)).isTrue();
        assertThat(AccessPolicy.supervises(RM)).isFalse();
        assertThat(AccessPolicy.supervises(REFERRER)).isFalse();
        assertThatThrownBy(() -> AccessPolicy.requireMayReassignCustomer(RM))
                .extracting(e -> ((CrmException) e).messageKey()).isEqualTo("customer.reassign.forbidden");
        assertThatThrownBy(() -> AccessPolicy.requireMayReassignOpportunity(RM))
                .extracting(e -> ((CrmException) e).messageKey()).isEqualTo("opportunity.reassign.forbidden");
    }

    @Test
    void customerGroupsAreForHeadsAndAdmins() {
        assertThat(AccessPolicy.mayManageSegments(ADMIN)).isTrue();
        assertThat(AccessPolicy.mayManageSegments(HEAD)).isTrue();
        assertThat(AccessPolicy.mayManageSegments(RM)).isFalse();
        assertThat(AccessPolicy.mayManageSegments(REFERRER)).isFalse();
        assertThatThrownBy(() -> AccessPolicy.requireMayManageSegments(RM)).isInstanceOf(ForbiddenException.class);
        assertThatCode(() -> AccessPolicy.requireMayManageSegments(HEAD)).doesNotThrowAnyException();
    }

    @Test
    void revealIsForTheOwningRmAndHeadsOnly() {
        assertThat(AccessPolicy.mayReveal(RM, "rm1")).isTrue();
        assertThat(AccessPolicy.mayReveal(RM, "rm2")).isFalse();
        assertThat(AccessPolicy.mayReveal(HEAD, "rm2")).isTrue();
        assertThat(AccessPolicy.mayReveal(ADMIN, "rm2")).isFalse();
        assertThat(AccessPolicy.mayReveal(REFERRER, "teller1")).isFalse();
    }

    @Test
    void referrersWorkOnTheirReferralsOnly() {
        assertThatThrownBy(() -> AccessPolicy.requireMayWorkOnRecords(REFERRER)).isInstanceOf(ForbiddenException.class);
        assertThatCode(() -> AccessPolicy.requireMayRefer(REFERRER)).doesNotThrowAnyException();
        assertThatThrownBy(() -> AccessPolicy.requireMayRefer(ADMIN)).isInstanceOf(ForbiddenException.class);
        assertThat(AccessPolicy.mayDecideReferrals(REFERRER)).isFalse();
    }

    @Test
    void dashboardsStayInScope() {
        assertThatThrownBy(() -> AccessPolicy.requireOwnFigures(RM, "rm2", null))
                .extracting(e -> ((CrmException) e).messageKey()).isEqualTo("dashboard.ownFiguresOnly");
        assertThatCode(() -> AccessPolicy.requireOwnFigures(RM, "rm1", "B_1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> AccessPolicy.requireBranchInScope(HEAD, "BX1", "/HQ/BX1/"))
                .extracting(e -> ((CrmException) e).messageKey()).isEqualTo("dashboard.branchOutOfScope");
        assertThatThrownBy(() -> AccessPolicy.requireBranchInScope(HEAD, "B_1", null))
                .extracting(e -> ((CrmException) e).messageKey()).isEqualTo("error.forbidden");
        assertThatCode(() -> AccessPolicy.requireBranchInScope(HEAD, "B_1A", "/HQ/B_1/B_1A/"))
                .doesNotThrowAnyException();
        assertThat(AccessPolicy.workingSubtree(ADMIN)).isEqualTo("/");
        assertThat(AccessPolicy.workingSubtree(HEAD)).isEqualTo("/HQ/B_1/");
    }

    @Test
    void eachKindOfScopeBecomesOneSqlCondition() {
        assertThat(ScopeSql.of(RM.scope(), "o.owner_id", "b.path"))
                .isEqualTo(new ScopeSql("o.owner_id = :scopeUserId", Map.of("scopeUserId", 3L)));
        // The branch code's underscore is a LIKE wildcard: escaped, so /HQ/BX1/ is not in the subtree.
        assertThat(ScopeSql.of(HEAD.scope(), "o.owner_id", "b.path"))
                .isEqualTo(new ScopeSql("b.path like :scopeBranchPattern escape '\\'",
                        Map.of("scopeBranchPattern", "/HQ/B\\_1/%")));
        assertThat(ScopeSql.of(ADMIN.scope(), "o.owner_id", "b.path").condition()).isEqualTo("true");
        assertThat(ScopeSql.of(REFERRER.scope(), "o.owner_id", "b.path").condition()).isEqualTo("false");
    }

    private static final CurrentUser APPROVER = user(5, "risk1", Role.APPROVER, "/HQ/B_1/");

    @Test
    void aRiskOfficerReadsApprovalsOfTheSubtreeAndNothingElse() {
        assertThat(Scope.of(APPROVER).kind()).isEqualTo(Scope.Kind.NONE);
        assertThat(ScopeSql.of(Scope.of(APPROVER), "o.owner_id", "b.path").condition()).isEqualTo("false");
        Scope approvals = Scope.ofApprovals(APPROVER);
        assertThat(approvals.kind()).isEqualTo(Scope.Kind.SUBTREE);
        assertThat(approvals.coversBranch("/HQ/B_1/X/")).isTrue();
        assertThat(approvals.coversBranch("/HQ/BX1/")).isFalse();
        assertThat(Scope.ofApprovals(RM).kind()).isEqualTo(Scope.Kind.OWN);
        assertThat(Scope.ofApprovals(HEAD).kind()).isEqualTo(Scope.Kind.SUBTREE);
        assertThat(Scope.ofApprovals(ADMIN).kind()).isEqualTo(Scope.Kind.ALL);
        assertThat(Scope.ofApprovals(REFERRER).kind()).isEqualTo(Scope.Kind.NONE);
        assertThat(AccessPolicy.mayWorkOnRecords(APPROVER)).isFalse();
        assertThat(AccessPolicy.mayDecideReferrals(APPROVER)).isFalse();
        assertThat(AccessPolicy.mayUseReferrals(APPROVER)).isFalse();
        assertThat(AccessPolicy.supervises(APPROVER)).isFalse();
        assertThat(AccessPolicy.mayRegisterIn(APPROVER, 10, "/HQ/B_1/")).isFalse();
    }

    @Test
    void onlyARiskOfficerDecidesAndNeverTheirOwnRequest() {
        assertThatCode(() -> AccessPolicy.requireMayDecideApproval(APPROVER, RM.id())).doesNotThrowAnyException();
        assertThatThrownBy(() -> AccessPolicy.requireMayDecideApproval(APPROVER, APPROVER.id()))
                .extracting(e -> ((CrmException) e).messageKey()).isEqualTo("approval.decide.ownRequest");
        for (CurrentUser u : new CurrentUser[]{ADMIN, HEAD, RM, REFERRER}) {
            assertThatThrownBy(() -> AccessPolicy.requireMayDecideApproval(u, 99))
                    .extracting(e -> ((CrmException) e).messageKey()).isEqualTo("approval.decide.forbidden");
        }
    }

    @Test
    void whoeverWorksTheDealAsItsOwnerRequestsApproval() {
        OpportunityAccess inScope = new OpportunityAccess(true, null);
        assertThat(AccessPolicy.mayRequestApproval(RM, inScope)).isTrue();
        assertThat(AccessPolicy.mayRequestApproval(RM, new OpportunityAccess(false, null))).isFalse();
        assertThat(AccessPolicy.mayRequestApproval(HEAD, inScope)).isTrue();
        assertThat(AccessPolicy.mayRequestApproval(ADMIN, inScope)).isTrue();
        assertThat(AccessPolicy.mayRequestApproval(APPROVER, inScope)).isFalse();
        assertThat(AccessPolicy.mayRequestApproval(RM, new OpportunityAccess(false,
                org.bankcrm.domain.opportunity.TeamRole.CO_OWNER))).isTrue();
        assertThat(AccessPolicy.mayRequestApproval(RM, new OpportunityAccess(false,
                org.bankcrm.domain.opportunity.TeamRole.SUPPORT))).isFalse();
        assertThatThrownBy(() -> AccessPolicy.requireMayRequestApproval(REFERRER, new OpportunityAccess(true, null)))
                .extracting(e -> ((CrmException) e).messageKey()).isEqualTo("approval.request.forbidden");
    }

    @Test
    void teamRolesWorkAnOpportunityAsD44Says() {
        var scope = new OpportunityAccess(true, null);
        var coOwner = new OpportunityAccess(false, org.bankcrm.domain.opportunity.TeamRole.CO_OWNER);
        var support = new OpportunityAccess(false, org.bankcrm.domain.opportunity.TeamRole.SUPPORT);
        var nobody = new OpportunityAccess(false, null);
        assertThat(AccessPolicy.mayChangeOpportunity(RM, scope)).isTrue();
        assertThat(AccessPolicy.mayChangeOpportunity(RM, coOwner)).isTrue();
        assertThat(AccessPolicy.mayChangeOpportunity(RM, support)).isFalse();
        assertThat(AccessPolicy.mayContribute(RM, support)).isTrue();
        assertThat(AccessPolicy.mayContribute(RM, nobody)).isFalse();
        assertThat(AccessPolicy.mayManageTeam(HEAD, scope)).isTrue();
        assertThat(AccessPolicy.mayManageTeam(HEAD, coOwner)).isFalse();
        assertThat(AccessPolicy.mayManageTeam(REFERRER, scope)).isFalse();
        assertThat(AccessPolicy.mayJoinTeams(Role.REFERRER)).isFalse();
        assertThat(AccessPolicy.mayJoinTeams(Role.BRANCH_HEAD)).isTrue();
        assertThatThrownBy(() -> AccessPolicy.requireMayChangeOpportunity(RM, support))
                .isInstanceOf(org.bankcrm.domain.shared.ForbiddenException.class);
        assertThatThrownBy(() -> AccessPolicy.requireMayReopen(HEAD, coOwner))
                .isInstanceOf(org.bankcrm.domain.shared.ForbiddenException.class);
        assertThatCode(() -> AccessPolicy.requireMayReopen(HEAD, scope)).doesNotThrowAnyException();
    }
}
