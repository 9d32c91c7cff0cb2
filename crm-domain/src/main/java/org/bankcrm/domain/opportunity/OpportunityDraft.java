package org.bankcrm.domain.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.product.Product;

/**
 * Everything a new opportunity starts with. {@code owner} may be null only for system-discovered
 * opportunities of a customer without an owner (the branch's unassigned queue). {@code campaignId} names the
 * campaign whose target opened it (source {@code CAMPAIGN}), else null.
 */
public record OpportunityDraft(
        Customer customer,
        Product product,
        String title,
        BigDecimal amount,
        LocalDate expectedCloseDate,
        Source source,
        String sourceDetail,
        String discoveryRule,
        RiskLevel riskLevel,
        Competition competition,
        int needStrength,
        StaffUser owner,
        String requestKey,
        Long campaignId) {

    /** A draft opened outside any campaign. */
    public OpportunityDraft(Customer customer, Product product, String title, BigDecimal amount,
                            LocalDate expectedCloseDate, Source source, String sourceDetail, String discoveryRule,
                            RiskLevel riskLevel, Competition competition, int needStrength, StaffUser owner,
                            String requestKey) {
        this(customer, product, title, amount, expectedCloseDate, source, sourceDetail, discoveryRule, riskLevel,
                competition, needStrength, owner, requestKey, null);
    }
}
