package org.bankcrm.domain.customer;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the bank knows about a customer besides its number, type, branch and owner: the fields of the
 * {@code customers} feed. Used to register and to update a customer, from a form, the API or a feed.
 */
public record CustomerFacts(
        String name,
        String idNo,
        String phone,
        LocalDate birthDate,
        String employerNo,
        String industry,
        CompanySize companySize,
        BigDecimal aum,
        BigDecimal annualContribution,
        LocalDate lastTxnOn) {
}
