package org.bankcrm.web.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import lombok.Data;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.service.customer.CustomerService.NewCustomer;
import org.springframework.format.annotation.DateTimeFormat;

/** The new-customer form, as the browser posts it. */
@Data
public class CustomerForm {

    private String customerNo;
    private CustomerType type = CustomerType.RETAIL;
    private String name;
    private String idNo;
    private String phone;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate birthDate;
    private String employerNo;
    private String industry;
    private CompanySize companySize;
    private String branchCode;
    private String ownerRm;
    private BigDecimal aum;
    private BigDecimal annualContribution;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate lastTxnOn;

    NewCustomer toCommand() {
        return new NewCustomer(customerNo, type, name, blank(idNo), blank(phone), birthDate, blank(employerNo),
                blank(industry), companySize, branchCode, blank(ownerRm), aum, annualContribution, lastTxnOn);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
