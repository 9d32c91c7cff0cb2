package org.bankcrm.service.opportunity;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.Texts;
import org.springframework.data.jpa.domain.Specification;

/** Query parts for opportunities; {@link #visibleTo(Scope)} is part of every query a user triggers. */
final class OpportunitySpecs {

    private OpportunitySpecs() {
    }

    /**
     * The user's scope over opportunities, by owner and branch, or their team's membership ({@link ScopeSql}):
     * {@code teamOpportunityIds} are the ids of the user's teams, read in the same transaction.
     */
    static Specification<Opportunity> visibleTo(Scope scope, Collection<Long> teamOpportunityIds) {
        return ScopeSql.opportunityVisibleTo(scope, teamOpportunityIds);
    }

    /** The opportunities whose team the user is a member of ({@code ?member=me}, D44), by their ids. */
    static Specification<Opportunity> memberOf(Collection<Long> teamOpportunityIds) {
        return ScopeSql.withIds(teamOpportunityIds);
    }

    /**
     * Opportunities under approval (any request, pending or decided) within the user's approval scope
     * ({@link Scope#ofApprovals}, D45): what a risk officer reads.
     */
    static Specification<Opportunity> underApproval(Scope approvalScope) {
        return ScopeSql.<Opportunity>visibleTo(approvalScope, "owner", "branch").and(askedForApproval());
    }

    /** Opportunities with an approval request, pending or decided. */
    static Specification<Opportunity> askedForApproval() {
        return (root, query, cb) -> {
            var sub = query.subquery(Long.class);
            var a = sub.from(org.bankcrm.domain.approval.Approval.class);
            sub.select(a.get("id")).where(cb.equal(a.get("opportunity"), root));
            return cb.exists(sub);
        };
    }

    /** In stage {@code stage}. */
    static Specification<Opportunity> inStage(Stage stage) {
        return (root, query, cb) -> stage(root, cb, stage);
    }

    /**
     * A stage with the status it implies (the table's check {@code opportunity_status}): the same rows, and the
     * owner's and branch's indexes on (…, status, stage) can be read by both, not by the owner or branch alone.
     */
    private static Predicate stage(Root<Opportunity> root, CriteriaBuilder cb, Stage stage) {
        return cb.and(cb.equal(root.get("status"), stage.status()), cb.equal(root.get("stage"), stage));
    }

    static Specification<Opportunity> id(long id) {
        return (root, query, cb) -> cb.equal(root.get("id"), id);
    }

    static Specification<Opportunity> matching(OpportunityService.OpportunityQuery f) {
        return (root, query, cb) -> {
            List<Predicate> all = new ArrayList<>();
            if (f.status() != null) {
                all.add(cb.equal(root.get("status"), f.status()));
            }
            if (f.stage() != null) {
                all.add(stage(root, cb, f.stage()));
            }
            if (Texts.clean(f.owner()) != null) {
                all.add(cb.equal(root.get("owner").get("username"), f.owner().strip()));
            }
            if (Texts.clean(f.branch()) != null) {
                // A branch filter selects the branch and everything under it.
                all.add(cb.like(root.get("branch").get("path"), "%/" + Texts.likeLiteral(f.branch().strip()) + "/%",
                        '\\'));
            }
            if (f.source() != null) {
                all.add(cb.equal(root.get("source"), f.source()));
            }
            if (Texts.clean(f.band()) != null) {
                all.add(cb.equal(root.get("band"), f.band().strip()));
            }
            if (Texts.clean(f.productCode()) != null) {
                all.add(cb.equal(root.get("product").get("code"), f.productCode().strip()));
            }
            if (Texts.clean(f.customerNo()) != null) {
                all.add(cb.equal(root.get("customer").get("customerNo"), f.customerNo().strip()));
            }
            if (f.closeFrom() != null) {
                all.add(cb.greaterThanOrEqualTo(root.get("expectedCloseDate"), f.closeFrom()));
            }
            if (f.closeTo() != null) {
                all.add(cb.lessThanOrEqualTo(root.get("expectedCloseDate"), f.closeTo()));
            }
            String q = Texts.clean(f.q());
            if (q != null) {
                String pattern = "%" + Texts.likeLiteral(q) + "%";
                all.add(cb.or(cb.like(root.get("title"), pattern, '\\'),
                        cb.like(root.get("customer").get("name"), pattern, '\\'),
                        cb.like(root.get("customer").get("customerNo"), Texts.likeLiteral(q) + "%", '\\')));
            }
            return cb.and(all.toArray(Predicate[]::new));
        };
    }
}
