package org.bankcrm.service.customer;

import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.customer.CustomerRepository;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.product.ProductCodes;
import org.bankcrm.service.customer.CustomerQueries.LinkageCounts;
import org.bankcrm.service.customer.CustomerViews.CustomerSummary;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Corporate–retail linkage (公私联动) of a corporate customer: how many retail customers name it as employer, how
 * many of them hold a credit card ({@link ProductCodes#CREDIT_CARD}), and the open opportunities among them; the
 * employees themselves as far as the caller's scope shows them.
 */
@Service
@RequiredArgsConstructor
public class CustomerLinkage {

    /** The linkage; {@code visible} holds at most the first 50 employees in the caller's scope. */
    public record Linkage(long employees, long withCreditCard, long withOpenOpportunity,
                          List<CustomerSummary> visible) {
    }

    private final CustomerService customers;
    private final CustomerRepository repository;
    private final CustomerQueries queries;

    @Transactional(readOnly = true)
    public Linkage linkage(CurrentUser user, String customerNo) {
        Customer c = customers.find(user, customerNo);
        if (c.getType() != CustomerType.CORPORATE) {
            return new Linkage(0, 0, 0, List.of());
        }
        LinkageCounts counts = queries.linkage(c.getCustomerNo());
        var visible = repository.findAll(CustomerSpecs.visibleTo(user.scope())
                        .and((root, q, cb) -> cb.equal(root.get("employerNo"), c.getCustomerNo())),
                PageRequest.of(0, 50, Sort.by("customerNo")))
                .map(CustomerSummary::of).getContent();
        return new Linkage(counts.employees(), counts.withCreditCard(), counts.withOpenOpportunity(), visible);
    }
}
