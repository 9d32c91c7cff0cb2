package org.bankcrm.domain.referral;

import java.util.Optional;
import org.bankcrm.domain.shared.FetchJoins;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface ReferralRepository extends JpaRepository<Referral, Long>, JpaSpecificationExecutor<Referral> {

    /** A page of the referrals {@code spec} selects, with what the list shows of each (fetch joins, D61). */
    default Page<Referral> findShown(Specification<Referral> spec, Pageable pageable) {
        return findAll(spec.and(shown()), pageable);
    }

    /** The one referral {@code spec} selects, with what its page shows (fetch joins, D61). */
    default Optional<Referral> findOneShown(Specification<Referral> spec) {
        return findOne(spec.and(shown()));
    }

    private static Specification<Referral> shown() {
        return FetchJoins.of("customer", "product", "referrer", "suggestedRm", "opportunity");
    }
}
