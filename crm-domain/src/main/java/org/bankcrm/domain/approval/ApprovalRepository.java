package org.bankcrm.domain.approval;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApprovalRepository extends JpaRepository<Approval, Long> {

    /** The opportunity's pending request, if any (at most one: {@code approval_pending_once}). */
    Optional<Approval> findFirstByOpportunityIdAndStatus(Long opportunityId, ApprovalStatus status);

    /** The opportunity's latest request. */
    Optional<Approval> findFirstByOpportunityIdOrderByIdDesc(Long opportunityId);
}
