package org.bankcrm.service.customer;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.customer.MonthlyAumRepository;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A customer's AUM month by month, as the nightly feed delivered it. */
@Service
@RequiredArgsConstructor
public class CustomerAumHistory {

    /** A month of the AUM history. */
    public record AumPoint(YearMonth month, BigDecimal avgAum) {
    }

    private final CustomerService customers;
    private final MonthlyAumRepository aumRepository;

    @Transactional(readOnly = true)
    public List<AumPoint> aumHistory(CurrentUser user, String customerNo) {
        Customer c = customers.find(user, customerNo);
        return aumRepository.findByKeyCustomerIdOrderByKeyMonth(c.getId()).stream()
                .map(a -> new AumPoint(a.month(), a.getAvgAum())).toList();
    }
}
