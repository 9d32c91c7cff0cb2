package org.bankcrm.service.coverage;

import java.time.Clock;
import java.time.LocalDate;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.ContactStatus;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.service.coverage.CustomerContactQuery.LastContact;
import org.bankcrm.service.customer.CustomerService;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's standing against its tier's service standard today (the customer page's card): the standard, the
 * status {@link CoverageQuery#contactOf} computes for every figure, and which follow-up the last contact was.
 */
@Service
@RequiredArgsConstructor
public class CustomerStandingService {

    /** {@code last} is null when never contacted by a counting type (or without a standard). */
    public record Standing(ServiceStandard standard, ContactStatus status, LastContact last) {
    }

    private final CustomerService customers;
    private final ServiceStandardStore standards;
    private final CoverageQuery coverage;
    private final CustomerContactQuery contacts;
    private final Clock clock;

    @Transactional(readOnly = true)
    public Standing of(CurrentUser user, String customerNo) {
        Customer c = customers.find(user, customerNo);
        LocalDate today = LocalDate.now(clock);
        ServiceStandard standard = standards.find(c.getTier()).orElseThrow();
        ContactStatus status = coverage.contactOf(c.getId(), today).orElseThrow();
        LastContact last = status.lastContactOn() == null ? null : contacts.lastContact(c.getId(), today).orElse(null);
        return new Standing(standard, status, last);
    }
}
