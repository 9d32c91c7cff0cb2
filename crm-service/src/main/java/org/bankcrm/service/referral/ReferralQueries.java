package org.bankcrm.service.referral;

import java.time.Instant;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.referral.Referral;
import org.bankcrm.domain.referral.ReferralChannel;
import org.bankcrm.domain.referral.ReferralRepository;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.PageRequestParams;
import org.bankcrm.service.shared.Paged;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading referrals: a referrer sees their own, an RM those suggested to them, a head their subtree's. */
@Service
@RequiredArgsConstructor
public class ReferralQueries {

    /**
     * A referral as lists show it; the customer's name, never its personal data. {@code version}: what a decision
     * (accept, reject, route) sends back, so that one made on a referral someone has routed since is refused.
     */
    public record ReferralView(long id, String customerNo, String customerName, ReferralChannel channel,
                               String productCode, String need, String referrer, String suggestedRm,
                               Referral.Status status, String rejectReason, Long opportunityId, String opportunityStage,
                               Instant createdAt, int version) {

        /** The referral as shown: its need and a rejection's reason with phone and ID-like numbers masked. */
        static ReferralView of(Referral r) {
            return new ReferralView(r.getId(), r.getCustomer().getCustomerNo(), r.getCustomer().getName(),
                    r.getChannel(), r.getProduct() == null ? null : r.getProduct().getCode(),
                    Masking.inText(r.getNeed()), r.getReferrer().getUsername(),
                    r.getSuggestedRm() == null ? null : r.getSuggestedRm().getUsername(), r.getStatus(),
                    Masking.inText(r.getRejectReason()), r.getOpportunity() == null ? null : r.getOpportunity().getId(),
                    r.getOpportunity() == null ? null : r.getOpportunity().getStage().name(), r.getCreatedAt(),
                    r.getVersion());
        }
    }

    private final ReferralRepository referrals;

    @Transactional(readOnly = true)
    public Paged<ReferralView> visible(CurrentUser user, Referral.Status status, Integer page, Integer size) {
        AccessPolicy.requireMayUseReferrals(user);
        Specification<Referral> spec = visibleTo(user);
        if (status != null) {
            spec = spec.and((root, q, cb) -> cb.equal(root.get("status"), status));
        }
        var request = PageRequestParams.of(page, size, 20, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
        return Paged.of(referrals.findShown(spec, request), ReferralView::of);
    }

    static Specification<Referral> visibleTo(CurrentUser user) {
        // Referrals are seen by the scope over the RM they are suggested to; referrers, whose scope holds no
        // records, see the referrals they made.
        return AccessPolicy.mayDecideReferrals(user) ? ScopeSql.visibleTo(user.scope(), "suggestedRm", "branch")
                : (root, q, cb) -> cb.equal(root.get("referrer").get("id"), user.id());
    }

}
