package org.bankcrm.domain.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.product.Product;
import org.bankcrm.domain.shared.Masking;

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

    /**
     * The title an opportunity gets when none is given: the customer's name and the product's. A title is shown in
     * every list to everyone who sees the opportunity and refuses personal numbers when typed (D86), so a number in
     * the customer's name (a feed may carry one) is masked here.
     */
    public static String defaultTitle(Customer customer, Product product) {
        return Masking.inText(customer.getName()) + " · " + product.getNameZh();
    }
}
