package org.bankcrm.domain.customer;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TierThresholdRepository extends JpaRepository<TierThreshold, TierThreshold.Key> {

    List<TierThreshold> findAllByOrderByKeyCustomerTypeAscSortOrderAsc();

    /** The thresholds as a rule object. */
    default TierPolicy policy() {
        return TierPolicy.of(findAllByOrderByKeyCustomerTypeAscSortOrderAsc().stream()
                .map(t -> new TierPolicy.Threshold(t.tier(), t.getLowerBound()))
                .toList());
    }
}
